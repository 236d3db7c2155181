import { broken, checkHead, MAX_BODY_BYTES, parseAnswer, timedOut, tooLarge, unreachable, type Head, type JsonAnswer } from './answer';
import type { JsonRequest } from './request';
import type { FetchFunction } from './settings';

/** @internal The transport of the `fetch` option. */
export async function viaFetch(
  fetchImpl: FetchFunction,
  url: string,
  request: JsonRequest,
  headers: Record<string, string>,
  timeout: number,
  label: string,
): Promise<JsonAnswer> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  // A race rather than trusting the signal alone: a custom fetch that ignores it still cannot hang us.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(timedOut(label, timeout));
    }, timeout);
  });
  // The caller gave up (client.call's signal): abort the fetch and reject with the caller's reason.
  const signal = request.signal;
  let stop: (reason: unknown) => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => (stop = reject));
  aborted.catch(() => undefined);
  const onAbort = (): void => {
    controller.abort();
    stop(signal?.reason);
  };
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  const progress = { complete: false };
  const exchange = (async (): Promise<JsonAnswer> => {
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
    const refused = checkHead(head, label);
    if (refused) throw refused;
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      // Breaking out of the loop cancels the stream.
      for await (const chunk of (response.body ?? []) as AsyncIterable<Uint8Array>) {
        size += chunk.byteLength;
        if (size > MAX_BODY_BYTES) break;
        chunks.push(chunk);
      }
    } catch (err) {
      throw broken(label, head, err);
    }
    if (size > MAX_BODY_BYTES) throw tooLarge(label, head);
    progress.complete = true;
    return parseAnswer(head, Buffer.concat(chunks).toString('utf8'), label);
  })();
  // The loser of the race must not become an unhandled rejection.
  exchange.catch(() => undefined);
  try {
    return await Promise.race([exchange, deadline, aborted]);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    // Frees the socket whenever we stopped reading early; a complete answer leaves it to the keep-alive pool.
    if (!progress.complete) controller.abort();
  }
}
