import { startExample, type RunningExample } from './helpers/example-server';
import { Browser, signIn } from './helpers/http-client';
import { holdWriteLock } from './helpers/sqlite-locker';
import { REDIS_SERVER, RedisServer } from './helpers/redis-server';
import { describeIfInstalled } from './helpers/requirements';

let running: RunningExample | undefined;
let redis: RedisServer | undefined;
afterEach(async () => {
  redis?.unpause();
  await running?.close();
  await redis?.stop();
  running = undefined;
  redis = undefined;
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

async function csrfOf(browser: Browser): Promise<string> {
  return /name="_csrf" value="([^"]+)"/.exec((await browser.get('/profile')).body)![1]!;
}

describe('a refresh whose tokens the session store cannot keep', () => {
  test('SQLite locked by another process: POST /profile/refresh answers 503 without spending the refresh token; afterwards the session works', async () => {
    running = await startExample();
    const browser = new Browser(running.url);
    await signIn(browser);
    const csrf = await csrfOf(browser);
    running.emulator.stats.reset();
    const locker = await holdWriteLock(running.sessionFile, 3000);
    const res = await browser.post('/profile/refresh', { _csrf: csrf });
    expect(res.status).toBe(503);
    expect(running.emulator.stats.requests.refresh).toBe(0);
    await locker.released;
    expect((await browser.get('/projects')).status).toBe(200);
    expect((await browser.post('/profile/refresh', { _csrf: csrf })).location).toBe('/profile?refresh=done');
    expect((await browser.get('/projects')).status).toBe(200);
  }, 30_000);

  describeIfInstalled(REDIS_SERVER, 'apt-get install redis-server')('with Redis', () => {
    test('Redis paused (SIGSTOP) while POST /profile/refresh runs: a 503, and the next request after Redis is back uses and saves the new tokens', async () => {
      redis = await RedisServer.start();
      running = await startExample({ app: { sessions: { kind: 'redis', url: redis.url }, storeTimeoutMs: 300 } });
      await running.example.ready();
      const browser = new Browser(running.url);
      await signIn(browser);
      const csrf = await csrfOf(browser);
      running.emulator.stats.reset();
      running.emulator.faults.set('refresh', { type: 'delay', ms: 1000, times: 1 });
      const page = browser.post('/profile/refresh', { _csrf: csrf });
      await until(() => running!.emulator.stats.requests.refresh === 1);
      redis.pause();
      expect((await page).status).toBe(503);
      redis.unpause();
      // The old access token was revoked by the refresh: only the kept tokens make this page work.
      expect((await browser.get('/projects')).status).toBe(200);
      expect(running.emulator.stats.requests.refresh).toBe(1);
      // Saved by then: a second instance (or a restart) would find them in Redis.
      const other = await startExample({
        emulator: running.emulator,
        app: { sessions: { kind: 'redis', url: redis.url }, storeTimeoutMs: 300 },
      });
      try {
        expect((await new Browser(other.url, browser.jar).get('/projects')).status).toBe(200);
      } finally {
        await other.close();
      }
    }, 30_000);
  });
});
