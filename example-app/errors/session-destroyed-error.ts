import { AppError, nameClass } from './app-error';

/**
 * A write to a session that was destroyed (signed out, or replaced by a newer sign-in) was refused: the store keeps
 * a tombstone of every destroyed session id, so a request that read the session before it was destroyed cannot
 * bring it back by saving its copy. The request's user is signed out; the error is not an outage.
 */
export class SessionDestroyedError extends AppError {
  static {
    nameClass(this);
  }

  readonly code = 'SESSION_DESTROYED';

  constructor() {
    super('The session was destroyed meanwhile (signed out); it was not saved.');
  }
}
