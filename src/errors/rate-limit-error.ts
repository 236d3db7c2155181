import { RATE_LIMITED } from './codes';
import { nameClass, WorksectionError } from './worksection-error';

/**
 * Too many calls to one account. Either Worksection refused the call for its rate limit (about one request per
 * second per account): HTTP 429, or an error answer about request frequency, and then `status` is its HTTP status;
 * or the call would have waited longer than the client's `maxQueueWait` for its turn in the account's queue, and
 * was not sent. Either way the call was not carried out: try it again after `retryAfter` milliseconds
 * (`retryable` is `true`).
 *
 * @example
 * ```ts
 * try {
 *   await client.getProjects();
 * } catch (err) {
 *   if (err instanceof WorksectionRateLimitError) return res.status(503).set('Retry-After', String(Math.ceil((err.retryAfter ?? 1000) / 1000))).end();
 *   throw err;
 * }
 * ```
 */
export class WorksectionRateLimitError extends WorksectionError {
  static {
    nameClass(this);
  }

  /**
   * Milliseconds to wait before calling again: Worksection's `Retry-After` header, or how long the call would have
   * waited for its turn. Absent when Worksection refused without a `Retry-After`.
   */
  readonly retryAfter?: number;
  /** Always `true`: the same call may succeed later. */
  readonly retryable: true;

  constructor(message: string, retryAfter?: number, status?: number) {
    super(message, RATE_LIMITED, status);
    if (retryAfter !== undefined) this.retryAfter = retryAfter;
    this.retryable = true;
  }
}
