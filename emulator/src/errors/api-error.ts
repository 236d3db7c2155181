import { API_ERROR } from './codes';
import { EmulatorError, nameClass } from './emulator-error';

/**
 * An account API failure, answered `{"status":"error","status_code","message"}` with HTTP 200 (Worksection answers
 * errors with 200; only token failures are HTTP 401), plus `message_details` on the messages Worksection sends it with.
 */
export class ApiError extends EmulatorError {
  static {
    nameClass(this);
  }

  /** Worksection's `status_code`. */
  readonly statusCode: number;
  /** `message_details`: which field or value the error is about; `undefined` where Worksection sends none. */
  readonly details: string | undefined;
  /** HTTP status of the answer. */
  readonly httpStatus: number;
  /** Why the emulator refused, for in-process callers only: live's answer does not say (see `fieldInvalid`). */
  readonly reason: string | undefined;

  constructor(statusCode: number, message: string, details?: string, httpStatus = 200, reason?: string) {
    super(message, API_ERROR);
    this.reason = reason;
    this.statusCode = statusCode;
    this.details = details;
    this.httpStatus = httpStatus;
  }
}
