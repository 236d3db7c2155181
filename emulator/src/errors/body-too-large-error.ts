import { BODY_TOO_LARGE } from './codes';
import { EmulatorError, nameClass } from './emulator-error';

/** Thrown by `readRequest` when a body exceeds the emulator's limit: nothing legitimate sent to Worksection comes close. */
export class BodyTooLargeError extends EmulatorError {
  static {
    nameClass(this);
  }

  constructor(message: string) {
    super(message, BODY_TOO_LARGE);
  }
}
