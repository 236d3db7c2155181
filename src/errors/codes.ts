// The codes of every error this package raises, stable across versions: compare `err.code` with them.
// Worksection's own words (its OAuth `error`, e.g. `invalid_grant`) are never codes: they are kept as they come in
// WorksectionOAuthError's `error` and `description`.

/** Worksection refused an OAuth request with an `error` of its own (see WorksectionOAuthError's `error`). */
export const OAUTH_ERROR = 'WORKSECTION_OAUTH_ERROR';
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
/** The profile's `account_url` is not the token answer's: the two answers describe different accounts. */
export const ACCOUNT_URL_MISMATCH = 'WORKSECTION_ACCOUNT_URL_MISMATCH';
/** No complete answer within the `timeout` option. */
export const TIMEOUT = 'WORKSECTION_TIMEOUT';
/** The connection failed or broke before the answer was complete. */
export const NETWORK_ERROR = 'WORKSECTION_NETWORK_ERROR';
/** An option of the strategy or the client is missing or wrong. */
export const INVALID_OPTION = 'WORKSECTION_INVALID_OPTION';
/** An argument of a method call is missing or wrong (an empty refresh token, an action name with spaces…). */
export const INVALID_ARGUMENT = 'WORKSECTION_INVALID_ARGUMENT';
/** The account API answered `{"status":"error",…}`. */
export const API_ERROR = 'WORKSECTION_API_ERROR';
/** The tokens could not be refreshed; the user must sign in again. */
export const REAUTH_REQUIRED = 'WORKSECTION_REAUTH_REQUIRED';
/** Refreshing the tokens did not complete (timeout, connection, 5xx, not JSON) but Worksection did not refuse it: try again. */
export const REFRESH_FAILED = 'WORKSECTION_REFRESH_FAILED';
/** Too many calls to one account: Worksection refused one for its rate limit, or the call would wait too long for its turn. */
export const RATE_LIMITED = 'WORKSECTION_RATE_LIMITED';
/** The admin API refused the call's signature ("Action hash is missed or invalid"): check the API key and the clock. */
export const API_KEY_REFUSED = 'WORKSECTION_API_KEY_REFUSED';
/** A webhook delivery the receiver could not use, or the app's event handler failed or ran past its time. */
export const WEBHOOK_FAILED = 'WORKSECTION_WEBHOOK_FAILED';
