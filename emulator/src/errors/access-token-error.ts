import { ACCESS_TOKEN_REFUSED } from './codes';
import { EmulatorError, nameClass } from './emulator-error';

/** Why an access token was refused; `expired` lets the account API answer HTTP 401 "Access token is expired" as Worksection does. */
export class AccessTokenError extends EmulatorError {
  static {
    nameClass(this);
  }

  /** Whether the token was refused only for having expired. */
  readonly expired: boolean;

  constructor(message: string, expired: boolean) {
    super(message, ACCESS_TOKEN_REFUSED);
    this.expired = expired;
  }
}
