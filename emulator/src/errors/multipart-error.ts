import { MULTIPART_INVALID } from './codes';
import { EmulatorError, nameClass } from './emulator-error';

/** A body that is not well-formed `multipart/form-data`; the message says what is wrong (the account API answers it code 10). */
export class MultipartError extends EmulatorError {
  static {
    nameClass(this);
  }

  constructor(message: string) {
    super(message, MULTIPART_INVALID);
  }
}
