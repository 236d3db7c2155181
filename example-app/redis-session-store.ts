import { RedisStore } from 'connect-redis';
import { createClient } from 'redis';

/** A connect-redis store and the means to shut its client down. */
export interface RedisSessions {
  store: RedisStore;
  close(): Promise<void>;
}

/**
 * Sessions (and so the OAuth `state` of sign-ins in progress) in Redis, shared by every instance of the app.
 * While Redis is down, commands fail at once instead of queueing (the app answers 503), and the client keeps
 * reconnecting, so the app recovers by itself when Redis is back. Session keys expire with the session cookie.
 */
export function createRedisSessions(url: string, log: (line: string) => void): RedisSessions {
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
  client.on('error', (err: Error) => {
    const now = Date.now();
    if (now - lastLogged < 10_000) return;
    lastLogged = now;
    // The message only (never the URL, which may hold the Redis password).
    log(`session store: Redis unavailable (${err.message}); retrying`);
  });
  client.on('ready', () => {
    if (lastLogged !== 0) log('session store: Redis is back');
    lastLogged = 0;
  });
  // connect() resolves once the first connection succeeds; until then requests get 503 rather than the app refusing to start.
  client.connect().catch(() => undefined);
  const store = new RedisStore({ client, prefix: 'ws-example:sess:' });
  return {
    store,
    close() {
      client.destroy();
      return Promise.resolve();
    },
  };
}
