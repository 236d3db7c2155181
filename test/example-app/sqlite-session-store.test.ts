import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionData } from 'express-session';
import { SqliteSessionStore } from '../../example-app/sqlite-session-store';
import { asError } from '../helpers/errors';

let dir: string;
let stores: SqliteSessionStore[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ws-sqlite-'));
});
afterEach(() => {
  for (const store of stores) store.close();
  stores = [];
  rmSync(dir, { recursive: true, force: true });
});

function open(now?: () => number): SqliteSessionStore {
  const store = new SqliteSessionStore({ file: join(dir, 's.sqlite'), ...(now ? { now } : {}) });
  stores.push(store);
  return store;
}

function session(expires: number, extra: Record<string, unknown> = {}): SessionData {
  // A plain cookie object, as a session read back from JSON carries (not an express-session Cookie instance).
  const stored: unknown = { cookie: { expires: new Date(expires), originalMaxAge: 1000, httpOnly: true, path: '/' }, ...extra };
  return stored as SessionData;
}

const get = (store: SqliteSessionStore, sid: string) =>
  new Promise<SessionData | null | undefined>((resolve, reject) => store.get(sid, (err, s) => (err ? reject(asError(err)) : resolve(s))));
const call = (fn: (cb: (err?: unknown) => void) => void) =>
  new Promise<void>((resolve, reject) => fn((err) => (err ? reject(asError(err)) : resolve())));

describe('SqliteSessionStore', () => {
  test('a session survives closing and reopening the database (an app restart)', async () => {
    const first = open();
    await call((cb) => first.set('sid-1', session(Date.now() + 60_000, { user: 'henry' }), cb));
    first.close();
    const second = open();
    expect(await get(second, 'sid-1')).toMatchObject({ user: 'henry' });
  });

  test('an expired session is never returned, and purgeExpired deletes it', async () => {
    let now = 1_000_000;
    const store = open(() => now);
    await call((cb) => store.set('old', session(now + 1000), cb));
    await call((cb) => store.set('fresh', session(now + 60_000), cb));
    now += 5000;
    expect(await get(store, 'old')).toBeNull();
    expect(store.purgeExpired()).toBe(1);
    const length = await new Promise<number | undefined>((resolve) => store.length((_e, n) => resolve(n)));
    expect(length).toBe(1);
  });

  test('touch moves the expiry forward', async () => {
    let now = 1_000_000;
    const store = open(() => now);
    await call((cb) => store.set('sid', session(now + 1000), cb));
    await call((cb) => store.touch('sid', session(now + 60_000), cb));
    now += 5000;
    expect(await get(store, 'sid')).not.toBeNull();
  });

  test('a session without a cookie expiry gets the default lifetime', async () => {
    let now = 1_000_000;
    const store = new SqliteSessionStore({ file: join(dir, 's.sqlite'), now: () => now, defaultTtlMs: 10_000 });
    stores.push(store);
    await call((cb) => store.set('sid', { cookie: {} } as unknown as SessionData, cb));
    now += 9_000;
    expect(await get(store, 'sid')).not.toBeNull();
    now += 2_000;
    expect(await get(store, 'sid')).toBeNull();
  });

  test('destroy and clear remove sessions', async () => {
    const store = open();
    await call((cb) => store.set('a', session(Date.now() + 60_000), cb));
    await call((cb) => store.set('b', session(Date.now() + 60_000), cb));
    await call((cb) => store.destroy('a', cb));
    expect(await get(store, 'a')).toBeNull();
    await call((cb) => store.clear(cb));
    expect(await get(store, 'b')).toBeNull();
  });

  test('a failure reaches the callback as an error instead of throwing', async () => {
    const store = open();
    store.close();
    await expect(get(store, 'sid')).rejects.toThrow(/not open/);
  });
});
