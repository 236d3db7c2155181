// Codes of the failures this package detects itself (Worksection's own `error` values are kept as they come,
// on WorksectionOAuthError). They are stable across versions: compare `err.code` with them.

/** Worksection answered with an HTTP status that carries no usable answer (e.g. nginx's 502 page). */
export const UNEXPECTED_STATUS = 'WORKSECTION_UNEXPECTED_STATUS';
/** Worksection answered with a redirect; redirects are never followed so secrets are not re-sent elsewhere. */
export const UNEXPECTED_REDIRECT = 'WORKSECTION_UNEXPECTED_REDIRECT';
/** The answer's content type is not JSON. */
export const UNEXPECTED_CONTENT_TYPE = 'WORKSECTION_UNEXPECTED_CONTENT_TYPE';
/** The answer is not valid JSON (often: cut short). */
export const INVALID_JSON = 'WORKSECTION_INVALID_JSON';
/** The answer is larger than the 1 MiB cap. */
export const BODY_TOO_LARGE = 'WORKSECTION_BODY_TOO_LARGE';
/** The answer is JSON of the wrong shape: a missing or non-string field, a token type other than Bearer… */
export const INVALID_RESPONSE = 'WORKSECTION_INVALID_RESPONSE';
/** The `account_url` is neither `https://*.worksection.com` nor on the origin of `baseURL`. */
export const UNTRUSTED_ACCOUNT_URL = 'WORKSECTION_UNTRUSTED_ACCOUNT_URL';
/** No complete answer within the `timeout` option. */
export const TIMEOUT = 'WORKSECTION_TIMEOUT';
/** The connection failed or broke before the answer was complete. */
export const NETWORK_ERROR = 'WORKSECTION_NETWORK_ERROR';
/** An option of the strategy is missing or wrong. */
export const INVALID_OPTION = 'WORKSECTION_INVALID_OPTION';

/** Facts about an HTTP answer that are safe to show: never its body. */
export interface ResponseFacts {
  /** HTTP status, when an answer arrived. */
  status?: number;
  /** `Content-Type` header, when an answer arrived. */
  contentType?: string;
}

/**
 * Base class of every error this package raises. `code` is stable; `message` says what happened and what to do.
 * No message, `String(err)` or `JSON.stringify(err)` contains the client secret, a token or a code.
 */
export class WorksectionError extends Error {
  /** Stable machine-readable code: one of the exported constants, or Worksection's own `error`. */
  readonly code: string;
  /** HTTP status of Worksection's answer, when there was one (none for an error in the callback's query). */
  readonly status?: number;

  constructor(message: string, code: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    if (status !== undefined) this.status = status;
  }

  /** What `JSON.stringify` shows: the safe fields only (never `cause`, which may hold a low-level error). */
  toJSON(): Record<string, unknown> {
    const { name, code, message } = this;
    const safe: Record<string, unknown> = { name, code, message };
    for (const key of ['status', 'contentType', 'error', 'description', 'option'] as const) {
      const value = (this as Record<string, unknown>)[key];
      if (value !== undefined) safe[key] = value;
    }
    return safe;
  }
}

/**
 * Worksection said no: its answer had an `error` field (Worksection sends these with HTTP 200).
 * `code` and `error` are Worksection's `error` (e.g. `invalid_client`), `description` its
 * `errorDescription` (or `error_description`), `status` the HTTP status.
 */
export class WorksectionOAuthError extends WorksectionError {
  /** Worksection's `error`, e.g. `invalid_request`. */
  readonly error: string;
  /** Worksection's `errorDescription` / `error_description`, e.g. "Authorization code has been revoked". */
  readonly description?: string;

  constructor(message: string, error: string, description?: string, status?: number) {
    super(message, error, status);
    this.error = error;
    if (description !== undefined) this.description = description;
  }
}

/**
 * Worksection's answer was not what it should be: an unexpected status, a redirect, a content type other
 * than JSON, a body that is not JSON, cut short or over 1 MiB, JSON of the wrong shape, or an untrusted
 * `account_url`. Keeps `status` and `contentType`, never the body.
 */
export class WorksectionResponseError extends WorksectionError {
  /** `Content-Type` of the answer, when there was one. */
  readonly contentType?: string;

  constructor(message: string, code: string, facts: ResponseFacts = {}) {
    super(message, code, facts.status);
    if (facts.contentType !== undefined) this.contentType = facts.contentType;
  }
}

/** Worksection did not answer completely within the `timeout` option; the connection was closed. */
export class WorksectionTimeoutError extends WorksectionError {
  /** The timeout that elapsed, in milliseconds. */
  readonly timeout: number;

  constructor(message: string, timeout: number) {
    super(message, TIMEOUT);
    this.timeout = timeout;
  }
}

/** The connection to Worksection failed or broke (refused, reset, DNS…). The low-level error is `cause`. */
export class WorksectionNetworkError extends WorksectionError {
  /** `Content-Type` of the answer, when the connection broke during the body. */
  readonly contentType?: string;

  constructor(message: string, facts: ResponseFacts, cause: unknown) {
    super(message, NETWORK_ERROR, facts.status, { cause });
    if (facts.contentType !== undefined) this.contentType = facts.contentType;
  }
}

/** The strategy was constructed or called with a missing or wrong option; `option` names it. */
export class WorksectionConfigError extends WorksectionError {
  /** The option at fault, e.g. `clientSecret`. */
  readonly option: string;

  constructor(option: string, message: string) {
    super(message, INVALID_OPTION);
    this.option = option;
  }
}

// `name` lives on the prototypes (non-enumerable, and already set when Error captures the stack header).
for (const ErrorClass of [
  WorksectionError,
  WorksectionOAuthError,
  WorksectionResponseError,
  WorksectionTimeoutError,
  WorksectionNetworkError,
  WorksectionConfigError,
]) {
  Object.defineProperty(ErrorClass.prototype, 'name', {
    value: ErrorClass.name,
    writable: true,
    configurable: true,
  });
}
