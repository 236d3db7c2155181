import { summarizeCause } from './cause-summary';
import { failureReason } from './failure-reason';
import { REAUTH_REQUIRED } from './codes';
import { nameClass, WorksectionError } from './worksection-error';
import { WorksectionOAuthError } from './oauth-error';
import { WorksectionApiError } from './api-error';

/**
 * The grant is over: Worksection will not honour these tokens again, so send the user through "Sign in with
 * Worksection" again (e.g. clear the stored tokens and redirect to your sign-in route). This is the one error to
 * test for, from every part of the package. `strategy.refresh()` (and `WorksectionOAuth.refresh()`) and the clients
 * reject with it when Worksection refused to refresh the tokens (an OAuth error answer such as `invalid_grant`, or
 * `invalid_request` "Token has been revoked" / "Cannot decrypt the refresh token"; `reason` is Worksection's `error`,
 * `cause` the `WorksectionOAuthError` with its words); the clients also when the account API refused the access token
 * with HTTP 401 in a way a refresh did not cure ("Access token is invalid": a revoked grant; `reason` `invalid_token`,
 * `cause` the `WorksectionApiError`).
 *
 * Only Worksection's own "no" ends a grant: a refresh that failed any other way (a timeout, a lost connection, a
 * 5xx, `server_error`) is another error (from a client, a {@link WorksectionRefreshError}, tried again by the next
 * call). A client remembers the refusal for the process (see `RefreshOutcomes`), so clients built later from the same
 * tokens reject at once without asking again, and keeps the old tokens. `cause` is typed and secret-free.
 */
export class WorksectionReauthError extends WorksectionError {
  static {
    nameClass(this);
  }

  /** Why the refresh failed: Worksection's `error`, e.g. `invalid_request` or `invalid_grant`. */
  readonly reason: string;

  constructor(cause: unknown) {
    const reason = failureReason(cause);
    super(reauthMessage(cause, reason), REAUTH_REQUIRED, undefined, { cause: summarizeCause(cause) });
    this.reason = reason;
  }
}

function reauthMessage(cause: unknown, reason: string): string {
  const again = 'Send the user through "Sign in with Worksection" again.';
  if (cause instanceof WorksectionApiError) {
    return `Worksection refused the access token (${cause.message}), and a refresh cannot cure that: this grant can no longer be used. ${again}`;
  }
  if (cause instanceof WorksectionOAuthError) {
    const words = cause.description === undefined ? cause.error : `${cause.error}: ${cause.description}`;
    return `Worksection refused to refresh the access token (${words}), so this grant can no longer be used. ${again}`;
  }
  return `Refreshing the access token failed (${reason}), so this grant can no longer be used. ${again}`;
}
