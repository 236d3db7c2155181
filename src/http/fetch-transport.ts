import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import {
  broken,
  checkHead,
  isFile,
  MAX_BODY_BYTES,
  parseAnswer,
  timedOut,
  tooLarge,
  unreachable,
  type Head,
  type JsonAnswer,
} from './answer';
import type { AnswerTo, ExchangeRequest } from './exchange-request';
import type { FetchFunction } from './settings';
import { streamedAnswer, type StreamedAnswer } from './streamed-answer';

/**
 * @internal
 * The transport of the `fetch` option: the same exchange as {@link NodeTransport.send}, a JSON answer read whole
 * (under `request.maxBytes`) or with `request.stream` a file answer resolved at its head.
 */
export async function viaFetch<R extends ExchangeRequest>(
  fetchImpl: FetchFunction,
  url: string,
  request: R,
  headers: Record<string, string>,
  timeout: number,
  label: string,
): Promise<AnswerTo<R>> {
  const controller = new AbortController();
  const signal = request.signal;
  let timer: NodeJS.Timeout | undefined;
  let stop: (reason: unknown) => void = () => undefined;
  // A race rather than trusting the signal alone: a custom fetch that ignores it still cannot hang us.
  const deadline = new Promise<never>((_, reject) => {
    stop = reject;
    timer = setTimeout(() => {
      controller.abort();
      reject(timedOut(label, timeout));
    }, timeout);
  });
  deadline.catch(() => undefined);
  // The caller gave up (client.call's signal): abort the fetch and reject with the caller's reason.
  const onAbort = (): void => {
    controller.abort();
    stop(signal?.reason);
  };
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  // Whether the answer went to the caller whole or as a stream: then its connection is no longer ours to end.
  const progress = { handedOver: false };
  const exchange = (async (): Promise<JsonAnswer | StreamedAnswer> => {
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: request.method,
        headers,
        ...(request.body !== undefined && { body: request.body }),
        redirect: 'manual',
        signal: controller.signal,
      });
    } catch (err) {
      throw unreachable(label, err);
    }
    const head: Head = {
      status: response.status,
      contentType: response.headers.get('content-type') ?? undefined,
      contentLength: response.headers.get('content-length') ?? undefined,
      opaqueRedirect: response.type === 'opaqueredirect',
      retryAfter: response.headers.get('retry-after') ?? undefined,
    };
    if (request.stream === true && isFile(head)) {
      progress.handedOver = true;
      // A custom fetch may answer without a body (its type says there is always one).
      const web = response.body as WebReadableStream<Uint8Array> | null;
      const source = web ? Readable.fromWeb(web) : Readable.from([]);
      const contentDisposition = response.headers.get('content-disposition') ?? undefined;
      const streamed = streamedAnswer(head, contentDisposition, source, timeout, label, signal);
      // Once the caller is done with the stream, whatever fetch still holds is let go.
      streamed.body.once('close', () => controller.abort());
      return streamed;
    }
    const cap = request.maxBytes ?? MAX_BODY_BYTES;
    const refused = checkHead(head, label, cap, request.accountApi);
    if (refused) throw refused;
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      // Breaking out of the loop cancels the stream.
      for await (const chunk of (response.body ?? []) as AsyncIterable<Uint8Array>) {
        size += chunk.byteLength;
        if (size > cap) break;
        chunks.push(chunk);
      }
    } catch (err) {
      throw broken(label, head, err);
    }
    if (size > cap) throw tooLarge(label, head, cap, request.accountApi);
    progress.handedOver = true;
    return parseAnswer(head, Buffer.concat(chunks).toString('utf8'), label);
  })();
  // The loser of the race must not become an unhandled rejection.
  exchange.catch(() => undefined);
  try {
    return (await Promise.race([exchange, deadline])) as AnswerTo<R>;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    // Frees the socket whenever we stopped reading early; a complete answer leaves it to the keep-alive pool, a
    // streamed one to the caller.
    if (!progress.handedOver) controller.abort();
  }
}
