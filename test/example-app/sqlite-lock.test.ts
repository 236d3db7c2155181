import { startExample, type RunningExample } from './helpers/example-server';
import { Browser, signIn, type Hop } from './helpers/http-client';
import { holdWriteLock } from './helpers/sqlite-locker';

let running: RunningExample | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const LOCK_HELD_MS = 10_000;

describe('the example app with its SQLite file locked by another process', () => {
  test('while the lock is held, /healthz, static files and pages answer at once, writes answer 503 with Retry-After; afterwards all works again', async () => {
    running = await startExample();
    const browser = new Browser(running.url);
    await signIn(browser);
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await browser.get('/profile')).body)![1]!;

    const locker = await holdWriteLock(running.sessionFile, LOCK_HELD_MS);
    const events: string[] = [];
    const released = locker.released.then(() => events.push('released'));
    const note = (what: string, res: Hop) => events.push(`${what} ${res.status} ${res.headers.get('retry-after') ?? '-'}`);

    // Writes first. Were each to wait on the lock (better-sqlite3 busy-waits 5 s by default, on the event loop), they
    // alone would outlast the lock, and everything after them would answer only once it is released.
    note('sign-out', await browser.post('/logout', { _csrf: csrf }));
    const hops = await signIn(new Browser(running.url));
    note('sign-in', hops[hops.length - 1]!);
    note('sign-out', await browser.post('/logout', { _csrf: csrf }));
    note('healthz', await browser.get('/healthz'));
    note('style.css', await browser.get('/style.css'));
    // A read: WAL readers are not blocked by a writer, and the skipped touch does not spoil the page.
    const profile = await browser.get('/profile');
    note('profile', profile);
    await released;

    expect(events).toEqual([
      'sign-out 503 5',
      'sign-in 503 5',
      'sign-out 503 5',
      'healthz 200 -',
      'style.css 200 -',
      'profile 200 -',
      'released',
    ]);
    expect(profile.body).toContain('Henry Gardner');

    // The same session works again, and so do sign-ins and sign-outs.
    expect((await browser.get('/profile')).status).toBe(200);
    const again = await signIn(new Browser(running.url));
    expect(again[again.length - 1]!.location).toBe('/profile');
    const out = await browser.post('/logout', { _csrf: csrf });
    expect(out.status).toBe(303);
    expect((await browser.get('/profile')).status).toBe(302);
  }, 40_000);
});
