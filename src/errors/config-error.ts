import { INVALID_OPTION } from './codes';
import { nameClass, WorksectionError } from './worksection-error';

/** The strategy or the client was constructed with a missing or wrong option (or set-up); `option` names it. */
export class WorksectionConfigError extends WorksectionError {
  static {
    nameClass(this);
  }

  /** The option at fault, e.g. `clientSecret`. */
  readonly option: string;

  constructor(option: string, message: string) {
    super(message, INVALID_OPTION);
    this.option = option;
  }
}
