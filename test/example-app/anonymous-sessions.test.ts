import { createHmac } from 'node:crypto';
import Database from 'better-sqlite3';
import { STATE_COOKIE_NAME, STATE_MAX_AGE } from 'passport-worksection';
import { SESSION_COOKIE } from '../../example-app/app';
import { GuardedStore } from '../../example-app/guarded-store';
import { RETURN_TO_COOKIE } from '../../example-app/return-to-cookie';
import { Browser, signIn } from './helpers/http-client';
import { LoadClient, type LoadAnswer } from './helpers/load-client';
import { startExample, TEST_SESSION_SECRET, type RunningExample } from './helpers/example-server';

// "Nothing on the server until someone is signed in": anonymous traffic on the sign-in routes, however much and
// however forged, leaves no session row and gets no session cookie; sign-out leaves nothing either.

const STARTS = 10_000;
const CALLBACKS = 2_000;
/** Kept-alive connections, and requests pipelined on each: 32 in flight at once. */
const CONNECTIONS = 4;
const DEPTH = 8;
const CONCURRENCY = CONNECTIONS * DEPTH;

let running: RunningExample;
afterEach(async () => {
  jest.restoreAllMocks();
  // Unset if the test failed before assigning it.
  await (running as RunningExample | undefined)?.close();
});

