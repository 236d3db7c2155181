import { createClient } from 'redis';
import type { SessionData } from 'express-session';
import { createRedisSessions, type RedisSessions } from '../../example-app/redis-session-store';
import { REDIS_SERVER, RedisServer } from './helpers/redis-server';
import { describeIfInstalled } from './helpers/requirements';
import { asError } from '../helpers/errors';

describeIfInstalled(REDIS_SERVER, 'apt-get install redis-server')('createRedisSessions', () => {
  let redis: RedisServer;
  let sessions: RedisSessions | undefined;
  let inspector: ReturnType<typeof createClient> | undefined;

  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterEach(async () => {
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
    // connect-redis's methods also return a promise; the callback is what this test waits for.
    await call((cb) => void sessions!.store.set('sid-1', session, cb));
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
      new Promise((resolve, reject) => void sessions!.store.get('sid', (err) => (err ? reject(asError(err)) : resolve(err)))),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 200));
    expect(logs.join('\n')).toMatch(/Redis unavailable/);
    expect(logs.join('\n')).not.toContain('pa55word');
  });
});

async function waitForReady(sessions: RedisSessions): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const ok = await new Promise((resolve) => void sessions.store.get('probe', (err) => resolve(!err)));
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('Redis never became ready');
}
