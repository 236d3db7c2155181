import { summarizeCause } from './cause-summary';
import { failureReason } from './failure-reason';
import { REFRESH_FAILED } from './codes';
import { nameClass, WorksectionError } from './worksection-error';

/**
 * Refreshing the expired access token did not complete: no answer within `timeout`, a refused or broken connection,
 * a 5xx, an HTML page or a body that is not JSON. Worksection did not say no, so the grant is probably alive: the
 * client kept its tokens, remembers nothing, and its next call tries the refresh again (`retryable` is `true`).
 * Show "try again later"; do not sign the user out. `cause` is the refresh's error (typed, secret-free), `reason`
 * its code.
 *
 * Worksection rotates refresh tokens, so when the answer of the first attempt was lost after Worksection had
 * rotated, the retry is refused and ends in a {@link WorksectionReauthError}: only Worksection's own "no" ends a grant.
 */
export class WorksectionRefreshError extends WorksectionError {
  static {
    nameClass(this);
  }

  /**
   * The code of the refresh's error, e.g. `WORKSECTION_TIMEOUT`, `WORKSECTION_NETWORK_ERROR`, `WORKSECTION_UNEXPECTED_STATUS`,
   * or Worksection's own `error` when it answered one that is not a refusal of the grant (e.g. `server_error`).
   */
  readonly reason: string;
  /** Always `true`: the same call may succeed later, with the same tokens. */
  readonly retryable: true;

  constructor(cause: unknown) {
    const reason = failureReason(cause);
    super(
      `Refreshing the access token did not complete (${reason}), but Worksection did not refuse it: the tokens were kept ` +
        'and the next call tries the refresh again. Try again later; the user does not need to sign in again.',
      REFRESH_FAILED,
      undefined,
      { cause: summarizeCause(cause) },
    );
    this.reason = reason;
    this.retryable = true;
  }
}
