import { OAUTH_ERROR } from './codes';
import { EmulatorError, nameClass } from './emulator-error';

/**
 * A league/oauth2-server 8.x `OAuthServerException`: an error code, league's message and an optional hint.
 * Worksection's front end reports it as `{"error", "errorDescription"}` where the description is the hint
 * when there is one, else the message ("Client authentication failed" has no hint; "Authorization code has
 * been revoked" is the hint of an invalid_request). See {@link OAuthError.body}.
 */
export class OAuthError extends EmulatorError {
  static {
    nameClass(this);
  }

  /** league's `error` code, e.g. `invalid_request`. */
  readonly error: string;
  /** league's hint, when it gives one. */
  readonly hint?: string;

  constructor(error: string, message: string, hint?: string) {
    super(message, OAUTH_ERROR);
    this.error = error;
    if (hint !== undefined) this.hint = hint;
  }

  /** What Worksection puts in `errorDescription`. */
  get description(): string {
    return this.hint ?? this.message;
  }

  /** The exact body Worksection sends: only these two keys, in this order. */
  body(): { error: string; errorDescription: string } {
    return { error: this.error, errorDescription: this.description };
  }
}
