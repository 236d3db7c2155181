import { WorksectionOAuthError } from './oauth-error';

// league/oauth2-server, behind Worksection's OAuth, answers an exception of its own with `server_error`: that says
// nothing about the refresh token, and neither does `temporarily_unavailable` (RFC 6749 4.1.2.1).
const TRANSIENT_OAUTH_ERRORS: ReadonlySet<string> = new Set(['server_error', 'temporarily_unavailable']);

/**
 * @internal
 * Whether `err` is Worksection's own "no" to a refresh token (`invalid_grant`, `invalid_request` "Token has been
 * revoked" / "Cannot decrypt the refresh token", …): an OAuth error answer other than a transient one. Only such an
 * answer ends a grant; a timeout, a lost connection or a 5xx says nothing about the token.
 */
export function isGrantRefusal(err: unknown): err is WorksectionOAuthError {
  return err instanceof WorksectionOAuthError && !TRANSIENT_OAUTH_ERRORS.has(err.error);
}
