import type { Client } from 'undici';
import type { JsonAnswer } from './answer';
import type { AnswerTo, ExchangeRequest } from './exchange-request';
import { OriginPool } from './origin-pool';
import { PoolExchange } from './pool-exchange';
import type { StreamedAnswer } from './streamed-answer';

/** Where a URL goes: its origin (the pool) and the path with its query. */
interface Target {
  origin: string;
  path: string;
}

/**
 * How many origins keep a pool of their own. The strategy talks to one (Worksection's OAuth server); the account
 * API to one per account URL, which vary with the signed-in users: past this many, the least recently used pool is
 * closed once its calls end.
 */
export const MAX_POOLED_ORIGINS = 16;

let ClientClass: typeof Client | undefined;

/**
 * The built-in transport: undici's HTTP/1.1 client, a keep-alive pool per origin (at most {@link MAX_POOLED_ORIGINS}), used
 * by every strategy and client that has no `fetch` option. They share one transport unless given their own through
 * the `transport` option: a transport of your own (e.g. per tenant, or per test) that you can
 * {@link NodeTransport.close | close}. Undici is loaded on the first call, not when the package is required.
 */
export class NodeTransport {
  private readonly pools = new Map<string, OriginPool>();
  // The strategy calls the same few endpoints on every login: parse each URL once.
  private readonly targets = new Map<string, Target>();
  /** The origin of the last call: the most recently used pool already. */
  private latest = '';

  /**
   * @internal
   * One exchange: a JSON answer read whole (under `request.maxBytes`), or with `request.stream` a file answer resolved
   * at its head. See {@link PoolExchange}.
   */
  send<R extends ExchangeRequest>(
    url: string,
    request: R,
    headers: Record<string, string>,
    timeout: number,
    label: string,
  ): Promise<AnswerTo<R>> {
    if (ClientClass === undefined) {
      return import('undici').then((undici) => {
        ClientClass = undici.Client;
        return this.send(url, request, headers, timeout, label);
      });
    }
    const exchange = new Promise<JsonAnswer | StreamedAnswer>((resolve, reject) => {
      const signal = request.signal;
      if (signal?.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const target = this.target(url);
      const handler = new PoolExchange(request, timeout, label, resolve, reject);
      this.pool(target.origin).dispatch({ path: target.path, method: request.method, headers, body: request.body ?? null }, handler);
    });
    return exchange as Promise<AnswerTo<R>>;
  }

  /** Closes the pooled sockets. Requests still running fail with a network error; later ones open new sockets. */
  close(): void {
    const pools = [...this.pools.values()];
    this.pools.clear();
    this.targets.clear();
    this.latest = '';
    for (const pool of pools) pool.destroy();
  }

  private pool(origin: string): OriginPool {
    let pool = this.pools.get(origin);
    if (pool) {
      // Least recently used first: a hit moves to the end (unless it is already there, as on every login).
      if (origin !== this.latest) {
        this.pools.delete(origin);
        this.pools.set(origin, pool);
        this.latest = origin;
      }
      return pool;
    }
    if (this.pools.size >= MAX_POOLED_ORIGINS) {
      const [oldest, evicted] = this.pools.entries().next().value as [string, OriginPool];
      this.pools.delete(oldest);
      // Its calls still running finish; then its sockets close.
      evicted.close();
    }
    pool = new OriginPool(origin, ClientClass as typeof Client);
    this.pools.set(origin, pool);
    this.latest = origin;
    return pool;
  }

  private target(url: string): Target {
    let target = this.targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
      // Account-API URLs carry their query: bound the cache rather than let it grow with them.
      if (this.targets.size >= 64) this.targets.clear();
      this.targets.set(url, target);
    }
    return target;
  }
}

/** The transport every strategy and client without a `fetch` or `transport` option shares. */
export const defaultNodeTransport = new NodeTransport();
