import { OAUTH_ERROR } from './codes';
import { nameClass, WorksectionError } from './worksection-error';

/**
 * Worksection said no: its answer had an `error` field (Worksection sends these with HTTP 200), or the callback
 * carried one. `code` is always `WORKSECTION_OAUTH_ERROR`; Worksection's own words are kept apart from it, as
 * oauth4webapi's `ResponseBodyError` keeps them: `error` is Worksection's `error` (e.g. `invalid_client`),
 * `description` its `errorDescription` (or `error_description`), `status` the HTTP status.
 */
export class WorksectionOAuthError extends WorksectionError {
  static {
    nameClass(this);
  }

  /** Worksection's `error`, e.g. `invalid_request`: compare this, not `code`, to tell Worksection's refusals apart. */
  readonly error: string;
  /** Worksection's `errorDescription` / `error_description`, e.g. "Authorization code has been revoked". */
  readonly description?: string;

  constructor(message: string, error: string, description?: string, status?: number) {
    super(message, OAUTH_ERROR, status);
    this.error = error;
    if (description !== undefined) this.description = description;
  }
}
