// Codes of the emulator's own error classes, one per class. They are stable across versions: compare `err.code`
// with them. (What the emulator answers on the wire is Worksection's words, carried by the errors' other fields.)

/** {@link OAuthError}: an OAuth answer in league/oauth2-server's words (`error` and `errorDescription`). */
export const OAUTH_ERROR = 'EMULATOR_OAUTH_ERROR';
/** {@link AccessTokenError}: the account API or `/oauth2/resource` refused an access token. */
export const ACCESS_TOKEN_REFUSED = 'EMULATOR_ACCESS_TOKEN_REFUSED';
/** {@link JwtError}: a string is not an access token this emulator signed, or it expired. */
export const JWT_INVALID = 'EMULATOR_JWT_INVALID';
/** {@link UnsealError}: a string is not a code or refresh token this emulator sealed. */
export const UNSEAL_FAILED = 'EMULATOR_UNSEAL_FAILED';
/** {@link ApiError}: the account API's `{"status":"error",…}` answer. */
export const API_ERROR = 'EMULATOR_API_ERROR';
/** {@link MultipartError}: a `multipart/form-data` body the account API cannot read. */
export const MULTIPART_INVALID = 'EMULATOR_MULTIPART_INVALID';
/** {@link BodyTooLargeError}: a request body over the emulator's limit. */
export const BODY_TOO_LARGE = 'EMULATOR_BODY_TOO_LARGE';
