import type { WorksectionWebhookError } from '../errors/webhook-error';
import type { ReceivedWebhookEvent } from './webhook-event';

/** Options of {@link createWebhookReceiver} and {@link webhookMiddleware}. */
export interface WebhookReceiverOptions {
  /**
   * Called with each event of a delivery, in order, after Worksection has had its answer: neither its failure nor
   * its slowness can make the delivery count as an error against the hook. A throw or rejection goes to `onError`
   * (reason `handler_failed`); one that does not settle within `handlerTimeoutMs` too (reason `handler_timeout`),
   * and the next event is handed on.
   */
  onEvent: (event: ReceivedWebhookEvent) => void | Promise<void>;
  /**
   * Where what could not be handed on goes: a malformed body, an item that is not an event, a body too large or
   * incomplete, a handler that failed or ran out of time. Messages are one line without control characters.
   * Default: one line on `console.error`. Never called for a request that failed the Basic check.
   */
  onError?: (error: WorksectionWebhookError) => void;
  /**
   * The HTTP Basic pair given to `add_webhook` as `http_user`/`http_pass` (or in the hook's settings): the only
   * proof Worksection offers that a delivery is its own (it signs nothing). When set, any request without exactly
   * this pair is answered 401 and nothing of it is read or handed on. Strongly recommended.
   */
  basicAuth?: { user: string; pass: string };
  /** Largest body read, in bytes; a larger one is answered 413 and reported (`too_large`). Default 1 MiB. */
  maxBodyBytes?: number;
  /** Milliseconds the whole body may take to arrive; past them it is answered 408 and reported. Default 4000 (Worksection waits 5 s). */
  bodyTimeoutMs?: number;
  /** Milliseconds `onEvent` may take for one event before it is reported (`handler_timeout`). Default 30,000. */
  handlerTimeoutMs?: number;
  /** How long a delivered item is remembered to flag a repeat as `duplicate`, ms. Default 10 minutes. */
  duplicateWindowMs?: number;
  /** How many items are remembered at most for `duplicate` (the oldest forgotten first). Default 10,000. */
  duplicateMemory?: number;
}

/** @internal The defaults of {@link WebhookReceiverOptions}. */
export const RECEIVER_DEFAULTS = {
  maxBodyBytes: 1024 * 1024,
  bodyTimeoutMs: 4000,
  handlerTimeoutMs: 30_000,
  duplicateWindowMs: 10 * 60_000,
  duplicateMemory: 10_000,
} as const;
