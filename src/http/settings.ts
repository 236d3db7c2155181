import { WorksectionConfigError } from '../errors/config-error';
import { NodeTransport } from './node-transport';

/** Default of the `timeout` option, in milliseconds. */
export const DEFAULT_TIMEOUT = 10_000;

/**
 * A `fetch` implementation. Pass your own (the `fetch` option) to go through a proxy or to log requests; it must
 * honour `init.signal`, or timed-out connections stay open. Without one, requests go through the built-in
 * {@link NodeTransport} (undici's HTTP/1.1 client, keep-alive pools), which costs a fraction of the CPU of Node's
 * built-in fetch.
 */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

/** @internal How to talk to Worksection. */
export interface HttpSettings {
  /** A custom fetch; undefined for the built-in transport. */
  fetch?: FetchFunction | undefined;
  /** The built-in transport, used when there is no `fetch`. */
  transport: NodeTransport;
  /** Milliseconds for the whole exchange, body included. */
  timeout: number;
}

/** @internal Checks a `timeout` option (the strategy's or the client's): positive milliseconds a timer can hold. */
export function checkTimeout(timeout: unknown): number {
  if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0 || timeout > 2_147_483_647) {
    throw new WorksectionConfigError('timeout', 'The timeout option must be a positive number of milliseconds (default 10000).');
  }
  return timeout;
}

/** @internal Checks a `fetch` option (the strategy's or the client's): a function, or undefined for the built-in transport. */
export function checkFetch(fetchImpl: unknown): FetchFunction | undefined {
  if (fetchImpl !== undefined && typeof fetchImpl !== 'function') {
    throw new WorksectionConfigError('fetch', 'The fetch option must be a fetch function, or left out for the built-in transport.');
  }
  return fetchImpl as FetchFunction | undefined;
}

/** @internal Checks a `transport` option: a {@link NodeTransport}, or undefined for the shared default. */
export function checkTransport(transport: unknown): NodeTransport | undefined {
  if (transport !== undefined && !(transport instanceof NodeTransport)) {
    throw new WorksectionConfigError('transport', 'The transport option must be a NodeTransport, or left out for the shared default one.');
  }
  return transport;
}
