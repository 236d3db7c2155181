import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionData } from 'express-session';
import {
  JOURNAL_SIZE_LIMIT,
  SqliteSessionStore,
  type CheckpointResult,
  type PurgeBatch,
  type SqliteSessionStoreOptions,
} from '../../example-app/sqlite-session-store';
import { asError } from '../helpers/errors';
import { holdWriteLock, type SqliteLocker } from './helpers/sqlite-locker';
import { SessionDestroyedError } from '../../example-app/errors/session-destroyed-error';

let dir: string;
let stores: SqliteSessionStore[] = [];
let locker: SqliteLocker | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ws-sqlite-'));
});
afterEach(async () => {
  locker?.child.kill();
  locker = undefined;
  await Promise.all(stores.map((store) => store.close()));
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
    await first.close();
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
    await store.close();
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

  test('maintain() has the WAL checkpointed, so that the next writes start it over, and gives the pages of purged sessions back to the file system', async () => {
    let now = 1_000_000;
    const store = open(() => now, NO_AUTOMATIC_CHECKPOINT);
    await writeSessions(store, 2000, now + 1000);
    const wal = walSize();
    expect(await store.maintain()).toEqual({ purged: 0, checkpointed: true });
    await writeSessions(store, 200, now + 1000, 'more');
    expect(walSize()).toBe(wal);
    const full = statSync(join(dir, 's.sqlite')).size;
    now += 5000;
    expect(await store.maintain()).toEqual({ purged: 2200, checkpointed: true });
    expect(statSync(join(dir, 's.sqlite')).size).toBeLessThan(full / 10);
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

  test("SQLite's own checkpoint never runs in a commit on the event loop: the WAL grows past 1000 pages until the checkpoint thread copies it", async () => {
    const store = open(undefined, NO_AUTOMATIC_CHECKPOINT);
    await writeSessions(store, 2000, Date.now() + 60_000);
    // SQLite's default checkpoints the WAL in the commit that takes it past 1000 pages, and the next commit starts
    // it over: it would never hold much more than 1000 frames (4 KiB pages, 24-byte frame headers).
    expect(walSize()).toBeGreaterThan(2 * 1000 * (4096 + 24));
    expect(store.checkpointThread).toBeUndefined();
    expect(await store.checkpoint()).toMatchObject({ complete: true });
    expect(await get(store, 'sid-1999')).not.toBeNull();
  });

  test('a WAL file past journal_size_limit is cut back to it by the first write after a checkpoint', async () => {
    const store = open(undefined, NO_AUTOMATIC_CHECKPOINT);
    for (let batch = 0; walSize() <= JOURNAL_SIZE_LIMIT; batch++) await writeSessions(store, 500, Date.now() + 60_000, `b${batch}`);
    expect(await store.checkpoint()).toMatchObject({ complete: true });
    await call((cb) => store.set('one-more', session(Date.now() + 60_000), cb));
    expect(walSize()).toBe(JOURNAL_SIZE_LIMIT);
  });

  test('a WAL holding more than checkpointWalBytes is checkpointed without waiting for the interval', async () => {
    const store = open(undefined, { checkpointIntervalMs: 3_600_000, checkpointWalBytes: 1024 * 1024 });
    const checkpoints: CheckpointResult[] = [];
    store.on('checkpoint', (result: CheckpointResult) => checkpoints.push(result));
    // Writes spread over turns of the event loop, as requests come, so that the size is looked at in between.
    for (let i = 0; i < 5000 && checkpoints.length === 0; i++) {
      await call((cb) => store.set(`sid-${i}`, session(Date.now() + 60_000, { padding: 'x'.repeat(2000) }), cb));
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect(checkpoints.length).toBeGreaterThan(0);
  });

  test('a WAL written again from the start of its file after a checkpoint is not checkpointed again at each look at it, though the file is past checkpointWalBytes', async () => {
    const store = open(undefined, { checkpointIntervalMs: 3_600_000, checkpointWalBytes: 1024 * 1024 });
    const checkpoints: CheckpointResult[] = [];
    store.on('checkpoint', (result: CheckpointResult) => checkpoints.push(result));
    for (let i = 0; checkpoints.length === 0; i++) {
      await call((cb) => store.set(`sid-${i}`, session(Date.now() + 60_000, { padding: 'x'.repeat(2000) }), cb));
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    // (That checkpoint may have run while writes came in: one with none leaves the whole WAL copied.)
    expect(await store.checkpoint()).toMatchObject({ complete: true });
    checkpoints.length = 0;
    const wal = walSize();
    // Small writes paced over several looks at the size (one every 100 ms), far less than the file already holds.
    const started = Date.now();
    for (let i = 0; Date.now() - started < 500; i++) {
      await call((cb) => store.set(`small-${i}`, session(Date.now() + 60_000), cb));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(walSize()).toBe(wal);
    // At most one: the first look may still see frames written before the checkpoint. Five looks at the file's size
    // would each see it past checkpointWalBytes.
    expect(checkpoints.length).toBeLessThanOrEqual(1);
  });

  test('something written is checkpointed after checkpointIntervalMs', async () => {
    const store = open(undefined, { checkpointIntervalMs: 50, checkpointWalBytes: Number.MAX_SAFE_INTEGER });
    const checkpointed = new Promise<CheckpointResult>((resolve) => store.once('checkpoint', resolve));
    await call((cb) => store.set('sid', session(Date.now() + 60_000), cb));
    expect(await checkpointed).toMatchObject({ complete: true });
  });

  test('a checkpoint thread that dies is reported once and replaced at a checkpoint a second later; sessions work meanwhile', async () => {
    const lines: string[] = [];
    const store = open(undefined, { ...NO_AUTOMATIC_CHECKPOINT, log: (line) => lines.push(line) });
    await call((cb) => store.set('sid', session(Date.now() + 60_000, { user: 'henry' }), cb));
    expect(await store.checkpoint()).toMatchObject({ complete: true });
    const first = store.checkpointThread!;
    const exited = new Promise((resolve) => first.once('exit', resolve));
    await first.terminate();
    await exited;
    expect(lines).toEqual([expect.stringMatching(/checkpoint thread .* stopped/)]);
    await call((cb) => store.set('sid', session(Date.now() + 60_000, { user: 'ada' }), cb));
    expect(await get(store, 'sid')).toMatchObject({ user: 'ada' });
    // A new thread starts at a checkpoint a second or more after the crash; until then nothing is checkpointed.
    expect(await store.checkpoint()).toMatchObject({ complete: false });
    await until(async () => (await store.checkpoint()).complete);
    expect(store.checkpointThread).not.toBe(first);
    expect(lines).toEqual([expect.stringMatching(/stopped/), expect.stringMatching(/work again/)]);
  });

  test('close() ends the checkpoint thread', async () => {
    const store = open(undefined, NO_AUTOMATIC_CHECKPOINT);
    await call((cb) => store.set('sid', session(Date.now() + 60_000), cb));
    await store.checkpoint();
    const thread = store.checkpointThread!;
    expect(thread.threadId).toBeGreaterThan(0);
    await store.close();
    // A worker that has exited has no thread id any more.
    expect(thread.threadId).toBe(-1);
    expect(store.checkpointThread).toBeUndefined();
  });

  test('a script awaiting maintain() gets its report, then exits without closing the store: an idle checkpoint thread keeps no process alive', async () => {
    const child = spawn(process.execPath, ['-r', REGISTER, '-e', NOT_CLOSING, STORE, join(dir, 's.sqlite')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('exit', (exitCode, exitSignal) => resolve([exitCode, exitSignal])),
    );
    clearTimeout(timer);
    expect({ code, signal, output }).toEqual({ code: 0, signal: null, output: '{"purged":0,"checkpointed":true}\n' });
  });

  test('an in-memory database starts no checkpoint thread', async () => {
    const store = new SqliteSessionStore({ file: ':memory:' });
    stores.push(store);
    await call((cb) => store.set('sid', session(Date.now() + 60_000), cb));
    expect(await store.checkpoint()).toEqual({ complete: false, walFrames: 0, checkpointedFrames: 0 });
    expect(await store.maintain()).toEqual({ purged: 0, checkpointed: false });
    expect(store.checkpointThread).toBeUndefined();
  });
});

const REGISTER = join(__dirname, 'helpers', 'ts-register-app.cjs');
const STORE = join(__dirname, '..', '..', 'example-app', 'sqlite-session-store.ts');
// Plain JavaScript run by `node -e` with the TypeScript sources registered: a script that never calls close().
const NOT_CLOSING = `
const { SqliteSessionStore } = require(process.argv[1]);
const store = new SqliteSessionStore({ file: process.argv[2] });
store.set('sid', { cookie: {} }, () => store.maintain().then((report) => console.log(JSON.stringify(report))));
`;

/** Neither the interval nor the WAL's size starts a checkpoint during the test: only maintain() and checkpoint(). */
const NO_AUTOMATIC_CHECKPOINT: Partial<SqliteSessionStoreOptions> = {
  checkpointIntervalMs: 3_600_000,
  checkpointWalBytes: Number.MAX_SAFE_INTEGER,
};

async function writeSessions(store: SqliteSessionStore, count: number, expires: number, prefix = 'sid'): Promise<void> {
  const padding = 'x'.repeat(2000);
  for (let i = 0; i < count; i++) await call((cb) => store.set(`${prefix}-${i}`, session(expires, { padding }), cb));
}

/** Polls `condition` every 50 ms until it holds. */
async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 50));
}

function walSize(): number {
  return statSync(join(dir, 's.sqlite-wal')).size;
}
