import http from 'node:http';
import https from 'node:https';
import {
  BODY_TOO_LARGE,
  INVALID_JSON,
  UNEXPECTED_CONTENT_TYPE,
  UNEXPECTED_REDIRECT,
  UNEXPECTED_STATUS,
  WorksectionNetworkError,
  WorksectionResponseError,
  WorksectionTimeoutError,
  type ResponseFacts,
} from './errors';

/**
 * A `fetch` implementation. Pass your own (the `fetch` option) to go through a proxy or to log requests; it must
 * honour `init.signal`, or timed-out connections stay open. Without one, requests go through `node:http(s)` with
 * a keep-alive pool, which costs a fraction of the CPU of Node's built-in fetch.
 */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

/** The 1 MiB cap on any answer from Worksection. Its real answers are under 4 KiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** @internal How to talk to Worksection. */
export interface HttpSettings {
  /** A custom fetch; undefined for the built-in node:http(s) transport. */
  fetch?: FetchFunction;
  /** Milliseconds for the whole exchange, body included. */
  timeout: number;
}

/** @internal A JSON answer, whatever its status. */
export interface JsonAnswer {
  status: number;
  contentType: string | undefined;
  body: unknown;
  /** The body as received. */
  text: string;
}

/** @internal What {@link requestJson} sends: the method, extra headers and an optional body. */
export interface JsonRequest {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

/** An answer's head and its unread body, whichever transport carried it. */
interface Reply {
  status: number;
  contentType: string | undefined;
  contentLength: string | undefined;
  /** A redirect a browser-style fetch hides behind `redirect: 'manual'` (status 0). */
  opaqueRedirect: boolean;
  /** Reads the body as UTF-8; undefined (and the stream dropped) once it passes `cap` bytes. */
  read(cap: number): Promise<string | undefined>;
}

/** A request under way: its answer, and a way to drop it and free its socket. */
interface Call {
  reply: Promise<Reply>;
  cancel(): void;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

// Idle sockets are closed after 4 s (as undici does), before servers such as the emulator (5 s) or nginx close
// them, so that a request is never written to a socket the server is closing.
const agents = {
  'http:': new http.Agent({ keepAlive: true, timeout: 4000 }),
  'https:': new https.Agent({ keepAlive: true, timeout: 4000 }),
};

/**
 * @internal
 * POSTs `form` as `application/x-www-form-urlencoded` (secrets stay out of the URL) and reads a JSON answer.
 * Rejects with a typed error when the exchange does not complete within `timeout`, the answer is a redirect
 * (never followed), is not JSON, is cut short or is over 1 MiB. `label` names the endpoint in messages.
 */
export function postForm(
  url: string,
  form: Record<string, string>,
  settings: HttpSettings,
  label: string,
): Promise<JsonAnswer> {
  const request: JsonRequest = {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  };
  return requestJson(url, request, settings, label);
}

/**
 * @internal
 * Sends `request` and reads a JSON answer, with the same timeout, redirect refusal and 1 MiB cap as
 * {@link postForm} (which the account-API client shares instead of a second HTTP stack).
 */
export async function requestJson(
  url: string,
  request: JsonRequest,
  settings: HttpSettings,
  label: string,
): Promise<JsonAnswer> {
  const headers = { ...request.headers, accept: 'application/json', 'user-agent': 'passport-worksection' };
  const call = settings.fetch ? viaFetch(settings.fetch, url, request, headers) : viaNode(url, request, headers);
  let timer: NodeJS.Timeout | undefined;
  // A race rather than trusting the transport alone: a custom fetch that ignores the signal still cannot hang us.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      call.cancel();
      reject(
        new WorksectionTimeoutError(
          `${label} did not answer within ${settings.timeout} ms; the connection was closed. ` +
            'Worksection may be slow or unreachable: try again, or raise the `timeout` option.',
          settings.timeout,
        ),
      );
    }, settings.timeout);
  });
  let complete = false;
  const exchange = readJson(call.reply, label).then((answer) => {
    complete = true;
    return answer;
  });
  // The loser of the race must not become an unhandled rejection.
  exchange.catch(() => undefined);
  try {
    return await Promise.race([exchange, deadline]);
  } finally {
    clearTimeout(timer);
    // Frees the socket whenever we stopped reading early; a complete answer leaves it to the keep-alive pool.
    if (!complete) call.cancel();
  }
}

function viaNode(url: string, request: JsonRequest, headers: Record<string, string>): Call {
  const target = new URL(url);
  const transport = target.protocol === 'https:' ? https : http;
  const agent = target.protocol === 'https:' ? agents['https:'] : agents['http:'];
  const body = request.body;
  const req = transport.request(target, {
    method: request.method,
    agent,
    headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
  });
  const reply = new Promise<Reply>((resolve, reject) => {
    req.once('response', (res) =>
      resolve({
        status: res.statusCode ?? 0,
        contentType: res.headers['content-type'],
        contentLength: res.headers['content-length'],
        opaqueRedirect: false,
        read: (cap) => readStream(res, cap),
      }),
    );
    req.once('error', reject);
  });
  req.end(body);
  return { reply, cancel: () => req.destroy() };
}

