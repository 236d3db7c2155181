import { WEBHOOK_FAILED } from './codes';
import { nameClass, WorksectionError } from './worksection-error';

/**
 * Why a webhook delivery, or an event of it, did not reach the app's handler as it should: what the webhook
 * receiver hands to its `onError` hook. Worksection still got `200 {"status":"OK"}` for it (an error answer would
 * count against the hook, and 10 of them disable it), so this is the one place the failure shows.
 */
export type WebhookFailureReason =
  /** The body is not JSON (or not UTF-8, or nested too deep to read). */
  | 'malformed'
  /** The body is JSON, but one of its items is not an event (no `action`, no `object`). */
  | 'unreadable_event'
  /** The body was larger than the receiver's `maxBodyBytes`; it was answered 413. */
  | 'too_large'
  /** The body did not arrive completely (the sender went away, or took longer than `bodyTimeoutMs`). */
  | 'body_incomplete'
  /** The app's event handler threw or rejected; `cause` is what it threw. */
  | 'handler_failed'
  /** The app's event handler did not settle within `handlerTimeoutMs`. */
  | 'handler_timeout';

/** A webhook delivery or event the receiver could not hand on; `reason` says why (see {@link WebhookFailureReason}). */
export class WorksectionWebhookError extends WorksectionError {
  static {
    nameClass(this);
  }

  /** Why: a stable word, see {@link WebhookFailureReason}. */
  readonly reason: WebhookFailureReason;

  constructor(reason: WebhookFailureReason, message: string, options?: { cause?: unknown }) {
    super(message, WEBHOOK_FAILED, undefined, options);
    this.reason = reason;
  }
}
