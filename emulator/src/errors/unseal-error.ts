import { UNSEAL_FAILED } from './codes';
import { EmulatorError, nameClass } from './emulator-error';

/** Thrown when a string is not a ciphertext sealed with this key: league's `LogicException` from `decrypt()`. */
export class UnsealError extends EmulatorError {
  static {
    nameClass(this);
  }

  constructor(message: string) {
    super(message, UNSEAL_FAILED);
  }
}
