import type { Readable } from 'node:stream';
import type { Client } from 'undici';
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
import type { ExchangeRequest } from './exchange-request';
import type { OriginPool, PooledHandler } from './origin-pool';
import { pulledBody } from './pulled-body';
import { streamedAnswer, type StreamedAnswer } from './streamed-answer';

/**
 * @internal
 * One exchange dispatched on an undici `Client` of an {@link OriginPool}: the handler undici calls as the answer
 * arrives, and the promise's settlement. A JSON answer is read whole (under `request.maxBytes`); with `request.stream`
 * a file answer resolves at its head. Undici's handler methods rather than its `request()`: no body stream, no header
 * object and no AbortController per call, one object for the whole exchange (the login's two calls run through here).
 */
export class PoolExchange implements PooledHandler {
  client: Client | undefined;
  pool: OriginPool | undefined;
  private settled = false;
  /** Given by undici when the request is written: closes its connection. */
  private abortConnection: ((err?: Error) => void) | undefined;
  private head: Head | undefined;
  private chunks: Buffer[] = [];
  private size = 0;
  /** The body of a streamed answer, once handed to the caller. */
  private source: Readable | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly request: ExchangeRequest,
    private readonly timeout: number,
    private readonly label: string,
    private readonly resolve: (answer: JsonAnswer | StreamedAnswer) => void,
    private readonly reject: (err: Error) => void,
  ) {
    this.timer = setTimeout(expire, timeout, this);
    // The caller gave up (client.call's signal): `handleEvent` closes the connection and rejects with its reason.
    request.signal?.addEventListener('abort', this, { once: true });
  }

  /** The timeout for the whole answer passed. */
  expire(): void {
    this.settle(timedOut(this.label, this.timeout));
  }

  /** The call's signal was aborted (this object is its listener). */
  handleEvent(): void {
    this.settle(this.request.signal?.reason as Error);
  }

  onConnect(abort: (err?: Error) => void): void {
    this.abortConnection = abort;
    // Timed out or aborted while waiting for a connection: never send it.
    if (this.settled) abort();
  }

  onHeaders(status: number, rawHeaders: Buffer[], resume: () => void): boolean {
    if (this.settled) return false;
    let contentType: string | undefined;
    let contentLength: string | undefined;
    let retryAfter: string | undefined;
    let contentDisposition: string | undefined;
    // Only the four headers read here are decoded (as node:http does, latin1).
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
      const name = rawHeaders[i] as Buffer;
      const size = name.length;
      if (size !== 11 && size !== 12 && size !== 14 && size !== 19) continue;
      const value = (rawHeaders[i + 1] as Buffer).toString('latin1');
      switch (name.toString('latin1').toLowerCase()) {
        case 'content-type':
          contentType ??= value;
          break;
        case 'content-length':
          contentLength ??= value;
          break;
        case 'retry-after':
          retryAfter ??= value;
          break;
        case 'content-disposition':
          contentDisposition ??= value;
          break;
      }
    }
    const head: Head = { status, contentType, contentLength, opaqueRedirect: false, retryAfter };
    this.head = head;
    const request = this.request;
    if (request.stream === true && isFile(head)) {
      // The body is the caller's from here: the timeout becomes the stream's idle timeout.
      this.source = pulledBody(resume, (err) => this.abortConnection?.(err));
      this.settle(undefined, streamedAnswer(head, contentDisposition, this.source, this.timeout, this.label, request.signal));
      return true;
    }
    const refused = checkHead(head, this.label, request.maxBytes ?? MAX_BODY_BYTES, request.accountApi);
    if (refused) {
      this.settle(refused);
      return false;
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.source) return this.source.push(chunk);
    if (this.settled) return false;
    this.size += chunk.length;
    const cap = this.request.maxBytes ?? MAX_BODY_BYTES;
    if (this.size > cap) {
      this.settle(tooLarge(this.label, this.head as Head, cap, this.request.accountApi));
      return false;
    }
    this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    this.release();
    if (this.source) {
      this.source.push(null);
      return;
    }
    if (this.settled) return;
    const text =
      this.chunks.length === 1 ? (this.chunks[0] as Buffer).toString('utf8') : Buffer.concat(this.chunks, this.size).toString('utf8');
    this.chunks = [];
    let answer: JsonAnswer | Promise<JsonAnswer>;
    try {
      answer = parseAnswer(this.head as Head, text, this.label);
    } catch (err) {
      // parseAnswer throws (or rejects) only with our typed errors.
      this.settle(err as Error);
      return;
    }
    if (answer instanceof Promise) {
      answer.then(
        (parsed) => this.settle(undefined, parsed),
        (err: unknown) => this.settle(err as Error),
      );
      return;
    }
    this.settle(undefined, answer);
  }

  /** No answer, or a connection that broke mid-body (or a pool closed under it). */
  onError(err: Error): void {
    this.release();
    if (this.source) {
      // The stream's own handler turns it into a network error naming the answer.
      this.source.destroy(err);
      return;
    }
    this.settle(this.head ? broken(this.label, this.head, err) : unreachable(this.label, err));
  }

  /** Undici is done with the request: its connection may carry another. */
  private release(): void {
    if (this.client) this.pool?.release(this.client);
  }

  /** Settles once: with `err`, or else with `answer`. */
  private settle(err: Error | undefined, answer?: JsonAnswer | StreamedAnswer): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    this.request.signal?.removeEventListener('abort', this);
    if (err === undefined) {
      this.resolve(answer as JsonAnswer | StreamedAnswer);
      return;
    }
    this.chunks = [];
    // A half-read or unwanted answer never goes back to the keep-alive pool: its connection is closed.
    this.abortConnection?.(err);
    this.reject(err);
  }
}

function expire(exchange: PoolExchange): void {
  exchange.expire();
}
