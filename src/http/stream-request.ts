import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { urlToHttpOptions } from 'node:url';
import { WorksectionTimeoutError } from '../errors/timeout-error';
import { BODY_TOO_LARGE } from '../errors/codes';
import { WorksectionResponseError } from '../errors/response-error';
import { broken, checkHead, MAX_BODY_BYTES, parseAnswer, timedOut, unreachable, type Head, type JsonAnswer } from './answer';
import type { NodeTransport } from './node-transport';
import type { FetchFunction, HttpSettings } from './settings';

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

/** @internal A streamed answer: its head, and its body as a Readable guarded by the idle timeout. */
export interface StreamedAnswer {
  status: number;
  contentType: string | undefined;
  contentLength: string | undefined;
  contentDisposition: string | undefined;
  body: Readable;
}

/** @internal What came back: a JSON answer (read whole, under the request's cap) or a streamed one. */
export type BytesAnswer = { json: JsonAnswer; streamed?: undefined } | { streamed: StreamedAnswer; json?: undefined };

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * The cap on an account-API answer: 64 MiB. Worksection answers every list whole, up to 10,000 records (no pages):
 * 10,000 tasks are about 3.5 MB, several times that with `extra=text,comments`. OAuth answers keep the 1 MiB cap.
 */
export const MAX_API_BODY_BYTES = 64 * 1024 * 1024;

/**
 * @internal
 * Sends `request` as {@link requestJson} does (same transport and pool, timeout, redirect refusal, JSON checks), with
 * three differences: the body is bytes; a JSON answer is capped at `request.maxBytes` (default 1 MiB; the account
 * API's lists need {@link MAX_API_BODY_BYTES}); and with `request.stream` a 2xx answer that is not JSON resolves as soon
 * as its head arrives, its body streamed. `timeout` then bounds each wait for bytes rather than the whole body: a file
 * of any size can take its time, a stalled one cannot hang.
 */
export function requestBytes(url: string, request: BytesRequest, settings: HttpSettings, label: string): Promise<BytesAnswer> {
  const headers = { accept: 'application/json', ...request.headers, 'user-agent': 'passport-worksection' };
  return settings.fetch
    ? viaFetch(settings.fetch, url, request, headers, settings.timeout, label)
    : viaNode(settings.transport, url, request, headers, settings.timeout, label);
}

/** What is refused before reading a JSON answer: as {@link checkHead}, with the request's own cap on the declared size. */
function refusedHead(request: BytesRequest, head: Head, label: string): WorksectionResponseError | undefined {
  const refused = checkHead({ ...head, contentLength: undefined }, label);
  if (refused) return refused;
  return Number(head.contentLength ?? NaN) > capOf(request) ? tooLarge(label, head, capOf(request)) : undefined;
}

function capOf(request: BytesRequest): number {
  return request.maxBytes ?? MAX_BODY_BYTES;
}

function tooLarge(label: string, head: Head, cap: number): WorksectionResponseError {
  return new WorksectionResponseError(
    `${label} answered HTTP ${head.status} with a body over the ${cap}-byte cap; it was not read. ` +
      'Worksection or a proxy is misbehaving: check the accountUrl option.',
    BODY_TOO_LARGE,
    { status: head.status, ...(head.contentType !== undefined && { contentType: head.contentType }) },
  );
}

function isStreamed(request: BytesRequest, head: Head): boolean {
  return request.stream && head.status >= 200 && head.status < 300 && !JSON_TYPE.test(head.contentType ?? '');
}

function viaNode(
  transport: NodeTransport,
  url: string,
  request: BytesRequest,
  headers: Record<string, string>,
  timeout: number,
  label: string,
): Promise<BytesAnswer> {
  return new Promise((resolve, reject) => {
    const signal = request.signal;
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const parsed = new URL(url);
    const secure = parsed.protocol === 'https:';
    const body = request.body;
    const req = (secure ? https : http).request({
      ...urlToHttpOptions(parsed),
      agent: transport.agentFor(secure),
      method: request.method,
      headers: body === undefined ? headers : { ...headers, 'content-length': String(body.byteLength) },
    });
    let settled = false;
    const settle = (): void => {
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const fail = (err: Error): void => {
      if (settled) return;
      settle();
      // A half-read or unwanted answer never goes back to the keep-alive pool.
      req.destroy();
      reject(err);
    };
    const timer = setTimeout(() => fail(timedOut(label, timeout)), timeout);
    const onAbort = (): void => fail(signal?.reason as Error);
    signal?.addEventListener('abort', onAbort, { once: true });
    req.once('error', (err) => fail(unreachable(label, err)));
    req.once('response', (res) => {
      const head: Head = {
        status: res.statusCode ?? 0,
        contentType: res.headers['content-type'],
        contentLength: res.headers['content-length'],
        opaqueRedirect: false,
        retryAfter: res.headers['retry-after'],
      };
      if (isStreamed(request, head)) {
        if (settled) return;
        settle();
        resolve({ streamed: streamedAnswer(head, res.headers['content-disposition'], res, timeout, label, signal) });
        return;
      }
      const refused = refusedHead(request, head, label);
      if (refused) {
        fail(refused);
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > capOf(request)) fail(tooLarge(label, head, capOf(request)));
        else chunks.push(chunk);
      });
      res.once('error', (err) => fail(broken(label, head, err)));
      res.once('close', () => {
        if (!res.complete) fail(broken(label, head, Object.assign(new Error('closed mid-body'), { code: 'ECONNRESET' })));
      });
      res.once('end', () => {
        if (settled) return;
        try {
          const json = parseAnswer(head, Buffer.concat(chunks, size).toString('utf8'), label);
          settle();
          resolve({ json });
        } catch (err) {
          fail(err as Error);
        }
      });
    });
    req.end(body);
  });
}

