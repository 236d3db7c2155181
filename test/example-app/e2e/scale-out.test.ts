import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmulator, type Emulator } from 'worksection-emulator';
import { createApp, type ExampleApp } from '../../../example-app/app';
import { STORE_TIMEOUT_MS } from '../../../example-app/session-store';
import { Browser, CookieJar } from '../helpers/http-client';
import { TEST_CLIENT_SECRET, TEST_SESSION_SECRET } from '../helpers/example-server';
import { REDIS_SERVER, RedisServer } from '../helpers/redis-server';
import { describeIfInstalled } from '../helpers/requirements';

// Both instances stand behind one public URL, as behind a load balancer: Worksection knows only that one.
const PUBLIC_CALLBACK = 'https://app.example.test/auth/worksection/callback';

interface Instance {
  example: ExampleApp;
  server: Server;
  origin: string;
  logs: string[];
}

async function startInstance(emulator: Emulator, redisUrl: string): Promise<Instance> {
  const logs: string[] = [];
  const example = createApp({
    worksection: { clientID: 'scaled-app', clientSecret: TEST_CLIENT_SECRET, callbackURL: PUBLIC_CALLBACK, baseURL: emulator.url },
    sessions: { kind: 'redis', url: redisUrl },
    sessionSecret: TEST_SESSION_SECRET,
    log: (line) => logs.push(line),
  });
  const server = createServer(example.app);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { example, server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, logs };
}

async function stopInstance(instance: Instance | undefined): Promise<void> {
  if (!instance) return;
  instance.server.closeAllConnections();
  await new Promise<void>((done) => instance.server.close(() => done()));
  await instance.example.close();
}

/** Starts a sign-in on `first` and completes its callback on `second`; returns the callback's answer. */
async function signInAcross(first: Browser, second: Browser): Promise<{ status: number; location: string | undefined }> {
  const start = await first.get('/auth/worksection');
  expect(start.status).toBe(302);
  const approved = await fetch(start.location!, { redirect: 'manual' });
  const callback = new URL(approved.headers.get('location')!);
  expect(`${callback.origin}${callback.pathname}`).toBe(PUBLIC_CALLBACK);
  return second.get(`${callback.pathname}${callback.search}`);
}

async function waitUntilHealthy(browser: Browser, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if ((await browser.get('/healthz')).status === 200) return;
    if (Date.now() > deadline) throw new Error(`not healthy within ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeIfInstalled(REDIS_SERVER, 'apt-get install redis-server')('two instances sharing Redis (scale-out)', () => {
  let redis: RedisServer;
  let emulator: Emulator;
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    [redis, emulator] = await Promise.all([
      RedisServer.start(),
      createEmulator({
        autoApprove: true,
        clients: [{ clientId: 'scaled-app', clientSecret: TEST_CLIENT_SECRET, redirectUris: [PUBLIC_CALLBACK] }],
      }),
    ]);
    [a, b] = await Promise.all([startInstance(emulator, redis.url), startInstance(emulator, redis.url)]);
    const jar = new CookieJar();
    await waitUntilHealthy(new Browser(a.origin, jar), 5000);
    await waitUntilHealthy(new Browser(b.origin, jar), 5000);
  }, 30_000);

  afterAll(async () => {
    await stopInstance(a);
    await stopInstance(b);
    // Unset if the set-up failed before assigning them.
    await (emulator as Emulator | undefined)?.close();
    await (redis as RedisServer | undefined)?.stop();
  });

  test('a sign-in started on one instance completes on the other, and the first then shows the profile', async () => {
    const jar = new CookieJar();
    const onA = new Browser(a.origin, jar);
    const onB = new Browser(b.origin, jar);
    const callback = await signInAcross(onA, onB);
    expect(callback.status).toBe(303);
    expect(callback.location).toBe('/profile');
    const profile = await onA.get('/profile');
    expect(profile.status).toBe(200);
    expect(profile.body).toContain('Henry Gardner');
  });

  test('with Redis stopped both instances answer 503 at once, and recover when it is back, without a restart', async () => {
    const jar = new CookieJar();
    const onA = new Browser(a.origin, jar);
    const onB = new Browser(b.origin, jar);
    await signInAcross(onA, onB);
    expect((await onB.get('/profile')).status).toBe(200);

    await redis.stop();
    for (const browser of [onA, onB]) {
      const started = Date.now();
      const res = await browser.get('/profile');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.body).toContain('briefly unavailable');
      expect(Date.now() - started).toBeLessThan(STORE_TIMEOUT_MS + 500);
      expect((await browser.get('/healthz')).status).toBe(503);
      // Starting a sign-in cannot work without the store either: a 503, not a trip to Worksection and back.
      expect((await new Browser(browser.origin).get('/auth/worksection')).status).toBe(503);
    }
    // The outage is logged without the Redis URL (it may hold a password).
    expect(a.logs.join('\n')).toMatch(/session store: Redis unavailable|error 503/);
    expect(a.logs.join('\n')).not.toContain(redis.url);

    await redis.resume();
    await waitUntilHealthy(onA, 10_000);
    await waitUntilHealthy(onB, 10_000);
    // This Redis keeps nothing on disk, so the old session is gone: sign in again, across instances.
    expect((await onA.get('/profile')).status).toBe(302);
    const again = await signInAcross(onB, onA);
    expect(again.location).toBe('/profile');
    expect((await onB.get('/profile')).status).toBe(200);
  }, 30_000);

  test('a stalled Redis (connections open, no answers) gives a 503 after the store timeout, not a hung request', async () => {
    const jar = new CookieJar();
    const onA = new Browser(a.origin, jar);
    await signInAcross(onA, new Browser(b.origin, jar));
    redis.pause();
    try {
      const started = Date.now();
      const res = await onA.get('/profile');
      expect(res.status).toBe(503);
      expect(Date.now() - started).toBeGreaterThanOrEqual(STORE_TIMEOUT_MS - 100);
      expect(Date.now() - started).toBeLessThan(STORE_TIMEOUT_MS + 1000);
    } finally {
      redis.unpause();
    }
    await waitUntilHealthy(onA, 5000);
    expect((await onA.get('/profile')).status).toBe(200);
  }, 20_000);
});
