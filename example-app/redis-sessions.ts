import { createClient } from 'redis';
import { RedisSessionStore } from './redis-session-store';

/** A Redis session store and the means to shut its client down. */
export interface RedisSessions {
  store: RedisSessionStore;
  /** Resolves once the first connection is up; rejects with the first connection error before that. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** Options of {@link createRedisSessions}. */
export interface RedisSessionsOptions {
  /** Milliseconds each Redis command may take before it fails (and the request gets a 503). Default 3000. */
  timeoutMs?: number;
}

/**
 * Sessions in Redis, shared by every instance of the app. While Redis is down, commands fail at once instead of
 * queueing, and while it is stalled they fail after `timeoutMs` (the app answers 503); the client keeps
 * reconnecting, so the app recovers by itself when Redis is back. Session keys expire with the session cookie.
 */
export function createRedisSessions(url: string, log: (line: string) => void, options: RedisSessionsOptions = {}): RedisSessions {
  const client = createClient({
    url,
    // Queued commands would hold requests open for as long as Redis is away: fail them, answer 503, retry later.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 2000,
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000),
    },
  });
  let lastLogged = 0;
  // Without an 'error' listener node-redis would crash the process on the first lost connection.
  let connectedOnce = false;
  let readyAwaited = false;
  client.on('error', (err: Error) => {
    // Before the first connection, a caller of ready() reports the error itself (start-up fails with one line).
    if (!connectedOnce && readyAwaited) return;
    const now = Date.now();
    if (now - lastLogged < 10_000) return;
    lastLogged = now;
    // The message only (never the URL, which may hold the Redis password).
    log(`session store: Redis unavailable (${err.message}); retrying`);
  });
  client.on('ready', () => {
    connectedOnce = true;
    if (lastLogged !== 0) log('session store: Redis is back');
    lastLogged = 0;
  });
  // The first connection decides whether the app starts (a wrong REDIS_URL should not look like an outage); once
  // up, a lost connection only means 503s until the client reconnects.
  const ready = new Promise<void>((resolve, reject) => {
    client.once('ready', () => resolve());
    client.once('error', (err: Error) => reject(new Error(`Redis is unreachable (${err.message}): check REDIS_URL.`)));
  });
  ready.catch(() => undefined);
  client.connect().catch(() => undefined);
  const store = new RedisSessionStore(client, { timeoutMs: options.timeoutMs ?? 3000 });
  return {
    store,
    ready: () => {
      readyAwaited = true;
      return ready;
    },
    close() {
      client.destroy();
      return Promise.resolve();
    },
  };
}