async function viaFetch(
  fetchImpl: FetchFunction,
  url: string,
  request: BytesRequest,
  headers: Record<string, string>,
  timeout: number,
  label: string,
): Promise<BytesAnswer> {
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
  const onAbort = (): void => {
    controller.abort();
    stop(signal?.reason);
  };
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  // Whether the answer went to the caller: then its connection is the caller's to end (set inside the exchange).
  const progress = { handedOver: false };
  const exchange = (async (): Promise<BytesAnswer> => {
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
    if (isStreamed(request, head)) {
      progress.handedOver = true;
      // A custom fetch may answer without a body (its type says there is always one).
      const web = response.body as WebReadableStream<Uint8Array> | null;
      const source = web ? Readable.fromWeb(web) : Readable.from([]);
      const contentDisposition = response.headers.get('content-disposition') ?? undefined;
      const streamed = streamedAnswer(head, contentDisposition, source, timeout, label, signal);
      // Once the caller is done with the stream, whatever fetch still holds is let go.
      streamed.body.once('close', () => controller.abort());
      return { streamed };
    }
    const refused = refusedHead(request, head, label);
    if (refused) throw refused;
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      // Breaking out of the loop cancels the stream.
      for await (const chunk of (response.body ?? []) as AsyncIterable<Uint8Array>) {
        size += chunk.byteLength;
        if (size > capOf(request)) break;
        chunks.push(chunk);
      }
    } catch (err) {
      throw broken(label, head, err);
    }
    if (size > capOf(request)) throw tooLarge(label, head, capOf(request));
    progress.handedOver = true;
    return { json: parseAnswer(head, Buffer.concat(chunks).toString('utf8'), label) };
  })();
  exchange.catch(() => undefined);
  try {
    return await Promise.race([exchange, deadline]);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    if (!progress.handedOver) controller.abort();
  }
}

/**
 * The body of a streamed answer as the caller receives it. It errors with a {@link WorksectionTimeoutError} when, while
 * bytes are wanted, none arrives for `timeout` ms (a caller that reads slowly, its buffer full, is not timed out);
 * with a network error when the connection breaks before the end; with the signal's reason when the call's signal is
 * aborted. Destroying it closes the connection.
 */
function streamedAnswer(
  head: Head,
  contentDisposition: string | undefined,
  source: Readable,
  timeout: number,
  label: string,
  signal: AbortSignal | undefined,
): StreamedAnswer {
  let timer: NodeJS.Timeout | undefined;
  let wanted = false;
  let ended = false;
  const disarm = (): void => {
    clearTimeout(timer);
    timer = undefined;
  };
  const arm = (): void => {
    timer ??= setTimeout(() => {
      body.destroy(
        new WorksectionTimeoutError(`${label} sent no bytes of the file for ${timeout} ms; the connection was closed. Try again.`, timeout),
      );
    }, timeout);
  };
  // Pulls from the source only as the caller reads, so that the idle timer runs only while the caller waits.
  const pump = (): void => {
    for (let chunk = source.read() as Buffer | null; chunk !== null; chunk = source.read() as Buffer | null) {
      disarm();
      if (!body.push(chunk)) {
        wanted = false;
        return;
      }
    }
    wanted = true;
    if (!ended) arm();
  };
  const body = new Readable({
    read: pump,
    destroy(err, done) {
      disarm();
      signal?.removeEventListener('abort', onAbort);
      // The caller stopped early: close the connection rather than leave it half-read.
      if (!ended) source.destroy();
      // As Node's own IncomingMessage does: the error goes to whoever listens, and nobody listening is not a crash.
      done(body.listenerCount('error') > 0 ? err : null);
    },
  });
  source.on('readable', () => {
    if (wanted) pump();
  });
  source.once('end', () => {
    ended = true;
    disarm();
    body.push(null);
  });
  source.on('error', (err) => body.destroy(broken(label, head, err)));
  source.once('close', () => {
    if (!ended) body.destroy(broken(label, head, Object.assign(new Error('closed mid-body'), { code: 'ECONNRESET' })));
  });
  const onAbort = (): void => void body.destroy(signal?.reason as Error);
  signal?.addEventListener('abort', onAbort, { once: true });
  return { status: head.status, contentType: head.contentType, contentLength: head.contentLength, contentDisposition, body };
}
