import { API_ERROR } from './codes';
import { EmulatorError, nameClass } from './emulator-error';

/**
 * An account API failure, answered `{"status":"error","status_code","message","message_details"}` with HTTP 200
 * (Worksection answers errors with 200; only token failures are HTTP 401).
 */
export class ApiError extends EmulatorError {
  static {
    nameClass(this);
  }

  /** Worksection's `status_code`. */
  readonly statusCode: number;
  /** `message_details`: which field, id or value the error is about. */
  readonly details: string;
  /** HTTP status of the answer. */
  readonly httpStatus: number;

  constructor(statusCode: number, message: string, details = '', httpStatus = 200) {
    super(message, API_ERROR);
    this.statusCode = statusCode;
    this.details = details;
    this.httpStatus = httpStatus;
  }
}
