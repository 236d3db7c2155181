import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESSION_COOKIE } from '../../example-app/app';
import { ConfigError } from '../../example-app/config';
import { start, type RunningServer } from '../../example-app/server';
import { Browser } from './helpers/http-client';
import { freePort } from './helpers/redis-server';

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
    await browser.get('/auth/worksection');
    const sid = browser.jar.get(SESSION_COOKIE);
    expect(sid).toBeDefined();
    await running.close();
    running = await start(env, () => undefined);
    // Same secret, same file: the cookie still names the stored session, so starting again keeps its id.
    await browser.get('/auth/worksection');
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
