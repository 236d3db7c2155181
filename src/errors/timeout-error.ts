import { TIMEOUT } from './codes';
import { nameClass, WorksectionError } from './worksection-error';

/** Worksection did not answer completely within the `timeout` option; the connection was closed. */
export class WorksectionTimeoutError extends WorksectionError {
  static {
    nameClass(this);
  }

  /** The timeout that elapsed, in milliseconds. */
  readonly timeout: number;

  constructor(message: string, timeout: number) {
    super(message, TIMEOUT);
    this.timeout = timeout;
  }
}
