import { JWT_INVALID } from './codes';
import { EmulatorError, nameClass } from './emulator-error';

/** Why a token was refused, in firebase/php-jwt's words (Worksection's `/oauth2/resource` answers with them). */
export class JwtError extends EmulatorError {
  static {
    nameClass(this);
  }

  constructor(message: string) {
    super(message, JWT_INVALID);
  }
}
