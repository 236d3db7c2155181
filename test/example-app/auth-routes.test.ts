import { Browser, signIn, type Hop } from './helpers/http-client';
import { startExample, TEST_CLIENT_SECRET, type RunningExample } from './helpers/example-server';
import Database from 'better-sqlite3';
import { SESSION_COOKIE } from '../../example-app/app';
import type { SessionUser } from '../../example-app/session-user';
import { SIGN_IN_MESSAGES } from '../../example-app/views/home';

let running: RunningExample;
afterEach(async () => {
  // Unset if the test failed before assigning it.
  await (running as RunningExample | undefined)?.close();
});

function everything(hops: Hop[], logs: string[]): string {
  return [...hops.map((h) => `${h.url}\n${h.location ?? ''}\n${[...h.headers].join('\n')}\n${h.body}`), ...logs].join('\n');
}

describe('sign-in routes', () => {
  test('a completed sign-in lands on /profile showing the user, in a new session', async () => {
    running = await startExample();
    const browser = new Browser(running.url);
    const hops = await signIn(browser);
    const pendingSid = hops[0]!.headers
      .getSetCookie()
      .join(';')
      .match(/ws-example\.sid=([^;]+)/)?.[1];
    const callback = hops[2]!;
    expect(callback.status).toBe(303);
    expect(callback.location).toBe('/profile');
    expect(pendingSid).toBeDefined();
    // passport 0.7 regenerates the session at sign-in: the id the sign-in started with is not the signed-in one.
    expect(browser.jar.get(SESSION_COOKIE)).not.toBe(pendingSid);
    const profile = await browser.get('/profile');
    expect(profile.status).toBe(200);
    expect(profile.body).toContain('Henry Gardner');
    expect(profile.body).toContain('henry.gardner@ws.com');
    expect(profile.body).toContain(`${running.emulator.url}/acc1234`);
    expect(profile.body).toContain('projects_read');
    expect(profile.headers.get('cache-control')).toBe('no-store');
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

  test('a pending sign-in gets a short-lived cookie; a signed-in session a long one', async () => {
    running = await startExample({ app: { pendingLoginTtlMs: 60_000, sessionTtlMs: 3_600_000 } });
    const browser = new Browser(running.url);
    const hops = await signIn(browser);
    const expiresOf = (hop: Hop): number =>
      new Date(
        hop.headers
          .getSetCookie()
          .join(';')
          .match(/Expires=([^;]+)/)![1]!,
      ).getTime() - Date.now();
    expect(expiresOf(hops[0]!)).toBeLessThanOrEqual(61_000);
    expect(expiresOf(hops[2]!)).toBeGreaterThan(3_000_000);
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
    // The pending session (state, returnTo) is deleted, not left to wait for its TTL.
    const db = new Database(running.sessionFile, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM sessions').get()).toEqual({ n: 0 });
    db.close();
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
    const db = new Database(running.sessionFile, { readonly: true });
    const rows = db.prepare('SELECT sess FROM sessions').all() as Array<{ sess: string }>;
    db.close();
    const tokens = rows.map((r) => (JSON.parse(r.sess) as { passport?: { user?: SessionUser } }).passport?.user?.tokens).find(Boolean)!;
    // The tokens are in the server-side session, and nowhere the browser or the logs can see.
    expect(tokens.accessToken).toMatch(/^eyJ/);
    expect(text).not.toContain(tokens.accessToken);
    expect(text).not.toContain(tokens.refreshToken);
    expect(text).not.toContain(TEST_CLIENT_SECRET);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./); // a JWT access token
    expect(text.replace(/code=def50200[0-9a-f]+/g, '')).not.toMatch(/def50200[0-9a-f]{20,}/); // a refresh token
  });
});
