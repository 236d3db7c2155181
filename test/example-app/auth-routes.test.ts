import { Browser, signIn, type Hop } from './helpers/http-client';
import { startExample, TEST_CLIENT_SECRET, type RunningExample } from './helpers/example-server';
import Database from 'better-sqlite3';
import { STATE_COOKIE_NAME } from 'passport-worksection';
import { SESSION_COOKIE } from '../../example-app/app';
import { RETURN_TO_COOKIE } from '../../example-app/return-to-cookie';
import { storedUsers } from './helpers/stored-sessions';
import { SIGN_IN_MESSAGES } from '../../example-app/views/home';

let running: RunningExample;
afterEach(async () => {
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

function everything(hops: Hop[], logs: string[]): string {
  return [...hops.map((h) => `${h.url}\n${h.location ?? ''}\n${[...h.headers].join('\n')}\n${h.body}`), ...logs].join('\n');
}

describe('sign-in routes', () => {
  test('a completed sign-in lands on /profile showing the user, in the first session this browser gets', async () => {
    running = await startExample();
    const browser = new Browser(running.url);
    const hops = await signIn(browser);
    const [start, , callback] = hops as [Hop, Hop, Hop];
    // The pending sign-in is a sealed state cookie: no session, no session cookie, no row before the callback.
    expect(start.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
    expect(start.headers.getSetCookie().some((c) => c.startsWith(`${STATE_COOKIE_NAME}_`))).toBe(true);
    expect(callback.status).toBe(303);
    expect(callback.location).toBe('/profile');
    // The callback clears the state cookie and sets the session cookie: passport 0.7's req.login made a new session.
    expect(callback.headers.getSetCookie().filter((c) => c.startsWith(`${STATE_COOKIE_NAME}_`))).toEqual([
      expect.stringMatching(/^worksection_oauth_state_[\w-]+=; .*Max-Age=0/),
    ]);
    expect(browser.jar.get(SESSION_COOKIE)).toBeDefined();
    expect(sessionRows()).toBe(1);
    const profile = await browser.get('/profile');
    expect(profile.status).toBe(200);
    expect(profile.body).toContain('Henry Gardner');
    expect(profile.body).toContain('henry.gardner@ws.com');
    expect(profile.body).toContain(`${running.emulator.url}/acc1234`);
    expect(profile.body).toContain('projects_read');
    expect(profile.headers.get('cache-control')).toBe('no-store');
  });

  test('a sign-in started while signed in gets a new session id (no fixation across sign-ins)', async () => {
    running = await startExample();
    const browser = new Browser(running.url);
    await signIn(browser);
    const first = browser.jar.get(SESSION_COOKIE);
    const hops = await signIn(browser, '/auth/worksection?returnTo=%2Fprojects');
    expect(hops[2]!.location).toBe('/projects');
    expect(browser.jar.get(SESSION_COOKIE)).not.toBe(first);
    // The old session was replaced, not left behind.
    expect(sessionRows()).toBe(1);
  });

  test('returnTo brings the user back to the page they asked for', async () => {
    running = await startExample();
    const browser = new Browser(running.url);
    const hops = await signIn(browser, '/auth/worksection?returnTo=%2Fprofile%3Ftab%3Dscopes');
    expect(hops[2]!.location).toBe('/profile?tab=scopes');
  });

  test('an open-redirect returnTo is ignored and the user lands on /profile', async () => {
    running = await startExample();
    const browser = new Browser(running.url);
    const hops = await signIn(browser, `/auth/worksection?returnTo=${encodeURIComponent('//evil.com/x')}`);
    expect(hops[2]!.location).toBe('/profile');
  });

  test('a pending sign-in gets only short-lived cookies of its own (state, returnTo); a signed-in session a long one', async () => {
    running = await startExample({ app: { sessionTtlMs: 3_600_000 } });
    const browser = new Browser(running.url);
    const hops = await signIn(browser, '/auth/worksection?returnTo=%2Fprojects');
    const started = hops[0]!.headers.getSetCookie();
    expect(started).toHaveLength(2);
    const state = started.find((c) => c.startsWith(`${STATE_COOKIE_NAME}_`))!;
    // The strategy's state cookie: sealed, for the callback's path only, 10 minutes, unreadable by scripts.
    expect(state).toMatch(/; Max-Age=600(;|$)/);
    expect(state).toMatch(/; Path=\/auth\/worksection\/callback(;|$)/);
    expect(state).toMatch(/; HttpOnly(;|$)/);
    expect(state).toMatch(/; SameSite=Lax(;|$)/);
    expect(state).not.toMatch(/; Secure/);
    // The app's returnTo cookie: signed, for the sign-in routes only, as long as the state.
    const returnTo = started.find((c) => c.startsWith(`${RETURN_TO_COOKIE}=`))!;
    expect(returnTo).toMatch(/; Max-Age=600(;|$)/);
    expect(returnTo).toMatch(/; Path=\/auth\/worksection(;|$)/);
    expect(returnTo).toMatch(/; HttpOnly(;|$)/);
    expect(returnTo).toMatch(/; SameSite=Lax(;|$)/);
    expect(returnTo).not.toContain('%2Fprojects');
    // The callback clears both, and only then sets the session cookie, for sessionTtlMs.
    const completed = hops[2]!.headers.getSetCookie();
    expect(completed.filter((c) => !c.startsWith(`${SESSION_COOKIE}=`))).toEqual([
      expect.stringMatching(new RegExp(`^${RETURN_TO_COOKIE}=; Path=/auth/worksection; Expires=Thu, 01 Jan 1970`)),
      expect.stringMatching(/^worksection_oauth_state_[\w-]+=; .*Max-Age=0/),
    ]);
    const session = completed.find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    const expiresIn = new Date(session.match(/Expires=([^;]+)/)![1]!).getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(3_000_000);
    expect(expiresIn).toBeLessThanOrEqual(3_600_000);
  });

  test('a forged, tampered or expired returnTo cookie is ignored: the user lands on /profile', async () => {
    running = await startExample();
    const browser = new Browser(running.url);
    await browser.get('/auth/worksection?returnTo=%2Fprojects');
    const [payload, mac] = browser.jar.get(RETURN_TO_COOKIE)!.split('.') as [string, string];
    const evil = Buffer.from(JSON.stringify(['//evil.com', Date.now() + 60_000])).toString('base64url');
    const expired = Buffer.from(JSON.stringify(['/projects', Date.now() - 1])).toString('base64url');
    for (const forged of [
      `${evil}.${mac}`,
      `${payload}.${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`,
      `${expired}.${mac}`,
      `${payload}.${mac}.x`,
      evil,
      '',
    ]) {
      // A fresh sign-in for each attempt, so that only the returnTo cookie is wrong.
      const start = await browser.get('/auth/worksection?returnTo=%2Fprojects');
      const callback = new URL((await fetch(start.location!, { redirect: 'manual' })).headers.get('location')!);
      browser.jar.set(RETURN_TO_COOKIE, forged);
      const landed = await browser.get(`${callback.pathname}${callback.search}`);
      expect(landed.location).toBe('/profile');
    }
  });

  test('Deny in Worksection lands on / with a clear message and nobody signed in', async () => {
    running = await startExample();
    const browser = new Browser(running.url);
    const start = await browser.get('/auth/worksection');
    const state = new URL(start.location!).searchParams.get('state')!;
    // league/oauth2-server's denial redirect, with a provider text that must not be reflected.
    const callback = await browser.get(
      `/auth/worksection/callback?error=access_denied&error_description=${encodeURIComponent('<b>injected</b>')}&state=${state}`,
    );
    expect(callback.status).toBe(303);
    expect(callback.location).toBe('/?signin=denied');
    const home = await browser.get(callback.location!);
    expect(home.body).toContain(SIGN_IN_MESSAGES.denied);
    expect(home.body).not.toContain('injected');
    // Nothing was stored for the sign-in, so nothing is left: no row, no session cookie, the state cookie cleared.
    expect(sessionRows()).toBe(0);
    expect(browser.jar.get(SESSION_COOKIE)).toBeUndefined();
    expect(callback.headers.getSetCookie()).toEqual([expect.stringMatching(/^worksection_oauth_state_[\w-]+=; .*Max-Age=0/)]);
    expect((await browser.get('/profile')).status).toBe(302);
  });

  test('a callback whose state does not match fails without any call to the token endpoint', async () => {
    running = await startExample();
    const browser = new Browser(running.url);
    await browser.get('/auth/worksection');
    running.emulator.stats.reset();
    const callback = await browser.get('/auth/worksection/callback?code=def50200forged&state=forged-state');
    expect(callback.location).toBe('/?signin=failed');
    expect(running.emulator.stats.requests.token).toBe(0);
    expect((await browser.get(callback.location!)).body).toContain(SIGN_IN_MESSAGES.failed);
  });

  test('a callback without a pending sign-in (no cookie) fails cleanly', async () => {
    running = await startExample();
    const stranger = new Browser(running.url);
    const callback = await stranger.get('/auth/worksection/callback?code=def50200abc&state=abc');
    expect(callback.status).toBe(303);
    expect(callback.location).toBe('/?signin=failed');
  });

  test('a replayed callback fails: the state was consumed by the first one', async () => {
    running = await startExample();
    const browser = new Browser(running.url);
    const hops = await signIn(browser);
    const replay = await new Browser(running.url).get(hops[1]!.location!);
    expect(replay.location).toBe('/?signin=failed');
  });

  test('a sign-in whose store goes down before its callback ends in a 503, not a half sign-in', async () => {
    running = await startExample();
    const browser = new Browser(running.url);
    const start = await browser.get('/auth/worksection');
    expect(start.status).toBe(302);
    const approved = await fetch(start.location!, { redirect: 'manual' });
    await running.example.close(); // the SQLite file closed: every store call fails from now on
    // The state is in the browser, so it checks out; but req.login cannot store the session.
    const callback = await browser.get(approved.headers.get('location')!);
    expect(callback.status).toBe(503);
    expect(callback.headers.get('retry-after')).toBe('5');
    expect(browser.jar.get(SESSION_COOKIE)).toBeUndefined();
    // Starting again is a 503 at once, not a trip to Worksection and back.
    const again = await browser.get('/auth/worksection');
    expect(again.status).toBe(503);
    expect(again.location).toBeUndefined();
  });

  test('Worksection answering an HTML 502 ends on / with the "unavailable" message and a log line without secrets', async () => {
    running = await startExample();
    running.emulator.faults.set('token', {
      type: 'respond',
      status: 502,
      body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
      headers: { 'content-type': 'text/html' },
    });
    const browser = new Browser(running.url);
    const hops = await signIn(browser);
    expect(hops[2]!.location).toBe('/?signin=unavailable');
    const home = await browser.get(hops[2]!.location!);
    expect(home.body).toContain(SIGN_IN_MESSAGES.unavailable);
    expect(running.logs.some((l) => l.startsWith('sign-in error:'))).toBe(true);
    expect(everything([...hops, home], running.logs)).not.toContain(TEST_CLIENT_SECRET);
  });

  test('Worksection hanging ends within the timeout on the "unavailable" message, not a hung request', async () => {
    running = await startExample();
    running.emulator.faults.set('token', { type: 'hang' });
    const browser = new Browser(running.url);
    const started = Date.now();
    const hops = await signIn(browser);
    expect(hops[2]!.location).toBe('/?signin=unavailable');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('no page, redirect or log line of a sign-in contains the client secret or a token', async () => {
    running = await startExample();
    const browser = new Browser(running.url);
    const hops = await signIn(browser);
    hops.push(await browser.get('/profile'), await browser.get('/'));
    const text = everything(hops, running.logs);
    const { tokens } = storedUsers(running.sessionFile)[0]!;
    // The tokens are in the server-side session, and nowhere the browser or the logs can see.
    expect(tokens.accessToken).toMatch(/^eyJ/);
    expect(text).not.toContain(tokens.accessToken);
    expect(text).not.toContain(tokens.refreshToken);
    expect(text).not.toContain(TEST_CLIENT_SECRET);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./); // a JWT access token
    expect(text.replace(/code=def50200[0-9a-f]+/g, '')).not.toMatch(/def50200[0-9a-f]{20,}/); // a refresh token
  });
});
