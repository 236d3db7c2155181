import { nameClass, WorksectionError } from './worksection-error';

/**
 * Worksection said no: its answer had an `error` field (Worksection sends these with HTTP 200).
 * `code` and `error` are Worksection's `error` (e.g. `invalid_client`), `description` its
 * `errorDescription` (or `error_description`), `status` the HTTP status.
 */
export class WorksectionOAuthError extends WorksectionError {
  static {
    nameClass(this);
  }

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