function viaFetch(fetchImpl: FetchFunction, url: string, request: JsonRequest, headers: Record<string, string>): Call {
  const controller = new AbortController();
  const reply = (async (): Promise<Reply> => {
    const response = await fetchImpl(url, {
      method: request.method,
      headers,
      ...(request.body !== undefined && { body: request.body }),
      redirect: 'manual',
      signal: controller.signal,
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? undefined,
      contentLength: response.headers.get('content-length') ?? undefined,
      opaqueRedirect: response.type === 'opaqueredirect',
      read: (cap) => readIterable(response.body as AsyncIterable<Uint8Array> | null, cap),
    };
  })();
  return { reply, cancel: () => controller.abort() };
}

async function readJson(replyPromise: Promise<Reply>, label: string): Promise<JsonAnswer> {
  let reply: Reply;
  try {
    reply = await replyPromise;
  } catch (err) {
    // No answer at all: refused, reset before the head, DNS…
    throw new WorksectionNetworkError(
      `Could not reach ${label} (${describeCause(err)}). Check the network and the baseURL option.`,
      {},
      err,
    );
  }
  const facts: ResponseFacts = { status: reply.status, contentType: reply.contentType };
  const shown = `HTTP ${reply.status}${facts.contentType ? ` (${facts.contentType})` : ''}`;

  if (reply.opaqueRedirect || (reply.status >= 300 && reply.status < 400)) {
    throw new WorksectionResponseError(
      `${label} answered with a redirect (${shown}), which is not followed so that credentials are not ` +
        're-sent elsewhere. Check the baseURL and endpoint options.',
      UNEXPECTED_REDIRECT,
      facts,
    );
  }
  const ok = reply.status >= 200 && reply.status < 300;
  if (facts.contentType !== undefined && !JSON_TYPE.test(facts.contentType)) {
    throw new WorksectionResponseError(
      ok
        ? `${label} answered ${shown} instead of JSON. Check the endpoint options; if they are right, Worksection is having trouble: try again later.`
        : `${label} answered ${shown} instead of a JSON answer: Worksection or a proxy in front of it is having trouble. Try again later.`,
      ok ? UNEXPECTED_CONTENT_TYPE : UNEXPECTED_STATUS,
      facts,
    );
  }
  if (Number(reply.contentLength ?? NaN) > MAX_BODY_BYTES) throw tooLarge(label, shown, facts);

  let text: string | undefined;
  try {
    text = await reply.read(MAX_BODY_BYTES);
  } catch (err) {
    throw new WorksectionNetworkError(
      `The connection to ${label} broke while reading its answer (${shown}, ${describeCause(err)}). Try again.`,
      facts,
      err,
    );
  }
  if (text === undefined) throw tooLarge(label, shown, facts);
  try {
    return { status: reply.status, contentType: facts.contentType, body: JSON.parse(text), text };
  } catch {
    throw new WorksectionResponseError(
      ok
        ? `${label} answered ${shown} with a body that is not valid JSON (it may have been cut short). Try again later.`
        : `${label} answered ${shown} with a body that is not valid JSON: Worksection is having trouble. Try again later.`,
      ok ? INVALID_JSON : UNEXPECTED_STATUS,
      facts,
    );
  }
}

// Events rather than `for await`: this runs on every login, and async iteration of a stream costs more.
function readStream(res: http.IncomingMessage, cap: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        res.destroy();
        resolve(undefined);
      } else {
        chunks.push(chunk);
      }
    });
    res.once('end', () => resolve(Buffer.concat(chunks, size).toString('utf8')));
    res.once('error', reject);
    // A connection closed before the end of the body, whether or not Node reported it as an error.
    res.once('close', () => reject(Object.assign(new Error('connection closed mid-body'), { code: 'ECONNRESET' })));
  });
}

async function readIterable(body: AsyncIterable<Uint8Array> | null, cap: number): Promise<string | undefined> {
  if (!body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Breaking out of the loop cancels the stream.
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > cap) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(label: string, shown: string, facts: ResponseFacts): WorksectionResponseError {
  return new WorksectionResponseError(
    `${label} answered ${shown} with a body over the ${MAX_BODY_BYTES}-byte cap; it was not read. ` +
      'Worksection or a proxy is misbehaving: check the endpoint options.',
    BODY_TOO_LARGE,
    facts,
  );
}

/** A short, secret-free description of a low-level failure: an errno code or the error's name. */
function describeCause(err: unknown): string {
  // Duck-typed: errors from Node's fetch may come from another realm (e.g. under Jest), failing instanceof.
  let current: unknown = err;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z0-9_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  const name = (err as { name?: unknown } | null)?.name;
  return typeof name === 'string' && /^\w{1,40}$/.test(name) ? name : 'unknown error';
}
