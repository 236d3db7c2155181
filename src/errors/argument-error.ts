import { INVALID_ARGUMENT } from './codes';
import { nameClass, WorksectionError } from './worksection-error';

/** A method was called with a missing or wrong argument, e.g. `refresh('')`; `argument` names it. */
export class WorksectionArgumentError extends WorksectionError {
  static {
    nameClass(this);
  }

  /** The argument at fault, e.g. `refreshToken`. */
  readonly argument: string;

  constructor(argument: string, message: string) {
    super(message, INVALID_ARGUMENT);
    this.argument = argument;
  }
}
