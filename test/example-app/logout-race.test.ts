import { SESSION_COOKIE } from '../../example-app/app';
import type { SessionBackend } from '../../example-app/config';
import { startExample, type RunningExample } from './helpers/example-server';
import { Browser, signIn } from './helpers/http-client';
import { REDIS_SERVER, RedisServer } from './helpers/redis-server';
import { describeIfInstalled } from './helpers/requirements';

const PAST_EXPIRY = 86_400_000 + 1000;
// Long enough for the test to act while the refresh is in flight, well within the client's 2 s timeout.
const REFRESH_DELAY_MS = 1000;

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

function csrfOf(body: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(body)![1]!;
}

/** The races of one session store; `backend` is undefined for the default (SQLite). */
function logoutRaces(backend: () => SessionBackend | undefined): void {
  let running: RunningExample | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  async function start(): Promise<RunningExample> {
    const sessions = backend();
    running = await startExample(sessions ? { app: { sessions } } : {});
    await running.example.ready();
    return running;
  }

  /** The app, and a browser signed in to it: the CSRF token of its profile page and its session cookie as of now. */
  async function signedIn(): Promise<{ running: RunningExample; browser: Browser; csrf: string; oldCookie: string }> {
    const running = await start();
    const browser = new Browser(running.url);
    await signIn(browser);
    const csrf = csrfOf((await browser.get('/profile')).body);
    return { running, browser, csrf, oldCookie: browser.jar.get(SESSION_COOKIE)! };
  }

  /** Lets Worksection's refresh answer late, and resolves once the app's refresh request has reached it. */
  function slowRefresh(running: RunningExample): Promise<void> {
    running.emulator.stats.reset();
    running.emulator.faults.set('refresh', { type: 'delay', ms: REFRESH_DELAY_MS, times: 1 });
    return until(() => running.emulator.stats.requests.refresh === 1);
  }

  /** Whether a browser holding only `cookie` is signed in. */
  async function signedInWith(running: RunningExample, cookie: string): Promise<boolean> {
    const replay = new Browser(running.url);
    replay.jar.set(SESSION_COOKIE, cookie);
    const res = await replay.get('/profile');
    if (res.status !== 200 && res.status !== 302) throw new Error(`/profile answered ${res.status}`);
    return res.status === 200;
  }

  test('signing out while POST /profile/refresh waits for Worksection is final: the old cookie stays signed out', async () => {
    const { running, browser, csrf, oldCookie } = await signedIn();
    const arrived = slowRefresh(running);
    const refresh = browser.post('/profile/refresh', { _csrf: csrf });
    await arrived;
    const logout = await browser.post('/logout', { _csrf: csrf });
    expect(logout.status).toBe(303);
    const refreshed = await refresh;
    expect(refreshed.status).toBe(303);
    expect(refreshed.headers.getSetCookie().join('\n')).not.toContain(SESSION_COOKIE);
    expect(await signedInWith(running, oldCookie)).toBe(false);
  });

  test('signing out while /projects refreshes the tokens is final: the old cookie stays signed out', async () => {
    const { running, browser, csrf, oldCookie } = await signedIn();
    running.emulator.clock.advance(PAST_EXPIRY);
    const arrived = slowRefresh(running);
    const projects = browser.get('/projects');
    await arrived;
    expect((await browser.post('/logout', { _csrf: csrf })).status).toBe(303);
    const page = await projects;
    expect(page.status).toBe(302);
    expect(page.location).toBe('/auth/worksection?returnTo=%2Fprojects');
    expect(page.headers.getSetCookie().join('\n')).not.toContain(SESSION_COOKIE);
    expect(await signedInWith(running, oldCookie)).toBe(false);
  });

  test('a sign-in completed in another tab during a slow refresh survives it, and the replaced session stays dead', async () => {
    const { running, browser, csrf, oldCookie } = await signedIn();
    const arrived = slowRefresh(running);
    const refresh = browser.post('/profile/refresh', { _csrf: csrf });
    await arrived;
    // The other tab: the same browser signs in again, which replaces the session (a new id, the old one destroyed).
    await signIn(browser);
    const newCookie = browser.jar.get(SESSION_COOKIE)!;
    expect(newCookie).not.toBe(oldCookie);
    await refresh;
    expect(browser.jar.get(SESSION_COOKIE)).toBe(newCookie);
    expect((await browser.get('/profile')).status).toBe(200);
    expect(await signedInWith(running, oldCookie)).toBe(false);
  });

  test('what another request writes to the session during a slow refresh (a CSRF token) is kept', async () => {
    const running = await start();
    const browser = new Browser(running.url);
    await signIn(browser);
    running.emulator.clock.advance(PAST_EXPIRY);
    const arrived = slowRefresh(running);
    const projects = browser.get('/projects');
    await arrived;
    // The first /profile of the session stores its CSRF token, while /projects holds the session it loaded before.
    const csrf = csrfOf((await browser.get('/profile')).body);
    expect((await projects).status).toBe(200);
    expect(running.emulator.stats.requests.refresh).toBe(1);
    expect((await browser.post('/logout', { _csrf: csrf })).status).toBe(303);
  });
}

describe('sign-out races with SQLite sessions', () => {
  logoutRaces(() => undefined);
});

describeIfInstalled(REDIS_SERVER, 'apt-get install redis-server')('sign-out races with Redis sessions', () => {
  let redis: RedisServer | undefined;
  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  logoutRaces(() => ({ kind: 'redis', url: redis!.url }));
});
