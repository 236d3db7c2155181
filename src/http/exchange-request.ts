import type { JsonAnswer } from './answer';
import type { StreamedAnswer } from './streamed-answer';

/**
 * @internal
 * What one exchange sends, whichever transport carries it, and how it reads the answer. The headers travel
 * beside it, already merged by {@link postForm} or {@link requestBytes}.
 */
export interface ExchangeRequest {
  method: 'GET' | 'POST';
  /** A form or JSON text, or bytes (a multipart upload). */
  body?: string | Uint8Array | undefined;
  /**
   * Abandons the exchange (closing its connection) when aborted: it then rejects with the signal's reason. After a
   * streamed answer resolved, destroys its stream.
   */
  signal?: AbortSignal | undefined;
  /** The cap on a JSON answer, in bytes; default {@link MAX_BODY_BYTES}. */
  maxBytes?: number | undefined;
  /** Whether a 2xx answer that is not JSON is streamed (a download) rather than refused as not JSON. */
  stream?: boolean | undefined;
  /** Sent by the account-API client: an answer over the cap then names its `accountUrl` option, not the endpoint options. */
  accountApi?: boolean | undefined;
}

/** @internal What an exchange resolves: a JSON answer, or a streamed one too when the request may ask for it. */
export type AnswerTo<R extends ExchangeRequest> = R extends ExchangeRequest & { stream?: false } ? JsonAnswer : JsonAnswer | StreamedAnswer;
