import { AppError, nameClass } from './app-error';

/** The session store could not be opened at start-up. The message names the file or variable to fix. */
export class SessionStoreOpenError extends AppError {
  static {
    nameClass(this);
  }

  readonly code = 'SESSION_STORE_OPEN_FAILED';
}
