import { Browser, signIn } from './helpers/http-client';
import { startExample, TEST_CLIENT_SECRET, type RunningExample } from './helpers/example-server';
import type { SessionUser } from '../../example-app/session-user';
import { storedUsers } from './helpers/stored-sessions';

let running: RunningExample;
afterEach(async () => {
  // Unset if the test failed before assigning it.
  await (running as RunningExample | undefined)?.close();
});

function storedUser(running: RunningExample): SessionUser {
  return storedUsers(running.sessionFile)[0]!;
}

async function signedIn(): Promise<{ browser: Browser; csrf: string }> {
  const browser = new Browser(running.url);
  await signIn(browser);
  const profile = await browser.get('/profile');
  return { browser, csrf: profile.body.match(/name="_csrf" value="([^"]+)"/)![1]! };
}

/** Makes the emulator answer `/oauth2/refresh` as Worksection answers an error: HTTP 200 with `error` (camelCase). */
function answerRefreshWith(app: RunningExample, error: string, description: string, times?: number): void {
  app.emulator.faults.set('refresh', {
    type: 'respond',
    status: 200,
    body: JSON.stringify({ error, errorDescription: description }),
    headers: { 'content-type': 'application/json; charset=utf-8' },
    ...(times !== undefined && { times }),
  });
}

describe('POST /profile/refresh', () => {
  test('stores the rotated tokens in the session at once; the old refresh token is dead at Worksection', async () => {
    running = await startExample();
    const { browser, csrf } = await signedIn();
    const before = storedUser(running);
    running.emulator.stats.reset();
    const res = await browser.post('/profile/refresh', { _csrf: csrf });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/profile?refresh=done');
    expect(running.emulator.stats.requests.refresh).toBe(1);
    const after = storedUser(running);
    expect(after.tokens.refreshToken).not.toBe(before.tokens.refreshToken);
    expect(after.tokens.accessToken).not.toBe(before.tokens.accessToken);
    await expect(running.example.strategy.refresh(before.tokens.refreshToken)).rejects.toThrow();
    const page = await browser.get(res.location!);
    expect(page.body).toContain('New tokens received from Worksection.');
    expect(page.body).not.toContain(after.tokens.accessToken);
    expect(page.body).not.toContain(after.tokens.refreshToken);
  });

  test("Worksection's HTTP-200 refusal signs the user out: the session is deleted and / says to sign in again", async () => {
    running = await startExample();
    const { browser, csrf } = await signedIn();
    const before = storedUser(running);
    answerRefreshWith(running, 'invalid_request', 'Token has been revoked');
    const res = await browser.post('/profile/refresh', { _csrf: csrf });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/?signin=expired');
    expect(storedUsers(running.sessionFile)).toEqual([]);
    expect((await browser.get(res.location!)).body).toContain('Please sign in again.');
    const log = running.logs.join('\n');
    expect(log).toMatch(/token refresh failed/);
    expect(log).not.toContain(before.tokens.refreshToken);
    expect(log).not.toContain(TEST_CLIENT_SECRET);
  });

  test('a refresh that did not complete (a 502) keeps the session and its tokens, and says to try again', async () => {
    running = await startExample();
    const { browser, csrf } = await signedIn();
    const before = storedUser(running);
    running.emulator.faults.set('refresh', { type: 'respond', status: 502, body: 'Bad Gateway', headers: { 'content-type': 'text/html' } });
    const res = await browser.post('/profile/refresh', { _csrf: csrf });
    expect(res.location).toBe('/profile?refresh=failed');
    expect((await browser.get(res.location!)).body).toContain('Please try again in a moment.');
    expect(storedUser(running).tokens).toEqual(before.tokens);
  });

  test("Worksection's server_error (league/oauth2-server's answer to its own exception) keeps the session: only a refusal ends it", async () => {
    running = await startExample();
    const { browser, csrf } = await signedIn();
    const before = storedUser(running);
    answerRefreshWith(running, 'server_error', 'The authorization server encountered an unexpected condition', 1);
    const res = await browser.post('/profile/refresh', { _csrf: csrf });
    expect(res.location).toBe('/profile?refresh=failed');
    expect(storedUser(running).tokens).toEqual(before.tokens);
  });

  test('without the CSRF token nothing is refreshed (403)', async () => {
    running = await startExample();
    const { browser } = await signedIn();
    running.emulator.stats.reset();
    expect((await browser.post('/profile/refresh', {})).status).toBe(403);
    expect(running.emulator.stats.requests.refresh).toBe(0);
  });
});
