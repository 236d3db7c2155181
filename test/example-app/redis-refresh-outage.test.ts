import { startExample, type RunningExample } from './helpers/example-server';
import { Browser, signIn, type Hop } from './helpers/http-client';
import { REDIS_SERVER, RedisServer } from './helpers/redis-server';
import { describeIfInstalled } from './helpers/requirements';

const PAST_EXPIRY = 86_400_000 + 1000;
const STORE_TIMEOUT = 300;

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describeIfInstalled(REDIS_SERVER, 'apt-get install redis-server')('/projects when Redis fails during a refresh', () => {
  let redis: RedisServer | undefined;
  let running: RunningExample | undefined;

  afterEach(async () => {
    redis?.unpause();
    await running?.close();
    await redis?.stop();
    running = undefined;
    redis = undefined;
  });

  async function signedInWithExpiredToken(): Promise<{ browser: Browser; running: RunningExample }> {
    redis = await RedisServer.start();
    running = await startExample({ app: { sessions: { kind: 'redis', url: redis.url }, storeTimeoutMs: STORE_TIMEOUT } as never });
    await running.example.ready();
    const browser = new Browser(running.url);
    await signIn(browser);
    expect((await browser.get('/profile')).status).toBe(200);
    running.emulator.stats.reset();
    running.emulator.clock.advance(PAST_EXPIRY);
    // Slow enough for the test to act while the refresh is in flight, well within the client's 2 s timeout.
    running.emulator.faults.set('refresh', { type: 'delay', ms: 1000, times: 1 });
    return { browser, running };
  }

  test('Redis paused (connections open, no answers) while the refresh runs: a 503 with Retry-After while it is still paused', async () => {
    const { browser, running } = await signedInWithExpiredToken();
    const events: string[] = [];
    const page = browser.get('/projects').then((res: Hop) => {
      events.push(`answered ${res.status} ${res.headers.get('retry-after')}`);
      return res;
    });
    await until(() => running.emulator.stats.requests.refresh === 1);
    redis!.pause();
    await page;
    events.push('unpaused');
    redis!.unpause();
    expect(events).toEqual(['answered 503 5', 'unpaused']);
    // Worksection revoked the old tokens: the new ones were kept, and the next visit uses them.
    expect((await browser.get('/projects')).status).toBe(200);
    expect(running.emulator.stats.requests.refresh).toBe(1);
  });

  test('Redis dying as the refresh starts (the lock cannot be taken): a 503, not a 500', async () => {
    const { browser, running } = await signedInWithExpiredToken();
    // The refresh starts on the account API's "expired" answer: Redis dies while that call is on its way.
    running.emulator.faults.set('api', { type: 'delay', ms: 300, times: 1 });
    const page = browser.get('/projects');
    await until(() => running.emulator.stats.requests.api === 1);
    await redis!.stop();
    const res = await page;
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(running.emulator.stats.requests.refresh).toBe(0);
  });

  test('Redis dying while the refresh runs (the tokens cannot be saved): a 503, neither a 500 nor a sign-out', async () => {
    const { browser, running } = await signedInWithExpiredToken();
    const page = browser.get('/projects');
    await until(() => running.emulator.stats.requests.refresh === 1);
    await redis!.stop();
    const res = await page;
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
  });
});
