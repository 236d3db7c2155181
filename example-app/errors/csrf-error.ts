import { AppError, nameClass } from './app-error';

/** Thrown (as a 403) when a POST lacks the session's CSRF token or comes from another site. */
export class CsrfError extends AppError {
  static {
    nameClass(this);
  }

  readonly code = 'CSRF_REJECTED';
  /** The HTTP status the app answers with. */
  readonly status = 403;

  constructor() {
    super('The form was stale or did not come from this site. Reload the page and try again.');
  }
}
