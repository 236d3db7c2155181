import Database from 'better-sqlite3';
import { createEmulator } from 'worksection-emulator';
import { SESSION_COOKIE } from '../../example-app/app';
import { SIGN_IN_MESSAGES } from '../../example-app/views/home';
import { startExample, type RunningExample, type StartExampleOptions } from './helpers/example-server';
import { Browser, signIn, type Hop } from './helpers/http-client';
import { storedUsers } from './helpers/stored-sessions';

const PAST_EXPIRY = 86_400_000 + 1000;

let running: RunningExample | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function signedIn(options: StartExampleOptions = {}): Promise<{ browser: Browser; app: RunningExample; csrf: string }> {
  const app = await startExample(options);
  running = app;
  const browser = new Browser(app.url);
  await signIn(browser);
  const profile = await browser.get('/profile');
  expect(profile.status).toBe(200);
  return { browser, app, csrf: /name="_csrf" value="([^"]+)"/.exec(profile.body)![1]! };
}

/** The answer ends the session: 303 to the message, cookie cleared, row deleted; then `/` offers to sign in again. */
async function expectSignedOut(browser: Browser, app: RunningExample, answer: Hop): Promise<void> {
  expect(answer.status).toBe(303);
  expect(answer.location).toBe('/?signin=expired');
  expect(answer.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=;`))).toBe(true);
  expect(storedUsers(app.sessionFile)).toEqual([]);
  const home = await browser.get(answer.location!);
  expect(home.status).toBe(200);
  expect(home.body).toContain(SIGN_IN_MESSAGES.expired);
  expect(home.body).toContain('Sign in with Worksection');
  expect((await browser.get('/profile')).status).toBe(302);
}

/** Changes the signed-in user in the session store's row, as someone with access to the store could. */
function editStoredUser(app: RunningExample, edit: (user: Record<string, unknown>) => void): void {
  const db = new Database(app.sessionFile);
  try {
    const row = db.prepare('SELECT sid, sess FROM sessions').get() as { sid: string; sess: string };
    const sess = JSON.parse(row.sess) as { passport: { user: Record<string, unknown> } };
    edit(sess.passport.user);
    db.prepare('UPDATE sessions SET sess = ? WHERE sid = ?').run(JSON.stringify(sess), row.sid);
  } finally {
    db.close();
  }
}

describe('a session whose tokens cannot be used any more is signed out with a message, never a 500', () => {
  test('/projects after the grant was revoked at Worksection (its access token is refused with 401)', async () => {
    const { browser, app } = await signedIn();
    expect(app.emulator.revokeGrants()).toBe(1);
    await expectSignedOut(browser, app, await browser.get('/projects'));
    expect(app.logs.join('\n')).toContain('the tokens cannot be used any more');
  });

  test('/projects after the grant was revoked and the access token expired (the refresh is refused)', async () => {
    const { browser, app } = await signedIn();
    app.emulator.revokeGrants();
    app.emulator.clock.advance(PAST_EXPIRY);
    app.emulator.stats.reset();
    await expectSignedOut(browser, app, await browser.get('/projects'));
    expect(app.emulator.stats.requests.refresh).toBe(1);
  });

  test('POST /profile/refresh after the grant was revoked', async () => {
    const { browser, app, csrf } = await signedIn();
    app.emulator.revokeGrants();
    await expectSignedOut(browser, app, await browser.post('/profile/refresh', { _csrf: csrf }));
  });

  test('any page, /profile included, when the account URL is no longer the emulator’s (it moved to another port)', async () => {
    const emulator = await createEmulator({ autoApprove: true, clients: [] });
    try {
      let emulatorOrigin = emulator.url;
      const { browser, app } = await signedIn({ emulator, app: { isCurrentAccountUrl: (url) => url.startsWith(`${emulatorOrigin}/`) } });
      emulatorOrigin = 'http://127.0.0.1:1';
      await expectSignedOut(browser, app, await browser.get('/profile'));
    } finally {
      await emulator.close();
    }
  });

  test('/projects with an account URL the client refuses (the stored session was edited): no 500', async () => {
    const { browser, app } = await signedIn();
    editStoredUser(app, (user) => (user.accountUrl = 'ftp://example.com/acc1234'));
    await expectSignedOut(browser, app, await browser.get('/projects'));
  });

  test('/projects with tokens the client refuses (the stored session was edited): no 500', async () => {
    const { browser, app } = await signedIn();
    editStoredUser(app, (user) => (user.tokens = { accessToken: '', refreshToken: 42 }));
    await expectSignedOut(browser, app, await browser.get('/projects'));
    expect(app.logs.join('\n')).toContain('UnusableSessionError [SESSION_UNUSABLE]');
  });

  test('a refresh that did not complete keeps the user signed in: /projects says to try again', async () => {
    const { browser, app } = await signedIn();
    app.emulator.clock.advance(PAST_EXPIRY);
    app.emulator.faults.set('refresh', { type: 'respond', status: 503, body: 'down', headers: { 'content-type': 'text/plain' }, times: 1 });
    expect((await browser.get('/projects')).status).toBe(503);
    expect(storedUsers(app.sessionFile)).toHaveLength(1);
    expect((await browser.get('/projects')).status).toBe(200);
  });
});
