import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionData } from 'express-session';
import { SqliteSessionStore, type PurgeBatch, type SqliteSessionStoreOptions } from '../../example-app/sqlite-session-store';
import { SessionDestroyedError } from '../../example-app/session-destroyed-error';
import { asError } from '../helpers/errors';
import { holdWriteLock, type SqliteLocker } from './helpers/sqlite-locker';

let dir: string;
let stores: SqliteSessionStore[] = [];
let locker: SqliteLocker | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ws-sqlite-'));
});
afterEach(() => {
  locker?.child.kill();
  locker = undefined;
  for (const store of stores) store.close();
  stores = [];
  rmSync(dir, { recursive: true, force: true });
});

function open(now?: () => number, options: Partial<SqliteSessionStoreOptions> = {}): SqliteSessionStore {
  const store = new SqliteSessionStore({ file: join(dir, 's.sqlite'), ...(now ? { now } : {}), ...options });
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

  test('an expired session is never returned, and maintain() deletes it', async () => {
    let now = 1_000_000;
    const store = open(() => now);
    await call((cb) => store.set('old', session(now + 1000), cb));
    await call((cb) => store.set('fresh', session(now + 60_000), cb));
    now += 5000;
    expect(await get(store, 'old')).toBeNull();
    expect((await store.maintain()).purged).toBe(1);
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

  test('a destroyed session cannot be saved back: set fails with SessionDestroyedError and stores nothing', async () => {
    const store = open();
    await call((cb) => store.set('sid', session(Date.now() + 60_000, { user: 'henry' }), cb));
    await call((cb) => store.destroy('sid', cb));
    await expect(call((cb) => store.set('sid', session(Date.now() + 60_000, { user: 'henry' }), cb))).rejects.toThrow(
      SessionDestroyedError,
    );
    expect(await get(store, 'sid')).toBeNull();
    // touch does not bring it back either, and other sessions are unaffected.
    await call((cb) => store.touch('sid', session(Date.now() + 60_000), cb));
    expect(await get(store, 'sid')).toBeNull();
    await call((cb) => store.set('other', session(Date.now() + 60_000), cb));
    expect(await get(store, 'other')).not.toBeNull();
  });

  test('destroying a session that was never stored leaves no tombstone: an anonymous visitor costs no row', async () => {
    const store = open();
    await call((cb) => store.destroy('never-stored', cb));
    await call((cb) => store.set('never-stored', session(Date.now() + 60_000), cb));
    expect(await get(store, 'never-stored')).not.toBeNull();
  });

  test("a destroyed session's tombstone is purged once its lifetime is over", async () => {
    let now = 1_000_000;
    const store = open(() => now, { tombstoneTtlMs: 10_000 });
    await call((cb) => store.set('sid', session(now + 5_000), cb));
    await call((cb) => store.destroy('sid', cb));
    now += 9_000;
    expect((await store.maintain()).purged).toBe(0);
    now += 2_000;
    expect((await store.maintain()).purged).toBe(1);
  });

  test('purges expired sessions in batches of batchSize, letting other work run between two batches', async () => {
    let now = 1_000_000;
    const store = open(() => now, { batchSize: 500 });
    for (let i = 0; i < 5000; i++) await call((cb) => store.set(`old-${i}`, session(now + 1000), cb));
    for (let i = 0; i < 10; i++) await call((cb) => store.set(`fresh-${i}`, session(now + 60_000), cb));
    now += 5000;
    const batches: number[] = [];
    const order: string[] = [];
    store.on('purge', ({ deleted }: PurgeBatch) => {
      batches.push(deleted);
      order.push('batch');
      if (batches.length === 1) setImmediate(() => order.push('other work'));
    });
    expect((await store.maintain()).purged).toBe(5000);
    expect(batches).toEqual(Array.from({ length: 10 }, () => 500));
    expect(order.slice(0, 3)).toEqual(['batch', 'other work', 'batch']);
    expect(await new Promise((resolve) => store.length((_e, n) => resolve(n)))).toBe(10);
  });

  test('maintain() empties the WAL file and gives the pages of purged sessions back to the file system', async () => {
    let now = 1_000_000;
    const file = join(dir, 's.sqlite');
    const store = open(() => now);
    const padding = 'x'.repeat(2000);
    for (let i = 0; i < 2000; i++) await call((cb) => store.set(`sid-${i}`, session(now + 1000, { padding }), cb));
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    expect(await store.maintain()).toEqual({ purged: 0, checkpointed: true });
    expect(statSync(`${file}-wal`).size).toBe(0);
    const full = statSync(file).size;
    now += 5000;
    expect(await store.maintain()).toEqual({ purged: 2000, checkpointed: true });
    expect(statSync(`${file}-wal`).size).toBe(0);
    expect(statSync(file).size).toBeLessThan(full / 10);
  });

  test('with another process holding the write lock, a write fails at once with SQLITE_BUSY; reads go on and touch is skipped', async () => {
    const store = open();
    await call((cb) => store.set('sid', session(Date.now() + 60_000, { user: 'henry' }), cb));
    locker = await holdWriteLock(join(dir, 's.sqlite'), 60_000);
    // (SqliteError comes from another realm than jest's Error: compare codes, not classes.)
    const errorOf = (fn: (cb: (err?: unknown) => void) => void) => new Promise((resolve) => fn(resolve));
    expect(await errorOf((cb) => store.set('sid', session(Date.now() + 60_000), cb))).toMatchObject({ code: 'SQLITE_BUSY' });
    expect(await errorOf((cb) => store.destroy('sid', cb))).toMatchObject({ code: 'SQLITE_BUSY' });
    expect(await store.maintain().catch((err: unknown) => err)).toMatchObject({ code: 'SQLITE_BUSY' });
    expect(await get(store, 'sid')).toMatchObject({ user: 'henry' });
    await call((cb) => store.touch('sid', session(Date.now() + 120_000), cb));
  });
});
