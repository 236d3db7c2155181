import { WorksectionApiError } from './api-error';
import { WorksectionOAuthError } from './oauth-error';
import { WorksectionError } from './worksection-error';

/**
 * @internal
 * The `reason` a refresh error gives for its cause: Worksection's own `error` when it refused (its code is only
 * `WORKSECTION_OAUTH_ERROR`, which would not tell `invalid_grant` from `server_error`); `invalid_token` (RFC 6750's
 * name for it) when the account API refused the access token with HTTP 401; else the cause's code.
 */
export function failureReason(cause: unknown): string {
  if (cause instanceof WorksectionOAuthError) return cause.error;
  if (cause instanceof WorksectionApiError && cause.status === 401) return 'invalid_token';
  return cause instanceof WorksectionError ? cause.code : 'unknown';
}
