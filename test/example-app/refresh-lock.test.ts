import { createClient } from 'redis';
import type { Emulator } from 'worksection-emulator';
import type { TokenSet } from '../../src';
import { WorksectionClient, type ClientTokens } from '../../src/client';
import { createRedisRefreshLock, redisRefreshLockAt, type LockRedis } from '../../example-app/refresh-lock';
import { RefreshOutcomes } from '../../src/client/refresh-outcomes';
import { PAST_EXPIRY, signIn, startEmulator } from '../helpers/client-setup';
import { until } from '../helpers/until';
import { REDIS_SERVER, RedisServer } from './helpers/redis-server';
import { describeIfInstalled } from './helpers/requirements';
import { SessionStoreUnavailableError } from '../../example-app/errors/session-store-unavailable-error';

describeIfInstalled(REDIS_SERVER, 'apt-get install redis-server')('createRedisRefreshLock', () => {
  let redis: RedisServer;
  let connections: Array<{ destroy(): void }> = [];

  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterEach(() => {
    // A test that failed while Redis was paused must not leave it paused for the next ones.
    redis.unpause();
    for (const connection of connections) connection.destroy();
    connections = [];
  });
  afterAll(async () => {
    // Unset if the set-up failed before assigning it.
    await (redis as RedisServer | undefined)?.stop();
  });

  /** A separate Redis connection, as each app instance has its own. */
  async function connect() {
    const connection = createClient({ url: redis.url });
    connection.on('error', () => undefined);
    await connection.connect();
    connections.push(connection);
    return connection;
  }

  /** `connection` as the lock sees it, counting the lock's attempts to take a key: a test watches an instance wait. */
  function counted(connection: LockRedis) {
    const redis = {
      takes: 0,
      set: (...args: Parameters<LockRedis['set']>) => {
        redis.takes++;
        return connection.set(...args);
      },
      eval: (...args: Parameters<LockRedis['eval']>) => connection.eval(...args),
    };
    return redis;
  }

  /** A promise, and the function that settles it: for a test to say when a holder may go on. */
  function signal() {
    let fire!: () => void;
    const fired = new Promise<void>((resolve) => (fire = resolve));
    return { fire, fired };
  }

  test('holds the key with a PX ttl while fn runs, and deletes it afterwards', async () => {
    const connection = await connect();
    const lock = createRedisRefreshLock(connection, { ttl: 600_000 });
    const seen = await lock('k1', async () => ({
      value: await connection.get('ws-example:lock:k1'),
      ttl: await connection.pTTL('ws-example:lock:k1'),
    }));
    expect(seen.value).toMatch(/^[0-9a-f-]{36}$/);
    // The ttl given, less the moments since: however slow the machine, far more than Redis's -1 (no ttl).
    expect(seen.ttl).toBeGreaterThan(300_000);
    expect(seen.ttl).toBeLessThanOrEqual(600_000);
    expect(await connection.exists('ws-example:lock:k1')).toBe(0);
  });

  test('a second instance waits until the first releases the lock', async () => {
    const lockA = createRedisRefreshLock(await connect(), { retryDelay: 10 });
    const redisB = counted(await connect());
    const lockB = createRedisRefreshLock(redisB, { retryDelay: 10 });
    const events: string[] = [];
    const aIn = signal();
    const aMayLeave = signal();
    const a = lockA('k2', async () => {
      events.push('A in');
      aIn.fire();
      await aMayLeave.fired;
      events.push('A out');
    });
    await aIn.fired;
    const b = lockB('k2', () => {
      events.push('B in');
      return Promise.resolve();
    });
    // B has been refused the lock and tried again: it is waiting, not merely late.
    await until(() => redisB.takes >= 2);
    aMayLeave.fire();
    await Promise.all([a, b]);
    expect(events).toEqual(['A in', 'A out', 'B in']);
  });

  test('the lock is released when fn rejects', async () => {
    const connection = await connect();
    const lock = createRedisRefreshLock(connection);
    await expect(lock('k3', () => Promise.reject(new Error('refresh failed')))).rejects.toThrow('refresh failed');
    expect(await connection.exists('ws-example:lock:k3')).toBe(0);
  });

  test("a holder whose ttl ran out does not delete the next holder's lock", async () => {
    const connection = await connect();
    const slow = createRedisRefreshLock(connection, { ttl: 50, retryDelay: 10 });
    const other = createRedisRefreshLock(await connect(), { ttl: 600_000, retryDelay: 10 });
    const slowIn = signal();
    const otherIn = signal();
    const otherMayLeave = signal();
    // The slow holder keeps fn running until the other instance holds the lock: its ttl has run out by then.
    const a = slow('k4', async () => {
      slowIn.fire();
      await otherIn.fired;
    });
    await slowIn.fired;
    const b = other('k4', async () => {
      otherIn.fire();
      await otherMayLeave.fired;
    });
    // The slow holder releases now: its compare-and-delete must leave the other's lock alone.
    await a;
    expect(await connection.exists('ws-example:lock:k4')).toBe(1);
    otherMayLeave.fire();
    await b;
    expect(await connection.exists('ws-example:lock:k4')).toBe(0);
  });

  test('gives up after `wait` ms with an error that says why', async () => {
    const connection = await connect();
    await connection.set('ws-example:lock:k5', 'someone-else', { expiration: { type: 'PX', value: 10_000 } });
    const lock = createRedisRefreshLock(connection, { wait: 100, retryDelay: 20 });
    await expect(lock('k5', () => Promise.resolve('never'))).rejects.toThrow(/Another instance has been refreshing/);
  });

  test('redisRefreshLockAt takes the lock on a connection of its own, closed afterwards', async () => {
    const inspector = await connect();
    const lock = redisRefreshLockAt(redis.url);
    const held = await lock('k6', async () => inspector.exists('ws-example:lock:k6'));
    expect(held).toBe(1);
    expect(await inspector.exists('ws-example:lock:k6')).toBe(0);
    // Redis notices a closed connection on its own schedule: wait for only the inspector to remain.
    const connected = async () => (await inspector.sendCommand<string>(['CLIENT', 'LIST'])).trim().split('\n').length;
    await until(async () => (await connected()) === 1);
    expect(await connected()).toBe(1);
  });

  test('redisRefreshLockAt rejects when Redis is unreachable, without running fn', async () => {
    const lock = redisRefreshLockAt('redis://127.0.0.1:1');
    let ran = false;
    await expect(
      lock('k7', () => {
        ran = true;
        return Promise.resolve(true);
      }),
    ).rejects.toThrow(SessionStoreUnavailableError);
    expect(ran).toBe(false);
  });

  test('with Redis paused, taking the lock on a new connection fails after timeoutMs (a 503), while Redis is still paused', async () => {
    const lock = redisRefreshLockAt(redis.url, { timeoutMs: 200 });
    const events: string[] = [];
    redis.pause();
    try {
      await lock('k8', () => Promise.resolve(events.push('ran'))).catch((err: unknown) => {
        events.push(err instanceof SessionStoreUnavailableError ? 'unavailable' : `other: ${String(err)}`);
      });
    } finally {
      events.push('unpaused');
      redis.unpause();
    }
    expect(events).toEqual(['unavailable', 'unpaused']);
  });

  test('with Redis paused while fn runs, the release gives up after timeoutMs and the result of fn is returned', async () => {
    const lock = createRedisRefreshLock(await connect(), { timeoutMs: 200 });
    const events: string[] = [];
    try {
      const result = await lock('k9', () => {
        redis.pause();
        return Promise.resolve('refreshed');
      });
      events.push(result);
    } finally {
      events.push('unpaused');
      redis.unpause();
    }
    expect(events).toEqual(['refreshed', 'unpaused']);
  });

  test('Redis failing while the lock is taken rejects with SessionStoreUnavailableError (a 503), never the raw Redis error', async () => {
    const connection = await connect();
    connection.destroy();
    const lock = createRedisRefreshLock(connection, { timeoutMs: 200 });
    await expect(lock('k10', () => Promise.resolve('never'))).rejects.toThrow(SessionStoreUnavailableError);
  });

  describe('two app instances sharing Redis', () => {
    let emu: Emulator;
    beforeEach(async () => {
      emu = await startEmulator();
    });
    // Unset if the set-up failed before assigning it.
    afterEach(() => (emu as Emulator | undefined)?.close());

    /** One app instance: its own strategy, Redis connection and client; tokens stored in Redis as the session store keeps them. */
    async function instance(grant: Awaited<ReturnType<typeof signIn>>, strategy = grant.strategy) {
      const connection = await connect();
      const client = new WorksectionClient({
        strategy,
        accountUrl: grant.accountUrl,
        tokens: grant.tokens,
        minInterval: 0,
        lock: createRedisRefreshLock(connection, { retryDelay: 10 }),
        loadTokens: async () => {
          const stored = await connection.get('app:tokens');
          return stored === null ? undefined : (JSON.parse(stored) as ClientTokens);
        },
        onTokens: async (tokens: TokenSet) => {
          const { accessToken, refreshToken, expiresAt } = tokens;
          await connection.set('app:tokens', JSON.stringify({ accessToken, refreshToken, expiresAt }));
        },
        // Each instance is a process of its own: no shared memory of refreshes.
        refreshOutcomes: new RefreshOutcomes(),
      });
      return client;
    }

    test('only one of them refreshes a given token; the other uses the tokens it saved', async () => {
      const grant = await signIn(emu);
      const otherStrategy = (await signIn(emu)).strategy;
      emu.stats.reset();
      grant.tokens = { ...grant.tokens, expiresAt: Date.now() - 1 };
      emu.clock.advance(PAST_EXPIRY);
      const seed = await connect();
      await seed.set('app:tokens', JSON.stringify(grant.tokens));
      const a = await instance(grant);
      const b = await instance(grant, otherStrategy);
      const results = await Promise.all([a.getProjects(), b.getProjects(), a.me(), b.me()]);
      expect(results).toHaveLength(4);
      expect(emu.stats.requests.refresh).toBe(1);
      const stored = JSON.parse((await seed.get('app:tokens'))!) as ClientTokens;
      expect(stored.refreshToken).not.toBe(grant.tokens.refreshToken);
      expect(a.tokens).toEqual(stored);
      expect(b.tokens).toEqual(stored);
      // The lock key holds a hash, never the refresh token.
      expect(await seed.keys('*' + grant.tokens.refreshToken.slice(0, 20) + '*')).toEqual([]);
    });
  });
});
