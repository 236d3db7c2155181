import { API_KEY_REFUSED } from './codes';
import { nameClass, WorksectionError } from './worksection-error';

/**
 * The admin API refused the signature of a call made with the account's API key: Worksection answered
 * `{"status":"error","status_code":2,"message":"Action hash is missed or invalid"}` (its documented answer, FAQ
 * https://worksection.com/en/faq/api-start.html), or HTTP 401. The key is wrong (or was regenerated), or this
 * machine's clock is off: the signature carries the time. Not retryable as is; the API key is never in the message.
 *
 * @example
 * ```ts
 * try {
 *   await admin.projects.list();
 * } catch (err) {
 *   if (err instanceof WorksectionApiKeyError) console.error('Check WORKSECTION_API_KEY:', err.message);
 *   throw err;
 * }
 * ```
 */
export class WorksectionApiKeyError extends WorksectionError {
  static {
    nameClass(this);
  }

  /** The action that was called, e.g. `get_projects`. */
  readonly action: string;
  /** Worksection's `status_code` (2), or the HTTP status when the answer had none. */
  readonly statusCode: number;
  /** Worksection's `message_details`; `''` when it sent none. */
  readonly details: string;

  constructor(action: string, statusCode: number, message: string, details: string, status: number) {
    super(message, API_KEY_REFUSED, status);
    this.action = action;
    this.statusCode = statusCode;
    this.details = details;
  }
}
