import type { Client, Dispatcher } from 'undici';

/**
 * What the pool settles on: the keep-alive bound, and no timers of undici's own (each exchange times itself, and a
 * streamed answer times each wait for bytes).
 */
const CLIENT_OPTIONS: Client.Options = {
  // Idle sockets are closed after 4 s, before servers such as the emulator (5 s) or nginx close them, so that a
  // request is never written to a socket the server is closing; a shorter `Keep-Alive: timeout` hint wins.
  keepAliveTimeout: 4000,
  keepAliveMaxTimeout: 4000,
  headersTimeout: 0,
  bodyTimeout: 0,
};

/**
 * How many idle connections an origin keeps (the most recently used ones): past this, a connection freed by a
 * burst of concurrent calls is closed.
 */
const MAX_IDLE = 64;

/** @internal A request handler that gives its connection back once undici is done with its request. */
export interface PooledHandler extends Dispatcher.DispatchHandler {
  /** Set by {@link OriginPool.dispatch}: where to {@link OriginPool.release | release} the connection. */
  client: Client | undefined;
  pool: OriginPool | undefined;
}

/**
 * @internal
 * The keep-alive connections to one origin, each an undici `Client` carrying one request at a time (no pipelining:
 * a slow answer holds up no other call). A call takes the connection freed last, so that a login's two calls, one
 * after the other, reuse one socket: undici's own `Pool` would open a second one, as it waits a turn of the event
 * loop before reusing a socket and takes the next call elsewhere meanwhile.
 */
export class OriginPool {
  private readonly idle: Client[] = [];
  private readonly busy = new Set<Client>();
  private closing = false;

  constructor(
    private readonly origin: string,
    private readonly ClientClass: typeof Client,
  ) {}

  /** Sends one request on an idle connection, or on a new one. */
  dispatch(options: Dispatcher.DispatchOptions, handler: PooledHandler): void {
    const client = this.idle.pop() ?? new this.ClientClass(this.origin, CLIENT_OPTIONS);
    this.busy.add(client);
    handler.client = client;
    handler.pool = this;
    client.dispatch(options, handler);
  }

  /** Called once per request, when undici completed or failed it: its connection is free again. */
  release(client: Client): void {
    if (!this.busy.delete(client)) return;
    if (this.closing || this.idle.length >= MAX_IDLE) client.close().catch(() => undefined);
    else this.idle.push(client);
  }

  /** Closes the idle connections now and the busy ones once their requests end. */
  close(): void {
    this.closing = true;
    for (const client of this.idle.splice(0)) client.close().catch(() => undefined);
  }

  /** Closes every connection now: requests still running fail. */
  destroy(): void {
    this.closing = true;
    for (const client of [...this.idle.splice(0), ...this.busy]) client.destroy().catch(() => undefined);
    this.busy.clear();
  }
}
