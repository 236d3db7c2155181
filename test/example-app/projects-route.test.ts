import session from 'express-session';
import { createEmulator, type Emulator } from 'worksection-emulator';
import type { SessionUser } from '../../example-app/session-user';
import { startProjectsApp, signInBrowser, type ProjectsApp } from '../helpers/client-projects-app';
import { startExample } from './helpers/example-server';
import { Browser } from './helpers/http-client';

const PAST_EXPIRY = 86_400_000 + 1000;

let emu: Emulator;
let app: ProjectsApp | undefined;

beforeEach(async () => {
  emu = await createEmulator({ autoApprove: true });
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await emu.close();
});

/** The signed-in user of the only session in `store`. */
function storedUser(store: session.Store): Promise<SessionUser> {
  return new Promise((resolve, reject) =>
    store.all!((err, sessions) => {
      if (err) {
        reject(err as Error);
        return;
      }
      const all = Object.values(sessions ?? {}) as Array<{ passport?: { user?: SessionUser } }>;
      const user = all.find((s) => s.passport?.user)?.passport?.user;
      if (user) resolve(user);
      else reject(new Error('no signed-in session'));
    }),
  );
}

async function signedIn(options: { scope?: string } = {}): Promise<Browser> {
  app = await startProjectsApp(emu, options);
  const browser = new Browser(app.origin);
  await signInBrowser(browser);
  emu.stats.reset();
  return browser;
}

describe('/projects', () => {
  it('sends a visitor who is not signed in to sign in, coming back to /projects', async () => {
    app = await startProjectsApp(emu);
    const res = await new Browser(app.origin).get('/projects');
    expect(res.status).toBe(302);
    expect(res.location).toBe('/auth/worksection?returnTo=%2Fprojects');
  });

  it("lists the signed-in user's projects through the account API, showing no token", async () => {
    const browser = await signedIn();
    const res = await browser.get('/projects');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toContain('Website relaunch');
    expect(res.body).toContain(`href="${emu.accountUrl('acc1234')}/project/101/"`);
    expect(res.body).toContain('Brand book');
    const user = await storedUser(app!.store);
    expect(res.body).not.toContain(user.tokens.accessToken);
    expect(res.body).not.toContain(user.tokens.refreshToken);
    expect(emu.stats.requests.api).toBe(1);
  });

  it('refreshes an expired token once, saves the rotated tokens in the session, and later requests use them', async () => {
    const browser = await signedIn();
    const before = await storedUser(app!.store);
    emu.clock.advance(PAST_EXPIRY);
    expect((await browser.get('/projects')).status).toBe(200);
    expect(emu.stats.requests.refresh).toBe(1);
    const after = await storedUser(app!.store);
    expect(after.tokens.refreshToken).not.toBe(before.tokens.refreshToken);
    expect(after.tokens.accessToken).not.toBe(before.tokens.accessToken);
    // With the old tokens still in the session this would fail: Worksection revoked them at the refresh.
    expect((await browser.get('/projects')).status).toBe(200);
    expect(emu.stats.requests.refresh).toBe(1);
  });

  it('concurrent requests of one session with an expired token share one refresh', async () => {
    const browser = await signedIn();
    emu.clock.advance(PAST_EXPIRY);
    const pages = await Promise.all(Array.from({ length: 5 }, () => browser.get('/projects')));
    expect(pages.map((p) => p.status)).toEqual([200, 200, 200, 200, 200]);
    expect(emu.stats.requests.refresh).toBe(1);
  });

  it('a lost refresh answer asks the user to try again (503), and the retry learns that the token was rotated: signed out', async () => {
    const browser = await signedIn();
    emu.clock.advance(PAST_EXPIRY);
    // The emulator rotates the refresh token, then resets the connection: the answer is lost.
    emu.faults.set('refresh', { type: 'reset', times: 1 });
    const first = await browser.get('/projects');
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('1');
    expect(first.body).toContain('Please try again in a moment');
    const second = await browser.get('/projects');
    expect(second.status).toBe(303);
    expect(second.location).toBe('/?signin=expired');
    expect(emu.stats.requests.refresh).toBe(2);
    expect(app!.logs.join('\n')).toContain('WORKSECTION_REFRESH_FAILED');
  });

  it('without the projects_read scope it says so, with HTTP 403', async () => {
    const browser = await signedIn({ scope: 'tasks_read' });
    const res = await browser.get('/projects');
    expect(res.status).toBe(403);
    expect(res.body).toContain('did not allow this app to read your projects');
  });

  it('a Worksection outage is a 502 page, logged without a token', async () => {
    const browser = await signedIn();
    emu.faults.set('api', { type: 'respond', status: 502, headers: { 'content-type': 'text/html' }, body: '<html>502 Bad Gateway</html>' });
    const res = await browser.get('/projects');
    expect(res.status).toBe(502);
    expect(res.body).toContain('Worksection did not answer properly');
    const user = await storedUser(app!.store);
    expect(app!.logs.join('\n')).toContain('WORKSECTION_UNEXPECTED_STATUS');
    expect(app!.logs.join('\n')).not.toContain(user.tokens.accessToken);
  });
});

describe('/projects mounted in the example app', () => {
  it('a user signed in through the app sees their projects, and after 24 h still does, with one refresh', async () => {
    const running = await startExample();
    try {
      const browser = new Browser(running.url);
      const start = await browser.get('/auth/worksection?returnTo=%2Fprojects');
      const approved = await fetch(start.location!, { redirect: 'manual' });
      const callback = new URL(approved.headers.get('location')!);
      const landed = await browser.get(`${callback.pathname}${callback.search}`);
      expect(landed.location).toBe('/projects');
      const page = await browser.get('/projects');
      expect(page.status).toBe(200);
      expect(page.body).toContain('Website relaunch');
      running.emulator.stats.reset();
      running.emulator.clock.advance(PAST_EXPIRY);
      // The emulator's clock moved, not the app's: its cache of reads is emptied so that the page calls Worksection.
      running.example.reads.invalidate(running.emulator.accountUrl('acc1234'));
      for (let i = 0; i < 2; i++) expect((await browser.get('/projects')).status).toBe(200);
      expect(running.emulator.stats.requests.refresh).toBe(1);
    } finally {
      await running.close();
    }
  });
});
