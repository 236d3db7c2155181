/** Facts about an HTTP answer that are safe to show: never its body. */
export interface ResponseFacts {
  /** HTTP status, when an answer arrived. */
  status?: number;
  /** `Content-Type` header, when an answer arrived. */
  contentType?: string;
}

/**
 * Base class of every error this package raises. `code` is stable; `message` says what happened and what to do.
 *
 * Every subclass follows one pattern: its fields are public, read-only, set in its constructor and safe to show,
 * and `JSON.stringify` shows `name`, `code`, `message` and those fields. No message, `String(err)`,
 * `JSON.stringify(err)` or `util.inspect(err)` contains the client secret, a token or a code: a `cause` is
 * either one of these errors or a secret-free summary of a low-level failure.
 */
export class WorksectionError extends Error {
  static {
    nameClass(this);
  }

  /** Stable machine-readable code: one of the exported `WORKSECTION_*` constants (Worksection's own words have fields of their own). */
  readonly code: string;
  /** HTTP status of Worksection's answer, when there was one (none for an error in the callback's query). */
  readonly status?: number;

  constructor(message: string, code: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    if (status !== undefined) this.status = status;
  }

  /** What `JSON.stringify` shows: the name, code, message and the subclass's own fields; never `cause` or `stack`. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    // Own enumerable properties are exactly the constructor-set fields: `cause`, `stack` and `message` are not enumerable.
    for (const [key, value] of Object.entries(this)) if (value !== undefined) json[key] = value;
    return json;
  }
}

/**
 * @internal
 * Puts `name` on a class's prototype: non-enumerable, and already in place when `Error` writes the stack header
 * (a field set in the constructor would come too late for the stack and show up in `Object.entries`).
 */
export function nameClass(ErrorClass: { name: string; prototype: Error }): void {
  Object.defineProperty(ErrorClass.prototype, 'name', { value: ErrorClass.name, writable: true, configurable: true });
}
