import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { redisCall } from './redis-call';

/** The two commands of a node-redis client the lock uses. */
export interface LockRedis {
  set(key: string, value: string, options: { condition: 'NX'; expiration: { type: 'PX'; value: number } }): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** Options of {@link createRedisRefreshLock}. */
export interface RedisRefreshLockOptions {
  /**
   * Milliseconds the lock outlives a holder that died. Longer than a refresh plus saving the tokens
   * (the client's timeout and your session store's), or a second instance could refresh meanwhile. Default 30000.
   */
  ttl?: number;
  /** Milliseconds to wait for another instance's refresh before giving up. Default 35000. */
  wait?: number;
  /** Milliseconds between two attempts to take the lock. Default 50. */
  retryDelay?: number;
  /**
   * Milliseconds each Redis call (connecting, taking, releasing) may take. A stalled Redis then fails the request
   * with a `SessionStoreUnavailableError` (a 503) instead of holding it. Default 3000.
   */
  timeoutMs?: number;
  /** Prefix of the Redis keys. Default `ws-example:lock:`. */
  prefix?: string;
}

// Deletes the lock only if it is still ours: after a ttl expiry it may belong to another instance.
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

const DEFAULT_TIMEOUT_MS = 3000;

/**
 * The `lock` option of WorksectionClient for several app instances sharing Redis: `SET key token NX PX ttl`,
 * retried until it succeeds, released with a compare-and-delete. Worksection rotates refresh tokens, so two
 * instances refreshing one grant at once would revoke each other's tokens; with this lock the second one waits,
 * then reads the tokens the first saved (the client's `loadTokens`) instead of refreshing again. Redis failing or
 * not answering within `timeoutMs` rejects with a `SessionStoreUnavailableError`, as the session store does.
 */
export function createRedisRefreshLock(redis: LockRedis, options: RedisRefreshLockOptions = {}) {
  const ttl = options.ttl ?? 30_000;
  const wait = options.wait ?? 35_000;
  const retryDelay = options.retryDelay ?? 50;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const prefix = options.prefix ?? 'ws-example:lock:';
  return async function lock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const name = `${prefix}${key}`;
    const token = randomUUID();
    const giveUp = Date.now() + wait;
    const take = () => redis.set(name, token, { condition: 'NX', expiration: { type: 'PX', value: ttl } });
    while ((await redisCall('refresh lock take', timeoutMs, take)) !== 'OK') {
      if (Date.now() >= giveUp) {
        throw new Error(`Another instance has been refreshing these Worksection tokens for over ${wait} ms; try again later.`);
      }
      await new Promise((resolve) => setTimeout(resolve, retryDelay));
    }
    try {
      return await fn();
    } finally {
      // A failed release only delays the next refresh of this grant until the ttl ends.
      await redisCall('refresh lock release', timeoutMs, () => redis.eval(RELEASE, { keys: [name], arguments: [token] })).catch(
        () => undefined,
      );
    }
  };
}

/**
 * {@link createRedisRefreshLock} on a connection of its own, opened for each acquisition and closed after it:
 * a grant is refreshed about once a day, so this costs little and leaves nothing open between refreshes.
 */
export function redisRefreshLockAt(url: string, options: RedisRefreshLockOptions = {}) {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return async function lock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const client = createClient({
      url,
      disableOfflineQueue: true,
      socket: { connectTimeout: timeoutMs, reconnectStrategy: false },
    });
    // Without an 'error' listener node-redis would crash the process on a lost connection; the command fails anyway.
    client.on('error', () => undefined);
    try {
      // A paused Redis accepts the TCP connection and never answers the handshake: connectTimeout does not cover it.
      await redisCall('refresh lock connect', timeoutMs, () => client.connect());
      return await createRedisRefreshLock(client, options)(key, fn);
    } finally {
      client.destroy();
    }
  };
}
