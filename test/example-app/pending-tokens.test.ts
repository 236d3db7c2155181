import { startExample, type RunningExample } from './helpers/example-server';
import { Browser, signIn } from './helpers/http-client';
import { holdWriteLock } from './helpers/sqlite-locker';
import { REDIS_SERVER, RedisServer } from './helpers/redis-server';
import { describeIfInstalled } from './helpers/requirements';
import { PENDING_TOKENS_LIMIT, PENDING_TOKENS_MS, PendingTokens } from '../../example-app/pending-tokens';
import type { SessionUser } from '../../example-app/session-user';

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
        await other.example.ready();
        expect((await new Browser(other.url, browser.jar).get('/projects')).status).toBe(200);
      } finally {
        await other.close();
      }
    }, 30_000);
  });
});

describe('PendingTokens', () => {
  const user = (refreshToken: string): SessionUser => ({
    id: '1',
    accountUrl: 'https://a.worksection.com',
    displayName: 'A',
    expiresAt: 0,
    tokens: { accessToken: 'a', refreshToken },
  });
  const set = (refreshToken: string) => ({
    accessToken: `a-${refreshToken}`,
    refreshToken,
    expiresIn: 86400,
    expiresAt: 0,
    tokenType: 'Bearer' as const,
  });

  test('gives the tokens only over the refresh token the store holds, for the same user, until saved', () => {
    const pending = new PendingTokens();
    pending.keep('sid', user('r1'), 'r1', set('r2'));
    // A later rotation that failed too: still applies over what the store holds (r1).
    pending.keep('sid', user('r2'), 'r2', set('r3'));
    expect(pending.take('sid', user('r1'))).toEqual(set('r3'));
    expect(pending.take('sid', { ...user('r1'), id: '2' })).toBeUndefined();
    pending.keep('sid', user('r1'), 'r1', set('r2'));
    // Another instance saved newer tokens meanwhile: what is stored wins, and these are forgotten.
    expect(pending.take('sid', user('r9'))).toBeUndefined();
    expect(pending.size).toBe(0);
    pending.keep('sid', user('r1'), 'r1', set('r2'));
    const tokens = pending.take('sid', user('r1'))!;
    pending.saved('sid', tokens);
    expect(pending.size).toBe(0);
  });

  test('forgets tokens a month old (the refresh token is dead by then) and the oldest sessions beyond the limit', () => {
    let now = 0;
    const pending = new PendingTokens(() => now);
    pending.keep('old', user('r1'), 'r1', set('r2'));
    now = PENDING_TOKENS_MS + 1;
    expect(pending.take('old', user('r1'))).toBeUndefined();
    for (let i = 0; i <= PENDING_TOKENS_LIMIT; i++) pending.keep(`sid-${i}`, user('r1'), 'r1', set('r2'));
    expect(pending.size).toBe(PENDING_TOKENS_LIMIT);
    expect(pending.take('sid-0', user('r1'))).toBeUndefined();
  });
});
