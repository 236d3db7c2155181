import { API_ERROR } from './codes';
import { nameClass, WorksectionError } from './worksection-error';

/**
 * The account API said no: its answer was `{"status":"error","status_code":N,"message":"…","message_details":"…"}`
 * (Worksection sends these with HTTP 200, and with HTTP 401 for a token it does not accept).
 * `message` is Worksection's own `message`, `details` its `message_details`, `statusCode` its `status_code`,
 * `status` the HTTP status and `action` the action called.
 *
 * @example
 * ```ts
 * try {
 *   await client.getUsers();
 * } catch (err) {
 *   if (err instanceof WorksectionApiError && err.statusCode === 403) {
 *     // The user did not grant users_read: ask for it at the next sign-in.
 *   }
 * }
 * ```
 */
export class WorksectionApiError extends WorksectionError {
  static {
    nameClass(this);
  }

  /** Worksection's `status_code`, e.g. 403; the HTTP status when the answer had none. */
  readonly statusCode: number;
  /** Worksection's `message_details`, e.g. the missing field or scope; `''` when it sent none. */
  readonly details: string;
  /** The action that was called, e.g. `get_projects`. */
  readonly action: string;

  constructor(action: string, statusCode: number, message: string, details: string, status: number) {
    super(message, API_ERROR, status);
    this.action = action;
    this.statusCode = statusCode;
    this.details = details;
  }
}
