import { AppError, nameClass } from './app-error';

/** The session store failed or did not answer in time. The app answers 503 and the request can be retried. */
export class SessionStoreUnavailableError extends AppError {
  static {
    nameClass(this);
  }

  readonly code = 'SESSION_STORE_UNAVAILABLE';
  /** The store call that failed, e.g. `get`. */
  readonly operation: string;

  constructor(operation: string, reason: string) {
    super(`The session store is unavailable (${operation}: ${reason}).`);
    this.operation = operation;
  }
}
