import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESSION_COOKIE } from '../../example-app/app';
import { start, type RunningServer } from '../../example-app/server';
import { Browser, type Hop } from './helpers/http-client';
import { freePort } from './helpers/redis-server';
import { ConfigError } from '../../example-app/errors/config-error';

let dir: string;
let running: RunningServer | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ws-server-'));
});
afterEach(async () => {
  await running?.close();
  running = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('start (npm start)', () => {
  test('without credentials: starts the interactive emulator, prints the URL and the demo users, and signs in against it', async () => {
    const port = await freePort();
    let printed = '';
    running = await start({ PORT: String(port), SESSION_DB: join(dir, 's.sqlite') }, (text) => (printed += text));
    expect(running.url).toBe(`http://localhost:${port}/`);
    expect(printed).toContain(`open http://localhost:${port}/`);
    expect(printed).toContain('Henry Gardner <Henry.Gardner@ws.com> (password "demo"');
    expect(printed).toMatch(/built-in Worksection emulator at http:\/\/127\.0\.0\.1:\d+/);

    const browser = new Browser(`http://127.0.0.1:${port}`);
    expect((await browser.get('/')).body).toContain('built-in Worksection emulator');
    const begin = await browser.get('/auth/worksection');
    const authorize = new URL(begin.location!);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`http://localhost:${port}/auth/worksection/callback`);
    const signInPage = await fetch(authorize, { redirect: 'manual' });
    expect(signInPage.status).toBe(200);
    expect(await signInPage.text()).toContain('Sign in as Henry Gardner');
  });

  test('keeps a generated session secret beside the database, so sessions survive a restart', async () => {
    const port = await freePort();
    const env = { PORT: String(port), SESSION_DB: join(dir, 's.sqlite') };
    running = await start(env, () => undefined);
    const browser = new Browser(`http://127.0.0.1:${port}`);
    // Only a signed-in user has a session (a sign-in in progress has none): sign in on the interactive emulator.
    await signInInteractively(browser);
    const sid = browser.jar.get(SESSION_COOKIE);
    expect(sid).toBeDefined();
    expect((await browser.get('/profile')).status).toBe(200);
    await running.close();
    running = await start(env, () => undefined);
    // Same secret, same file: the cookie still names the stored session, so the user is still signed in.
    const profile = await browser.get('/profile');
    expect(profile.status).toBe(200);
    expect(profile.body).toContain('Signed in as Henry Gardner');
    expect(browser.jar.get(SESSION_COOKIE)).toBe(sid);
  });

  test('a refused configuration starts nothing and says which variable to fix', async () => {
    await expect(start({ NODE_ENV: 'production' }, () => undefined)).rejects.toBeInstanceOf(ConfigError);
  });

  test('a port in use is reported as such', async () => {
    const port = await freePort();
    running = await start({ PORT: String(port), SESSION_DB: join(dir, 'a.sqlite') }, () => undefined);
    await expect(start({ PORT: String(port), SESSION_DB: join(dir, 'b.sqlite') }, () => undefined)).rejects.toThrow(
      `PORT ${port} is in use`,
    );
  });
});

/**
 * Signs `app` in as Henry Gardner (account Gardner & Co) through the forms of the interactive emulator that
 * `start` runs without credentials, as a person would in a browser.
 */
async function signInInteractively(app: Browser): Promise<void> {
  const begin = await app.get('/auth/worksection');
  expect(begin.status).toBe(302);
  const authorize = new URL(begin.location!);
  // The emulator's pages keep their own CSRF cookie: a second jar, for its origin.
  const emulator = new Browser(authorize.origin);
  const fields = (page: Hop): Record<string, string> => ({
    request: page.body.match(/name="request" value="([^"]+)"/)![1]!,
    csrf: page.body.match(/name="csrf" value="([^"]+)"/)![1]!,
  });
  const login = await emulator.get(authorize.href);
  expect(login.body).toContain('Sign in as Henry Gardner');
  // Each of the emulator's forms answers with a redirect to its next page (POST/redirect/GET).
  const signedIn = await emulator.post('/oauth2/authorize/login', { ...fields(login), user_id: '3993' });
  const accounts = await emulator.get(signedIn.location!);
  const picked = await emulator.post('/oauth2/authorize/account', { ...fields(accounts), account_id: 'acc1234' });
  const consent = await emulator.get(picked.location!);
  const allowed = await emulator.post('/oauth2/authorize/decision', { ...fields(consent), decision: 'allow' });
  expect(allowed.status).toBe(303);
  // The callback URL names localhost (as npm start prints it); the app listens there on 127.0.0.1 too.
  const callback = new URL(allowed.location!);
  const landed = await app.get(`${callback.pathname}${callback.search}`);
  expect(landed.location).toBe('/profile');
}
