import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulator } from 'worksection-emulator';
import { Browser, CookieJar, signIn, type Hop } from './helpers/http-client';
import { startExample, TEST_SESSION_SECRET, type RunningExample } from './helpers/example-server';
import { SESSION_COOKIE } from '../../example-app/app';
import { RETURN_TO_COOKIE } from '../../example-app/return-to-cookie';
import { SIGN_IN_MESSAGES } from '../../example-app/views/home';

let running: RunningExample;
afterEach(async () => {
  // Unset if the test failed before assigning it.
  await (running as RunningExample | undefined)?.close();
});

describe('example app pages', () => {
  test('/ shows a "Sign in with Worksection" link to /auth/worksection and sets no cookie', async () => {
    running = await startExample();
    const home = await new Browser(running.url).get('/');
    expect(home.status).toBe(200);
    expect(home.body).toMatch(/<a class="button" href="\/auth\/worksection">Sign in with Worksection<\/a>/);
    expect(home.headers.getSetCookie()).toEqual([]);
  });

  test('signed in, / greets the user by name with links to Profile and Projects instead of the sign-in button', async () => {
    running = await startExample();
    const browser = new Browser(running.url);
    await signIn(browser);
    const home = await browser.get('/');
    expect(home.body).toContain('Welcome, Henry Gardner');
    expect(home.body).toContain('<a href="/profile">Profile</a>');
    expect(home.body).toContain('<a href="/projects">Projects</a>');
    expect(home.body).not.toContain('Sign in with Worksection');
    expect(home.body).not.toMatch(/<title>Sign in/);
  });

  test('/ shows only the fixed text of a known reason and ignores anything else in ?signin', async () => {
    running = await startExample();
    const browser = new Browser(running.url);
    expect((await browser.get('/?signin=denied')).body).toContain(SIGN_IN_MESSAGES.denied);
    const forged = await browser.get(`/?signin=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(forged.body).not.toContain('<script>alert(1)');
    expect(forged.body).not.toContain('class="notice"');
    expect((await browser.get('/?signin=toString')).body).not.toContain('class="notice"');
  });

  test('pages carry helmet headers: a CSP with form-action self, nosniff, no X-Powered-By, no referrer', async () => {
    running = await startExample();
    const home = await new Browser(running.url).get('/');
    const csp = home.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("form-action 'self'");
    expect(csp).toContain("script-src 'self'");
    // Over plain http this would push the browser to an https://localhost that does not exist.
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(home.headers.get('x-content-type-options')).toBe('nosniff');
    expect(home.headers.get('referrer-policy')).toBe('no-referrer');
    expect(home.headers.get('x-powered-by')).toBeNull();
    expect(home.headers.get('strict-transport-security')).toBeNull();
  });

  test("the CSP allows no inline script or style: style-src is 'self' and nothing is 'unsafe-inline'", async () => {
    running = await startExample();
    const home = await new Browser(running.url).get('/');
    const csp = home.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/(^|;)style-src 'self'(;|$)/);
    expect(csp).not.toContain('unsafe-inline');
  });

  test('in production the CSP upgrades insecure requests and HSTS is on', async () => {
    running = await startExample({ app: { production: true } });
    const home = await new Browser(running.url).get('/');
    expect(home.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    expect(home.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });

  test('in production the session cookie is never sent without Secure: none over plain http, Secure through a TLS proxy', async () => {
    running = await startExample({ app: { production: true, trustProxy: 1 } });
    const plain = await signIn(new Browser(running.url));
    expect(plain[2]!.headers.getSetCookie().filter((c) => c.startsWith(`${SESSION_COOKIE}=`))).toEqual([]);

    const proxied = new Browser(running.url);
    const begin = await proxied.get('/auth/worksection', { 'x-forwarded-proto': 'https' });
    const approve = await fetch(begin.location!, { redirect: 'manual' });
    const callback = await proxied.get(approve.headers.get('location')!, { 'x-forwarded-proto': 'https' });
    const sid = callback.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(sid).toMatch(/; Secure/i);
  });

  test('/profile without a session redirects to the sign-in with returnTo=/profile', async () => {
    running = await startExample();
    const res = await new Browser(running.url).get('/profile');
    expect(res.status).toBe(302);
    expect(res.location).toBe('/auth/worksection?returnTo=%2Fprofile');
  });

  test('/healthz answers 200 without creating a session', async () => {
    running = await startExample();
    const res = await new Browser(running.url).get('/healthz');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ status: 'ok' });
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  test('/style.css is served from the app itself, so the CSP needs no inline styles', async () => {
    running = await startExample();
    const res = await new Browser(running.url).get('/style.css');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/css/);
  });

  test('an unknown page gets the friendly 404 page', async () => {
    running = await startExample();
    const res = await new Browser(running.url).get('/nope');
    expect(res.status).toBe(404);
    expect(res.body).toContain('There is no page at this address.');
  });
});

/** A sign-in through the auto-approving emulator, every hop to the app with `headers`; returns the answers. */
async function signInWith(browser: Browser, headers: Record<string, string>): Promise<{ start: Hop; callback: Hop }> {
  const start = await browser.get('/auth/worksection', headers);
  const approved = await fetch(start.location!, { redirect: 'manual' });
  const callback = await browser.get(approved.headers.get('location')!, headers);
  return { start, callback };
}

const sessionCookieOf = (hop: Hop): string | undefined => hop.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));

describe('session cookie', () => {
  test('is not set before sign-in, and is then httpOnly, SameSite=Lax, and not Secure over plain http', async () => {
    running = await startExample();
    const { start, callback } = await signInWith(new Browser(running.url), {});
    // The sign-in in progress lives in its own cookies (state, returnTo): no session, so no session cookie.
    expect(sessionCookieOf(start)).toBeUndefined();
    const cookie = sessionCookieOf(callback);
    expect(callback.location).toBe('/profile');
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\/;/);
    expect(cookie).not.toMatch(/; Secure/);
  });

  test('is Secure behind a trusted TLS proxy (TRUST_PROXY=1, X-Forwarded-Proto: https)', async () => {
    running = await startExample({ app: { trustProxy: 1 } });
    const { start, callback } = await signInWith(new Browser(running.url), { 'x-forwarded-proto': 'https' });
    expect(sessionCookieOf(start)).toBeUndefined();
    expect(sessionCookieOf(callback)).toMatch(/; Secure/);
    // The returnTo cookie is Secure on the same terms.
    const withReturnTo = await new Browser(running.url).get('/auth/worksection?returnTo=%2Fprojects', { 'x-forwarded-proto': 'https' });
    expect(withReturnTo.headers.getSetCookie().find((c) => c.startsWith(`${RETURN_TO_COOKIE}=`))).toMatch(/; Secure/);
  });

  test('ignores X-Forwarded-Proto from a client when no proxy is trusted', async () => {
    running = await startExample();
    const { start, callback } = await signInWith(new Browser(running.url), { 'x-forwarded-proto': 'https' });
    expect(sessionCookieOf(start)).toBeUndefined();
    expect(callback.location).toBe('/profile');
    expect(sessionCookieOf(callback)).not.toMatch(/; Secure/);
    const withReturnTo = await new Browser(running.url).get('/auth/worksection?returnTo=%2Fprojects', { 'x-forwarded-proto': 'https' });
    expect(withReturnTo.headers.getSetCookie().find((c) => c.startsWith(`${RETURN_TO_COOKIE}=`))).not.toMatch(/; Secure/);
  });
});

describe('POST /logout', () => {
  test('with the CSRF token from /profile signs out, clears the cookie and lands on / saying so', async () => {
    running = await startExample();
    const browser = new Browser(running.url);
    await signIn(browser);
    const profile = await browser.get('/profile');
    const token = profile.body.match(/name="_csrf" value="([^"]+)"/)![1]!;
    // A copy of the cookie, as a thief would hold it: valid until the sign-out.
    const thief = new Browser(running.url);
    thief.jar.set(SESSION_COOKIE, browser.jar.get(SESSION_COOKIE)!);
    expect((await thief.get('/profile')).status).toBe(200);
    const out = await browser.post('/logout', { _csrf: token });
    expect(out.status).toBe(303);
    expect(out.location).toBe('/?signin=signed-out');
    expect((await browser.get(out.location!)).body).toContain(SIGN_IN_MESSAGES['signed-out']);
    expect((await browser.get('/profile')).status).toBe(302);
    // The old session id is dead in the store, not just forgotten by this browser.
    expect((await thief.get('/profile')).status).toBe(302);
  });

  test('without the CSRF token is refused with 403 and the user stays signed in', async () => {
    running = await startExample();
    const browser = new Browser(running.url);
    await signIn(browser);
    const res = await browser.post('/logout', {});
    expect(res.status).toBe(403);
    expect(res.body).toContain('The form was stale');
    expect((await browser.get('/profile')).status).toBe(200);
  });

  test('with a wrong CSRF token is refused with 403', async () => {
    running = await startExample();
    const browser = new Browser(running.url);
    await signIn(browser);
    await browser.get('/profile');
    expect((await browser.post('/logout', { _csrf: 'x'.repeat(43) })).status).toBe(403);
  });
});

describe('production settings', () => {
  test('in production the returnTo cookie is Secure even on a request that came over plain http', async () => {
    running = await startExample({ app: { production: true } });
    const start = await new Browser(running.url).get('/auth/worksection?returnTo=%2Fprojects');
    expect(start.headers.getSetCookie().find((c) => c.startsWith(`${RETURN_TO_COOKIE}=`))).toMatch(/; Secure/);
  });

  test('sessions signed and sealed with the old secret keep working after a rotation, and are refused once it is dropped', async () => {
    const emulator = await createEmulator({ autoApprove: true, clients: [] });
    const dir = mkdtempSync(join(tmpdir(), 'ws-rotation-'));
    const sessions = { kind: 'sqlite' as const, file: join(dir, 'sessions.sqlite') };
    const OLD = TEST_SESSION_SECRET;
    const NEW = 'rotated-secret-Hq7Lm2Xv9Rk4Tz1Wb8Nc5Pd0Fy3Gs6Je';
    const signedBefore = new CookieJar();
    const signedAfter = new CookieJar();
    const profileStatus = async (url: string, jar: CookieJar) => (await new Browser(url, jar).get('/profile')).status;
    try {
      running = await startExample({ emulator, app: { sessions, sessionSecret: OLD } });
      await signIn(new Browser(running.url, signedBefore));
      const signedWithOld = new CookieJar();
      signedWithOld.set(SESSION_COOKIE, signedBefore.get(SESSION_COOKIE)!);
      await running.close();

      running = await startExample({ emulator, app: { sessions, sessionSecret: [NEW, OLD] } });
      expect(await profileStatus(running.url, signedBefore)).toBe(200);
      await signIn(new Browser(running.url, signedAfter));
      await running.close();

      running = await startExample({ emulator, app: { sessions, sessionSecret: NEW } });
      expect(await profileStatus(running.url, signedAfter)).toBe(200);
      // The browser that came back during the rotation got its cookie signed anew, and its tokens sealed anew.
      expect(await profileStatus(running.url, signedBefore)).toBe(200);
      expect(await profileStatus(running.url, signedWithOld)).toBe(302);
    } finally {
      // afterEach closes the last app.
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a state-changing POST from another site is refused even with the valid CSRF token; one from this app goes through', async () => {
    running = await startExample();
    const browser = new Browser(running.url);
    await signIn(browser);
    const token = (await browser.get('/profile')).body.match(/name="_csrf" value="([^"]+)"/)![1]!;
    const crossSite: Array<Record<string, string>> = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'http://evil.example' },
    ];
    for (const headers of crossSite) {
      expect((await browser.post('/logout', { _csrf: token }, headers)).status).toBe(403);
      expect((await browser.post('/profile/refresh', { _csrf: token }, headers)).status).toBe(403);
    }
    expect((await browser.get('/profile')).status).toBe(200);
    const out = await browser.post('/logout', { _csrf: token }, { 'sec-fetch-site': 'same-origin', origin: running.url });
    expect(out.status).toBe(303);
    expect((await browser.get('/profile')).status).toBe(302);
  });

  test("Worksection's error text reaches the log as one line, without control characters or line separators", async () => {
    running = await startExample();
    const hostile = 'Down\n2026-01-01 forged line\u001b[31m\u0085\u2028x\u2029y\u202e';
    running.emulator.faults.set('token', {
      type: 'respond',
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ error: 'temporarily_unavailable', errorDescription: hostile }),
    });
    await signInWith(new Browser(running.url), {});
    const line = running.logs.find((l) => l.includes('Down'));
    expect(line).toBeDefined();
    expect(line).toContain('Down 2026-01-01 forged line');
    expect(line).not.toMatch(/[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u);
  });
});
