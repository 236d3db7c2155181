import { createClient } from 'redis';
import type { SessionData } from 'express-session';
import { createRedisSessions, type RedisSessions } from '../../example-app/redis-sessions';
import { REDIS_SERVER, RedisServer } from './helpers/redis-server';
import { describeIfInstalled } from './helpers/requirements';
import { asError } from '../helpers/errors';
import { SessionDestroyedError } from '../../example-app/errors/session-destroyed-error';

describeIfInstalled(REDIS_SERVER, 'apt-get install redis-server')('createRedisSessions', () => {
  let redis: RedisServer;
  let sessions: RedisSessions | undefined;
  let inspector: ReturnType<typeof createClient> | undefined;

  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterEach(async () => {
    // A test that failed while Redis was paused must not leave it paused for the next ones.
    redis.unpause();
    await sessions?.close();
    sessions = undefined;
    inspector?.destroy();
    inspector = undefined;
  });
  afterAll(async () => {
    // Unset if the set-up failed before assigning it.
    await (redis as RedisServer | undefined)?.stop();
  });

  const call = (fn: (cb: (err?: unknown) => void) => void) =>
    new Promise<void>((resolve, reject) => fn((err) => (err ? reject(asError(err)) : resolve())));

  test('stores a session under its prefix with a TTL taken from the cookie, so abandoned ones expire', async () => {
    sessions = createRedisSessions(redis.url, () => undefined);
    const session = { cookie: { expires: new Date(Date.now() + 600_000), originalMaxAge: 600_000 } } as unknown as SessionData;
    await waitForReady(sessions);
    await call((cb) => {
      sessions!.store.set('sid-1', session, cb);
    });
    inspector = createClient({ url: redis.url });
    inspector.on('error', () => undefined);
    await inspector.connect();
    const ttl = await inspector.ttl('ws-example:sess:sid-1');
    expect(ttl).toBeGreaterThan(590);
    expect(ttl).toBeLessThanOrEqual(600);
  });

  test('while Redis is unreachable a call fails at once instead of queueing, and the log omits the URL', async () => {
    const logs: string[] = [];
    sessions = createRedisSessions('redis://:pa55word@127.0.0.1:1', (line) => logs.push(line));
    const started = Date.now();
    await expect(
      new Promise((resolve, reject) => {
        sessions!.store.get('sid', (err) => (err ? reject(asError(err)) : resolve(err)));
      }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1000);
    // The client logs its failed connection from its own event: wait for that line rather than for a fixed time.
    while (!logs.some((line) => line.includes('Redis unavailable'))) await new Promise((r) => setTimeout(r, 5));
    expect(logs.join('\n')).not.toContain('pa55word');
  });

  test('a destroyed session cannot be saved back, by this instance or another: set fails with SessionDestroyedError', async () => {
    sessions = createRedisSessions(redis.url, () => undefined);
    const other = createRedisSessions(redis.url, () => undefined);
    try {
      await waitForReady(sessions);
      await waitForReady(other);
      const session = { cookie: { expires: new Date(Date.now() + 600_000) }, user: 'henry' } as unknown as SessionData;
      await call((cb) => sessions!.store.set('sid-2', session, cb));
      await call((cb) => sessions!.store.destroy('sid-2', cb));
      await expect(call((cb) => other.store.set('sid-2', session, cb))).rejects.toThrow(SessionDestroyedError);
      await call((cb) => other.store.touch('sid-2', session, cb));
      const stored = await new Promise((resolve) => sessions!.store.get('sid-2', (_err, value) => resolve(value)));
      expect(stored).toBeNull();
      await call((cb) => other.store.set('sid-3', session, cb));
      expect(await new Promise((resolve) => sessions!.store.get('sid-3', (_err, value) => resolve(value)))).toMatchObject({
        user: 'henry',
      });
    } finally {
      await other.close();
    }
  });

  test('destroying a session that was never stored leaves no tombstone: an anonymous visitor costs no key', async () => {
    sessions = createRedisSessions(redis.url, () => undefined);
    await waitForReady(sessions);
    await call((cb) => sessions!.store.destroy('never-stored', cb));
    const session = { cookie: { expires: new Date(Date.now() + 600_000) }, user: 'henry' } as unknown as SessionData;
    await call((cb) => sessions!.store.set('never-stored', session, cb));
    expect(await new Promise((resolve) => sessions!.store.get('never-stored', (_err, value) => resolve(value)))).toMatchObject({
      user: 'henry',
    });
  });

  test('with Redis paused (connections open, no answers), a call fails after timeoutMs while Redis is still paused', async () => {
    sessions = createRedisSessions(redis.url, () => undefined, { timeoutMs: 200 });
    await waitForReady(sessions);
    const events: string[] = [];
    redis.pause();
    try {
      const err = await new Promise((resolve) => sessions!.store.get('sid', (e) => resolve(e)));
      events.push(err instanceof Error ? 'failed' : 'answered');
    } finally {
      events.push('unpaused');
      redis.unpause();
    }
    expect(events).toEqual(['failed', 'unpaused']);
  });
});

async function waitForReady(sessions: RedisSessions): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const ok = await new Promise((resolve) => {
      sessions.store.get('probe', (err) => resolve(!err));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('Redis never became ready');
}
