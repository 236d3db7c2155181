import { Store, type SessionData } from 'express-session';
import { redisCall } from './redis-call';
import { SessionDestroyedError } from './errors/session-destroyed-error';

/** The commands of a node-redis client {@link RedisSessionStore} uses. */
export interface SessionRedis {
  get(key: string): Promise<string | null>;
  pExpire(key: string, ms: number): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** Options of {@link RedisSessionStore}. */
export interface RedisSessionStoreOptions {
  /** Prefix of the session keys. Default `ws-example:sess:`. */
  prefix?: string;
  /** Prefix of the keys remembering destroyed sessions. Default `ws-example:gone:`. */
  tombstonePrefix?: string;
  /** How long a destroyed session's id is remembered, in ms: longer than any request can take. Default: one day. */
  tombstoneTtlMs?: number;
  /** Lifetime of a session whose cookie has no expiry, in ms. Default: one day. */
  defaultTtlMs?: number;
  /** Milliseconds each Redis call may take before it fails with a `SessionStoreUnavailableError`. Default 3000. */
  timeoutMs?: number;
}

// Both in one script, so no destroy (from any instance) can fall between the tombstone check and the write.
const SET_UNLESS_DESTROYED =
  "if redis.call('exists', KEYS[2]) == 1 then return 0 end redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1";
// Only a session that was stored leaves a tombstone: a visitor who never had one costs no key.
const DESTROY = "if redis.call('del', KEYS[1]) == 1 then redis.call('set', KEYS[2], '1', 'PX', ARGV[1]) end return 1";

/** A session's cookie as a store sees it. */
interface StoredCookie {
  expires?: Date | string | null;
}

type Callback<T = void> = (err?: unknown, value?: T) => void;

/**
 * An express-session store on Redis (in place of connect-redis, whose `set` writes unconditionally): each session is
 * one JSON string expiring with its cookie, and a destroyed session leaves a tombstone key, so that a late `set`
 * (a slow request that read the session before a sign-out, on any instance) is refused with
 * {@link SessionDestroyedError} instead of bringing the session back. Every call fails after `timeoutMs` with a
 * `SessionStoreUnavailableError`.
 */
export class RedisSessionStore extends Store {
  private readonly prefix: string;
  private readonly tombstonePrefix: string;
  private readonly tombstoneTtlMs: number;
  private readonly defaultTtlMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly redis: SessionRedis,
    options: RedisSessionStoreOptions = {},
  ) {
    super();
    this.prefix = options.prefix ?? 'ws-example:sess:';
    this.tombstonePrefix = options.tombstonePrefix ?? 'ws-example:gone:';
    this.tombstoneTtlMs = options.tombstoneTtlMs ?? 24 * 60 * 60 * 1000;
    this.defaultTtlMs = options.defaultTtlMs ?? 24 * 60 * 60 * 1000;
    this.timeoutMs = options.timeoutMs ?? 3000;
  }

  override get(sid: string, callback: Callback<SessionData | null>): void {
    settle(callback, async () => {
      const stored = await redisCall('get', this.timeoutMs, () => this.redis.get(this.prefix + sid));
      return stored === null ? null : (JSON.parse(stored) as SessionData);
    });
  }

  /** Saves the session; fails with {@link SessionDestroyedError} if this id was destroyed. */
  override set(sid: string, session: SessionData, callback?: Callback): void {
    settle(callback, async () => {
      const ttl = this.ttlOf(session);
      if (ttl <= 0) {
        await this.bury(sid);
        return;
      }
      const keys = [this.prefix + sid, this.tombstonePrefix + sid];
      const args = [JSON.stringify(session), String(ttl)];
      const written = await redisCall('set', this.timeoutMs, () => this.redis.eval(SET_UNLESS_DESTROYED, { keys, arguments: args }));
      if (written !== 1) throw new SessionDestroyedError();
    });
  }

  override touch(sid: string, session: SessionData, callback?: Callback): void {
    settle(callback, async () => {
      // PEXPIRE on a missing key does nothing: a touch never recreates a session.
      await redisCall('touch', this.timeoutMs, () => this.redis.pExpire(this.prefix + sid, Math.max(1, this.ttlOf(session))));
    });
  }

  /** Deletes the session and remembers its id for `tombstoneTtlMs`, so that no later `set` brings it back. */
  override destroy(sid: string, callback?: Callback): void {
    settle(callback, () => this.bury(sid));
  }

  private async bury(sid: string): Promise<void> {
    const keys = [this.prefix + sid, this.tombstonePrefix + sid];
    await redisCall('destroy', this.timeoutMs, () => this.redis.eval(DESTROY, { keys, arguments: [String(this.tombstoneTtlMs)] }));
  }

  private ttlOf(session: SessionData): number {
    const expires = (session.cookie as StoredCookie | undefined)?.expires;
    return expires ? Math.ceil(new Date(expires).getTime() - Date.now()) : this.defaultTtlMs;
  }
}

/** Runs `work` and hands its outcome to express-session's callback; a rejection reaches it as an error. */
function settle<T>(callback: Callback<T> | undefined, work: () => Promise<T>): void {
  work().then(
    (value) => callback?.(undefined, value),
    (err: unknown) => callback?.(err),
  );
}
