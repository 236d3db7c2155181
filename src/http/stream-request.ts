import type { JsonAnswer } from './answer';
import type { ExchangeRequest } from './exchange-request';
import { viaFetch } from './fetch-transport';
import type { HttpSettings } from './settings';
import type { StreamedAnswer } from './streamed-answer';

/** @internal What {@link requestBytes} sends: a body of bytes (a multipart upload), or none (a download). */
export interface BytesRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: Uint8Array;
  /** Abandons the exchange when aborted, and after a streamed answer has resolved, destroys its stream. */
  signal?: AbortSignal | undefined;
  /** Whether a 2xx answer that is not JSON is streamed (a download) rather than refused as not JSON. */
  stream: boolean;
  /** The cap on a JSON answer, in bytes; default {@link MAX_BODY_BYTES}. */
  maxBytes?: number;
}

/**
 * The cap on an account-API answer: 64 MiB. Worksection answers every list whole, up to 10,000 records (no pages):
 * 10,000 tasks are about 3.5 MB, several times that with `extra=text,comments`. OAuth answers keep the 1 MiB cap.
 */
export const MAX_API_BODY_BYTES = 64 * 1024 * 1024;

/**
 * @internal
 * Sends an account-API `request` through the same transport and pool as {@link postForm} (timeout, redirect
 * refusal, JSON checks), with three differences: the body is bytes; a JSON answer is capped at `request.maxBytes`
 * (default 1 MiB; the account API's lists need {@link MAX_API_BODY_BYTES}); and with `request.stream` a 2xx answer
 * that is not JSON resolves as soon as its head arrives, its body streamed. `timeout` then bounds each wait for bytes
 * rather than the whole body: a file of any size can take its time, a stalled one cannot hang.
 */
export function requestBytes(
  url: string,
  request: BytesRequest,
  settings: HttpSettings,
  label: string,
): Promise<JsonAnswer | StreamedAnswer> {
  // The caller's `accept` wins: a download asks for any type.
  const headers = { accept: 'application/json', ...request.headers, 'user-agent': 'passport-worksection' };
  // A literal rather than `{ ...request, accountApi: true }`: the spread measured 2-4 µs more per call.
  const sent: ExchangeRequest = {
    method: request.method,
    body: request.body,
    signal: request.signal,
    maxBytes: request.maxBytes,
    stream: request.stream,
    accountApi: true,
  };
  return settings.fetch
    ? viaFetch(settings.fetch, url, sent, headers, settings.timeout, label)
    : settings.transport.send(url, sent, headers, settings.timeout, label);
}
