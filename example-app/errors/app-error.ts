/**
 * Base of the example app's own errors, in the pattern of the library's: a stable `code` (for logs and tests; the
 * message may change), a `name` equal to the class name, and a message that says what to do.
 */
export abstract class AppError extends Error {
  /** Stable machine-readable code, e.g. `CONFIG_INVALID`. */
  abstract readonly code: string;
}

/**
 * Puts `name` on a class's prototype (call it in the class's `static {}` block): there it is already in place when
 * `Error` writes the stack header, which a field set in the constructor would be too late for.
 */
export function nameClass(ErrorClass: { name: string; prototype: Error }): void {
  Object.defineProperty(ErrorClass.prototype, 'name', { value: ErrorClass.name, writable: true, configurable: true });
}