function sessionRows(): number {
  const db = new Database(running.sessionFile, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Runs `work(0..count-1)` with at most `concurrency` at a time. */
async function inPool(count: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** The state cookie (`name=value`) and the state of a sign-in start's answer. */
function pendingOf(start: LoadAnswer): { cookie: string; state: string } {
  const cookie = start.setCookies.find((c) => c.startsWith(`${STATE_COOKIE_NAME}_`))!.split(';')[0]!;
  return { cookie, state: new URL(start.location).searchParams.get('state')! };
}

describe('anonymous visitors leave nothing on the server', () => {
  test(`${STARTS} sign-in starts and ${CALLBACKS} callbacks (bare, forged, denied, replayed) write nothing to the session store and set no session cookie`, async () => {
    // Thousands of sign-in requests from one IP: the sign-in rate limit is not what this test is about.
    running = await startExample({ app: { signInLimits: { perIp: Infinity, global: Infinity, windowMs: 60_000 } } });
    // Every call the app makes to its session store, counted (the spies call through).
    const spies = {
      get: jest.spyOn(GuardedStore.prototype, 'get'),
      set: jest.spyOn(GuardedStore.prototype, 'set'),
      destroy: jest.spyOn(GuardedStore.prototype, 'destroy'),
      touch: jest.spyOn(GuardedStore.prototype, 'touch'),
    };
    const origin = new URL(running.url);
    const client = new LoadClient(origin.hostname, Number(origin.port), CONNECTIONS, DEPTH);
    const get = (path: string, cookie?: string): Promise<LoadAnswer> => client.get(cookie === undefined ? { path } : { path, cookie });
    const statuses = new Map<string, number>();
    const sessionCookies: string[] = [];
    const tally = (kind: string, answer: LoadAnswer): void => {
      const key = `${kind} ${answer.status} ${answer.location.startsWith(running.emulator.url) ? '<worksection>' : answer.location}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      sessionCookies.push(...answer.setCookies.filter((c) => c.startsWith(`${SESSION_COOKIE}=`)));
    };
    // A session cookie signed as express-session signs them, naming a session the store no longer has (expired,
    // signed out): the store is read, finds nothing, and nothing is written.
    const staleSid = 'expired-session-id';
    const signature = createHmac('sha256', TEST_SESSION_SECRET).update(staleSid).digest('base64').replace(/=+$/, '');
    const staleSession = `${SESSION_COOKIE}=${encodeURIComponent(`s:${staleSid}.${signature}`)}`;
    // Callbacks an anonymous visitor (or an attacker) can send: with no pending sign-in, with a forged state cookie,
    // repeated or nested fields, with a real pending sign-in but a forged code, a denial, a replay; and the bare URL,
    // which starts a sign-in.
    const forgedStateCookie = `${STATE_COOKIE_NAME}_forged=${'A'.repeat(80)}`;
    const kinds: Array<(i: number) => Promise<LoadAnswer>> = [
      () => get('/auth/worksection/callback'),
      (i) => get(`/auth/worksection/callback?code=def50200forged${i}&state=forged-${i}`),
      (i) => get(`/auth/worksection/callback?code=def50200forged${i}&state=forged-${i}`, forgedStateCookie),
      (i) => get(`/auth/worksection/callback?state=forged-${i}`, staleSession),
      (i) => get(`/auth/worksection/callback?error=access_denied&state=forged-${i}`),
      () => get('/auth/worksection/callback?code=a&code=b&state=c'),
      (i) => get(`/auth/worksection/callback?code[x]=1&state=forged-${i}`),
      async () => {
        const pending = pendingOf(await get('/auth/worksection'));
        return get(`/auth/worksection/callback?code=def50200forged&state=${pending.state}`, pending.cookie);
      },
      async () => {
        const pending = pendingOf(await get('/auth/worksection?returnTo=%2Fprojects'));
        return get(`/auth/worksection/callback?error=access_denied&state=${pending.state}`, pending.cookie);
      },
      async () => {
        // A callback replayed with a copy of its state cookie: the state was used by the first one.
        const pending = pendingOf(await get('/auth/worksection'));
        const callback = `/auth/worksection/callback?error=access_denied&state=${pending.state}`;
        expect((await get(callback, pending.cookie)).location).toBe('/?signin=denied');
        return get(callback, pending.cookie);
      },
    ];
    try {
      await inPool(STARTS, CONCURRENCY, async (i) => {
        const path = i % 4 === 0 ? `/auth/worksection?returnTo=${encodeURIComponent(`/projects?n=${i}`)}` : '/auth/worksection';
        const start = await get(path, i % 10 === 0 ? staleSession : undefined);
        tally('start', start);
        if (i % 500 === 0) {
          // Its own cookies, short-lived: the sealed state (and the returnTo when one was asked for).
          expect(start.setCookies.find((c) => c.startsWith(`${STATE_COOKIE_NAME}_`))).toMatch(`; Max-Age=${STATE_MAX_AGE}`);
          if (i % 4 === 0) expect(start.setCookies.find((c) => c.startsWith(`${RETURN_TO_COOKIE}=`))).toMatch(/; Max-Age=600/);
        }
      });
      await inPool(CALLBACKS, CONCURRENCY, async (i) => tally(`callback#${i % kinds.length}`, await kinds[i % kinds.length]!(i)));
    } finally {
      client.close();
    }

    expect(sessionRows()).toBe(0);
    expect(sessionCookies).toEqual([]);
    const per = CALLBACKS / kinds.length;
    expect(Object.fromEntries(statuses)).toEqual({
      [`start 302 <worksection>`]: STARTS,
      // The bare callback URL starts a sign-in, as passport-oauth2 does.
      [`callback#0 302 <worksection>`]: per,
      [`callback#1 303 /?signin=failed`]: per,
      [`callback#2 303 /?signin=failed`]: per,
      [`callback#3 303 /?signin=failed`]: per,
      // The state is checked first: a denial with a forged state is a failed sign-in, not a denial.
      [`callback#4 303 /?signin=failed`]: per,
      [`callback#5 303 /?signin=failed`]: per,
      [`callback#6 303 /?signin=failed`]: per,
      // A genuine state with a forged code: Worksection (the emulator) refuses the code.
      [`callback#7 303 /?signin=failed`]: per,
      [`callback#8 303 /?signin=denied`]: per,
      [`callback#9 303 /?signin=failed`]: per,
    });
    expect(running.emulator.stats.requests.token).toBe(per);
    // Nothing was written. The store was only read: is it up, before each start on /auth/worksection (the starts,
    // and those of callbacks #7 to #9), and the session the stale cookie names.
    const calls = Object.fromEntries(Object.entries(spies).map(([method, spy]) => [method, spy.mock.calls.length]));
    expect(calls).toEqual({ get: STARTS + 3 * per + STARTS / 10 + per, set: 0, destroy: 0, touch: 0 });
    // About 5 s on an idle 2-core machine (the app's own work, mostly): the timeout leaves room for a busy one.
  }, 30_000);

  test('a sign-in still works end to end and lands on /profile: the first row is the signed-in session', async () => {
    running = await startExample();
    const browser = new Browser(running.url);
    await browser.get('/auth/worksection');
    expect(sessionRows()).toBe(0);
    const hops = await signIn(browser);
    expect(hops[2]!.location).toBe('/profile');
    expect(sessionRows()).toBe(1);
    const profile = await browser.get('/profile');
    expect(profile.status).toBe(200);
    expect(profile.body).toContain('Signed in as Henry Gardner');
  });

  test('sign-out leaves no session row, and its answer clears the session cookie with the attributes it was set with', async () => {
    running = await startExample();
    const browser = new Browser(running.url);
    const hops = await signIn(browser);
    const set = hops[2]!.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    const profile = await browser.get('/profile');
    expect(sessionRows()).toBe(1);
    const out = await browser.post('/logout', { _csrf: profile.body.match(/name="_csrf" value="([^"]+)"/)![1]! });
    expect(out.status).toBe(303);
    expect(out.location).toBe('/?signin=signed-out');
    expect(sessionRows()).toBe(0);
    // One Set-Cookie, the clearing one: no fresh session cookie beside it.
    const cleared = out.headers.getSetCookie();
    expect(cleared).toEqual([
      expect.stringMatching(new RegExp(`^${SESSION_COOKIE.replace('.', '\\.')}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT`)),
    ]);
    const attributes = (cookie: string): string[] =>
      cookie
        .split(';')
        .slice(1)
        .map((a) => a.trim().split('=')[0]!.toLowerCase())
        .filter((a) => a !== 'expires' && a !== 'max-age')
        .sort();
    expect(attributes(cleared[0]!)).toEqual(attributes(set));
    expect(browser.jar.get(SESSION_COOKIE)).toBeUndefined();
    // The signed-out visitor browses on without a session being made for them.
    await browser.get('/');
    await browser.get('/profile');
    await browser.get('/auth/worksection');
    expect(sessionRows()).toBe(0);
  });

  test('sign-out behind a trusted TLS proxy clears the Secure cookie with Secure', async () => {
    running = await startExample({ app: { trustProxy: 1 } });
    const browser = new Browser(running.url);
    const tls = { 'x-forwarded-proto': 'https' };
    const start = await browser.get('/auth/worksection', tls);
    const approved = await fetch(start.location!, { redirect: 'manual' });
    const callback = await browser.get(approved.headers.get('location')!, tls);
    expect(callback.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))).toMatch(/; Secure/);
    const profile = await browser.get('/profile', tls);
    const out = await browser.post('/logout', { _csrf: profile.body.match(/name="_csrf" value="([^"]+)"/)![1]! }, tls);
    expect(out.headers.getSetCookie()).toEqual([expect.stringMatching(/; Secure/)]);
    expect(sessionRows()).toBe(0);
  });
});
