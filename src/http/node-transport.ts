import http from 'node:http';
import https from 'node:https';
import { urlToHttpOptions } from 'node:url';
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
import { streamedAnswer, type StreamedAnswer } from './streamed-answer';

interface Target {
  secure: boolean;
  options: http.RequestOptions;
}

/**
 * The built-in transport: `node:http(s)` with a keep-alive pool, used by every strategy and client that has no
 * `fetch` option. They share one pool unless given their own through the `transport` option: a pool of your own
 * (e.g. per tenant, or per test) that you can {@link NodeTransport.close | close}.
 */
export class NodeTransport {
  // Idle sockets are closed after 4 s (as undici does), before servers such as the emulator (5 s) or nginx close
  // them, so that a request is never written to a socket the server is closing.
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true, timeout: 4000 }),
    'https:': new https.Agent({ keepAlive: true, timeout: 4000 }),
  };
  // The strategy calls the same few endpoints on every login: parse each URL once.
  private readonly targets = new Map<string, Target>();

  /**
   * @internal
   * One exchange: a JSON answer read whole (under `request.maxBytes`), or with `request.stream` a file answer resolved
   * at its head. Callbacks and one promise rather than async steps: this runs twice on every login, and this transport
   * exists to cost as little as node-oauth does.
   */
  send<R extends ExchangeRequest>(
    url: string,
    request: R,
    headers: Record<string, string>,
    timeout: number,
    label: string,
  ): Promise<AnswerTo<R>> {
    const exchange = new Promise<JsonAnswer | StreamedAnswer>((resolve, reject) => {
      const signal = request.signal;
      if (signal?.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const target = this.target(url);
      const body = request.body;
      const req = (target.secure ? https : http).request({
        ...target.options,
        method: request.method,
        headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      });
      let settled = false;
      // Settles once: with `err`, or else with `answer`.
      const settle = (err: Error | undefined, answer?: JsonAnswer | StreamedAnswer): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (err === undefined) {
          resolve(answer as JsonAnswer | StreamedAnswer);
          return;
        }
        // Frees the socket: a half-read or unwanted answer never goes back to the keep-alive pool.
        req.destroy();
        reject(err);
      };
      const timer = setTimeout(() => settle(timedOut(label, timeout)), timeout);
      // The caller gave up (client.call's signal): close the connection, reject with the caller's reason.
      const onAbort = (): void => settle(signal?.reason as Error);
      signal?.addEventListener('abort', onAbort, { once: true });
      req.once('error', (err) => settle(unreachable(label, err)));
      req.once('response', (res) => {
        const head: Head = {
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'],
          contentLength: res.headers['content-length'],
          opaqueRedirect: false,
          retryAfter: res.headers['retry-after'],
        };
        if (request.stream === true && isFile(head)) {
          // The body is the caller's from here: the timeout becomes the stream's idle timeout.
          if (!settled) settle(undefined, streamedAnswer(head, res.headers['content-disposition'], res, timeout, label, signal));
          return;
        }
        const cap = request.maxBytes ?? MAX_BODY_BYTES;
        const refused = checkHead(head, label, cap, request.accountApi);
        if (refused) {
          settle(refused);
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > cap) settle(tooLarge(label, head, cap, request.accountApi));
          else chunks.push(chunk);
        });
        res.once('error', (err) => settle(broken(label, head, err)));
        // A connection closed before the end of the body, whether or not Node reported it as an error.
        res.once('close', () => {
          if (!res.complete) settle(broken(label, head, Object.assign(new Error('closed mid-body'), { code: 'ECONNRESET' })));
        });
        res.once('end', () => {
          if (settled) return;
          // parseAnswer rejects only with our typed errors.
          parseAnswer(head, Buffer.concat(chunks, size).toString('utf8'), label).then(
            (answer) => settle(undefined, answer),
            (err: unknown) => settle(err as Error),
          );
        });
      });
      req.end(body);
    });
    return exchange as Promise<AnswerTo<R>>;
  }

  /** Closes the pooled sockets. Requests still running fail with a network error; later ones open new sockets. */
  close(): void {
    this.agents['http:'].destroy();
    this.agents['https:'].destroy();
    this.targets.clear();
  }

  private target(url: string): Target {
    let target = this.targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      const secure = parsed.protocol === 'https:';
      target = { secure, options: { ...urlToHttpOptions(parsed), agent: secure ? this.agents['https:'] : this.agents['http:'] } };
      // Account-API URLs carry their query: bound the cache rather than let it grow with them.
      if (this.targets.size >= 64) this.targets.clear();
      this.targets.set(url, target);
    }
    return target;
  }
}

/** The transport every strategy and client without a `fetch` or `transport` option shares. */
export const defaultNodeTransport = new NodeTransport();
