import { summarizeCause } from './cause-summary';
import { REAUTH_REQUIRED } from './codes';
import { nameClass, WorksectionError } from './worksection-error';
import { WorksectionOAuthError } from './oauth-error';

/**
 * The access token had expired and refreshing it failed, so this grant can no longer be used: send the user
 * through "Sign in with Worksection" again (e.g. clear the stored tokens and redirect to your sign-in route).
 *
 * The refresh is never retried with the same refresh token: Worksection rotates refresh tokens, so when the
 * answer was lost (`reason` is a timeout or network code) Worksection may already have revoked the one we
 * sent. The client keeps the old tokens; `cause` is the error of the refresh (typed, secret-free).
 */
export class WorksectionReauthError extends WorksectionError {
  static {
    nameClass(this);
  }

  /** Why the refresh failed: Worksection's `error` (e.g. `invalid_request`) or one of our codes (e.g. `WORKSECTION_TIMEOUT`). */
  readonly reason: string;

  constructor(cause: unknown) {
    const reason = cause instanceof WorksectionError ? cause.code : 'unknown';
    super(reauthMessage(cause, reason), REAUTH_REQUIRED, undefined, { cause: summarizeCause(cause) });
    this.reason = reason;
  }
}

function reauthMessage(cause: unknown, reason: string): string {
  const again = 'Send the user through "Sign in with Worksection" again; the old tokens were kept.';
  if (cause instanceof WorksectionOAuthError) {
    const words = cause.description === undefined ? cause.error : `${cause.error}: ${cause.description}`;
    return `Worksection refused to refresh the access token (${words}), so this grant can no longer be used. ${again}`;
  }
  return (
    `Refreshing the access token did not complete (${reason}). Worksection may already have rotated the refresh ` +
    `token, so it is not retried. ${again}`
  );
}
