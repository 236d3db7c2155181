import { startExample, type RunningExample } from './helpers/example-server';
import { Browser } from './helpers/http-client';
import { SignInLimiter } from '../../example-app/sign-in-limiter';

let running: RunningExample | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('sign-in rate limits', () => {
  test('past the per-IP limit, starts and callbacks answer 429 with Retry-After, and no token request reaches Worksection', async () => {
    running = await startExample({ app: { signInLimits: { perIp: 3, global: 100, windowMs: 60_000 } } });
    const browser = new Browser(running.url);
    running.emulator.stats.reset();
    // A start (its state cookie kept) and a callback with a made-up code: one client-authenticated token request.
    const state = () => browser.get('/auth/worksection').then((res) => new URL(res.location!).searchParams.get('state')!);
    expect((await browser.get(`/auth/worksection/callback?code=forged&state=${await state()}`)).status).toBe(303);
    expect(running.emulator.stats.requests.token).toBe(1);
    const third = await state();
    const refused = await browser.get(`/auth/worksection/callback?code=forged&state=${third}`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('set-cookie')).toBeNull();
    expect((await browser.get('/auth/worksection')).status).toBe(429);
    expect(running.emulator.stats.requests.token).toBe(1);
  });

  test('past the global limit, every IP is refused; below it, another IP is not held back by one that is', async () => {
    running = await startExample({ app: { trustProxy: 1, signInLimits: { perIp: 2, global: 4, windowMs: 60_000 } } });
    const from = (ip: string) => new Browser(running!.url).get('/auth/worksection', { 'x-forwarded-for': ip });
    const statuses = [];
    for (const ip of ['192.0.2.1', '192.0.2.1', '192.0.2.1', '192.0.2.2', '192.0.2.2', '192.0.2.3']) statuses.push((await from(ip)).status);
    expect(statuses).toEqual([302, 302, 429, 302, 302, 429]);
  });
});

describe('SignInLimiter', () => {
  test('forgets every IP when its window ends, and holds no more IPs than the global limit', () => {
    let now = 0;
    const limiter = new SignInLimiter({ perIp: 1, global: 3, windowMs: 1000 }, () => now);
    expect(['a', 'a', 'b', 'c', 'd', 'e'].map((ip) => limiter.take(ip))).toEqual([0, 1000, 0, 0, 1000, 1000]);
    expect(limiter.size).toBe(3);
    now = 999;
    expect(limiter.take('a')).toBe(1);
    now = 1000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.size).toBe(1);
  });
});
