import http from 'node:http';
import https from 'node:https';
import { stringify } from 'node:querystring';
import { urlToHttpOptions } from 'node:url';
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

/** What an answer's status line and headers say, whichever transport carried it. */
interface Head {
  status: number;
  contentType: string | undefined;
  contentLength: string | undefined;
  /** A redirect a browser-style fetch hides behind `redirect: 'manual'` (status 0). */
  opaqueRedirect: boolean;
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
    body: stringify(form),
  };
  return requestJson(url, request, settings, label);
}

/**
 * @internal
 * Sends `request` and reads a JSON answer, with the same timeout, redirect refusal and 1 MiB cap as
 * {@link postForm} (which the account-API client shares instead of a second HTTP stack).
 */
export function requestJson(url: string, request: JsonRequest, settings: HttpSettings, label: string): Promise<JsonAnswer> {
  const headers = { ...request.headers, accept: 'application/json', 'user-agent': 'passport-worksection' };
  return settings.fetch
    ? viaFetch(settings.fetch, url, request, headers, settings.timeout, label)
    : viaNode(url, request, headers, settings.timeout, label);
}

// Callbacks and one promise rather than async steps: this runs twice on every login, and the built-in
// transport exists to cost as little as node-oauth does.
function viaNode(
  url: string,
  request: JsonRequest,
  headers: Record<string, string>,
  timeout: number,
  label: string,
): Promise<JsonAnswer> {
  return new Promise((resolve, reject) => {
    const target = requestTarget(url);
    const body = request.body;
    const req = (target.secure ? https : http).request({
      ...target.options,
      method: request.method,
      headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    });
    let settled = false;
    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Frees the socket: a half-read or unwanted answer never goes back to the keep-alive pool.
      req.destroy();
      reject(err);
    };
    const timer = setTimeout(() => fail(timedOut(label, timeout)), timeout);
    req.once('error', (err) => fail(unreachable(label, err)));
    req.once('response', (res) => {
      const head: Head = {
        status: res.statusCode ?? 0,
        contentType: res.headers['content-type'],
        contentLength: res.headers['content-length'],
        opaqueRedirect: false,
      };
      const refused = checkHead(head, label);
      if (refused) return fail(refused);
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) fail(tooLarge(label, head));
        else chunks.push(chunk);
      });
      res.once('error', (err) => fail(broken(label, head, err)));
      // A connection closed before the end of the body, whether or not Node reported it as an error.
      res.once('close', () => {
        if (!res.complete) fail(broken(label, head, Object.assign(new Error('closed mid-body'), { code: 'ECONNRESET' })));
      });
      res.once('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        try {
          resolve(parseAnswer(head, Buffer.concat(chunks, size).toString('utf8'), label));
        } catch (err) {
          reject(err);
        }
      });
    });
    req.end(body);
  });
}

interface Target {
  secure: boolean;
  options: http.RequestOptions;
}

// The strategy calls the same few endpoints on every login: parse each URL once.
const targets = new Map<string, Target>();

function requestTarget(url: string): Target {
  let target = targets.get(url);
  if (!target) {
    const parsed = new URL(url);
    const secure = parsed.protocol === 'https:';
    target = {
      secure,
      options: { ...urlToHttpOptions(parsed), agent: secure ? agents['https:'] : agents['http:'] },
    };
    // Account-API URLs carry their query: bound the cache rather than let it grow with them.
    if (targets.size >= 64) targets.clear();
    targets.set(url, target);
  }
  return target;
}

async function viaFetch(
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
  let complete = false;
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
    complete = true;
    return parseAnswer(head, Buffer.concat(chunks).toString('utf8'), label);
  })();
  // The loser of the race must not become an unhandled rejection.
  exchange.catch(() => undefined);
  try {
    return await Promise.race([exchange, deadline]);
  } finally {
    clearTimeout(timer);
    // Frees the socket whenever we stopped reading early; a complete answer leaves it to the keep-alive pool.
    if (!complete) controller.abort();
  }
}

/** What is refused before reading the body: a redirect, a content type other than JSON, a declared size over the cap. */
function checkHead(head: Head, label: string): WorksectionResponseError | undefined {
  const facts = factsOf(head);
  if (head.opaqueRedirect || (head.status >= 300 && head.status < 400)) {
    return new WorksectionResponseError(
      `${label} answered with a redirect (${shown(head)}), which is not followed so that credentials are not ` +
        're-sent elsewhere. Check the baseURL and endpoint options.',
      UNEXPECTED_REDIRECT,
      facts,
    );
  }
  const ok = head.status >= 200 && head.status < 300;
  if (head.contentType !== undefined && !JSON_TYPE.test(head.contentType)) {
    return new WorksectionResponseError(
      ok
        ? `${label} answered ${shown(head)} instead of JSON. Check the endpoint options; if they are right, Worksection is having trouble: try again later.`
        : `${label} answered ${shown(head)} instead of a JSON answer: Worksection or a proxy in front of it is having trouble. Try again later.`,
      ok ? UNEXPECTED_CONTENT_TYPE : UNEXPECTED_STATUS,
      facts,
    );
  }
  if (Number(head.contentLength ?? NaN) > MAX_BODY_BYTES) return tooLarge(label, head);
  return undefined;
}

function parseAnswer(head: Head, text: string, label: string): JsonAnswer {
  try {
    return { status: head.status, contentType: head.contentType, body: JSON.parse(text), text };
  } catch {
    const ok = head.status >= 200 && head.status < 300;
    throw new WorksectionResponseError(
      ok
        ? `${label} answered ${shown(head)} with a body that is not valid JSON (it may have been cut short). Try again later.`
        : `${label} answered ${shown(head)} with a body that is not valid JSON: Worksection is having trouble. Try again later.`,
      ok ? INVALID_JSON : UNEXPECTED_STATUS,
      factsOf(head),
    );
  }
}

function factsOf(head: Head): ResponseFacts {
  return { status: head.status, contentType: head.contentType };
}

function shown(head: Head): string {
  return `HTTP ${head.status}${head.contentType ? ` (${head.contentType})` : ''}`;
}

function timedOut(label: string, timeout: number): WorksectionTimeoutError {
  return new WorksectionTimeoutError(
    `${label} did not answer within ${timeout} ms; the connection was closed. ` +
      'Worksection may be slow or unreachable: try again, or raise the `timeout` option.',
    timeout,
  );
}

/** No answer at all: refused, reset before the head, DNS… */
function unreachable(label: string, err: unknown): WorksectionNetworkError {
  return new WorksectionNetworkError(`Could not reach ${label} (${describeCause(err)}). Check the network and the baseURL option.`, {}, err);
}

function broken(label: string, head: Head, err: unknown): WorksectionNetworkError {
  return new WorksectionNetworkError(
    `The connection to ${label} broke while reading its answer (${shown(head)}, ${describeCause(err)}). Try again.`,
    factsOf(head),
    err,
  );
}

function tooLarge(label: string, head: Head): WorksectionResponseError {
  return new WorksectionResponseError(
    `${label} answered ${shown(head)} with a body over the ${MAX_BODY_BYTES}-byte cap; it was not read. ` +
      'Worksection or a proxy is misbehaving: check the endpoint options.',
    BODY_TOO_LARGE,
    factsOf(head),
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
