import { AppError, nameClass } from './app-error';

/**
 * The session holds tokens or an account URL that the account-API client refuses to take (`field` names which):
 * the store's data was edited, or written by another app. Like a grant Worksection no longer honours, the session
 * cannot be used and is ended; unlike it, Worksection was not asked.
 */
export class UnusableSessionError extends AppError {
  static {
    nameClass(this);
  }

  readonly code = 'SESSION_UNUSABLE';

  constructor(readonly field: 'tokens' | 'accountUrl') {
    super(`The session's ${field} cannot be used by the account-API client; the session is ended.`);
  }
}
