/**
 * Base class of the errors the emulator throws inside itself. `code` is one of the constants of `codes.ts` and
 * stays the same across versions; `name` is the class name. The emulator keeps this small copy of the library's
 * pattern (`passport-worksection`'s `WorksectionError`) rather than importing it: the two packages do not share code.
 */
export class EmulatorError extends Error {
  static {
    nameClass(this);
  }

  /** Stable machine-readable code: one of the constants of `codes.ts`. */
  readonly code: string;

  constructor(message: string, code: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Puts `name` on a class's prototype: non-enumerable, and already in place when `Error` writes the stack header
 * (a field set in the constructor would come too late for the stack).
 */
export function nameClass(ErrorClass: { name: string; prototype: Error }): void {
  Object.defineProperty(ErrorClass.prototype, 'name', { value: ErrorClass.name, writable: true, configurable: true });
}
