// `node scripts/measure-sqlite-stalls.mjs [seconds] [writes per second]`: how long the example app's SQLite session
// store makes the event loop wait, writing sessions at a steady rate (each write followed by a read, as a sign-in
// then a page), then purging them all with maintain(). Two runs on a fresh file each:
// - "checkpoints on the event loop": better-sqlite3 configured as the store was before its checkpoint thread, SQLite's
//   automatic checkpoint (every 1000 pages, inside the commit that crosses them) and maintain()'s
//   wal_checkpoint(TRUNCATE), here every 5 s, both on the main thread;
// - "checkpoint thread": SqliteSessionStore as it is now (automatic checkpoint off, PASSIVE checkpoints in a worker
//   thread every 5 s and whenever the WAL passes 4 MiB).
// Reported: the longest event-loop stall (perf_hooks.monitorEventLoopDelay, max and p99), the longest single write,
// and the largest WAL file seen (looked at asynchronously every 100 ms).
import { mkdtempSync, rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { clearInterval, setImmediate, setInterval } from 'node:timers';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// The store's TypeScript sources as they are now, not a dist/ that may be stale.
require(join(root, 'test', 'helpers', 'ts-register.cjs'));
const Database = require('better-sqlite3');
const { SqliteSessionStore } = require(join(root, 'example-app', 'sqlite-session-store.ts'));

const seconds = Number(process.argv[2] ?? 20);
const rate = Number(process.argv[3] ?? 400);
if (!(seconds > 0) || !(rate > 0)) {
  process.stderr.write('usage: node scripts/measure-sqlite-stalls.mjs [seconds > 0] [writes per second > 0]\n');
  process.exit(2);
}
const CHECKPOINT_EVERY_MS = 5000;
// About the size of a signed-in session with its sealed tokens.
const PADDING = 'x'.repeat(1500);

/** better-sqlite3 as the store configured it before the checkpoint thread, behind the same small interface. */
function eventLoopCheckpoints(file) {
  const db = new Database(file);
  db.pragma('auto_vacuum = INCREMENTAL');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('journal_size_limit = 4194304');
  db.exec('CREATE TABLE sessions (sid TEXT PRIMARY KEY NOT NULL, sess TEXT NOT NULL, expires INTEGER NOT NULL)');
  db.exec('CREATE INDEX sessions_expires ON sessions (expires)');
  db.exec('CREATE TABLE destroyed_sessions (sid TEXT PRIMARY KEY NOT NULL, expires INTEGER NOT NULL)');
  db.pragma('busy_timeout = 0');
  const set = db.prepare(
    'INSERT INTO sessions (sid, sess, expires) SELECT @sid, @sess, @expires WHERE NOT EXISTS (SELECT 1 FROM destroyed_sessions WHERE sid = @sid) ' +
      'ON CONFLICT (sid) DO UPDATE SET sess = excluded.sess, expires = excluded.expires',
  );
  const get = db.prepare('SELECT sess FROM sessions WHERE sid = ? AND expires > ?');
  const purge = db.prepare('DELETE FROM sessions WHERE rowid IN (SELECT rowid FROM sessions WHERE expires <= ? LIMIT 500)');
  const timer = setInterval(() => db.pragma('wal_checkpoint(TRUNCATE)'), CHECKPOINT_EVERY_MS);
  return {
    set: (sid, sess) => set.run({ sid, sess: JSON.stringify(sess), expires: sess.cookie.expires }),
    get: (sid) => get.get(sid, Date.now()),
    async purgeAll() {
      while (purge.run(Number.MAX_SAFE_INTEGER).changes > 0) await new Promise((resolve) => setImmediate(resolve));
      for (;;) {
        const free = db.pragma('freelist_count', { simple: true });
        if (free === 0) break;
        db.pragma('incremental_vacuum(500)');
        await new Promise((resolve) => setImmediate(resolve));
      }
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    close: async () => {
      clearInterval(timer);
      db.close();
    },
  };
}

/** The store as it is now. */
function checkpointThread(file) {
  let now = Date.now();
  const store = new SqliteSessionStore({ file, checkpointIntervalMs: CHECKPOINT_EVERY_MS, now: () => now });
  return {
    set: (sid, sess) =>
      store.set(sid, sess, (err) => {
        if (err) throw err;
      }),
    get: (sid) =>
      store.get(sid, (err) => {
        if (err) throw err;
      }),
    async purgeAll() {
      now = Number.MAX_SAFE_INTEGER - 1;
      await store.maintain();
    },
    close: () => store.close(),
  };
}

async function measure(name, open) {
  const dir = mkdtempSync(join(tmpdir(), 'ws-sqlite-stalls-'));
  const file = join(dir, 's.sqlite');
  const store = open(file);
  let largestWal = 0;
  const sizer = setInterval(() => {
    stat(`${file}-wal`).then(
      ({ size }) => (largestWal = Math.max(largestWal, size)),
      () => undefined,
    );
  }, 100);
  const writing = monitorEventLoopDelay({ resolution: 1 });
  writing.enable();
  let longestWrite = 0;
  let written = 0;
  const started = performance.now();
  // One tick per 10 ms, each writing what the rate asks for by then: a steady rate even when a tick comes late.
  await new Promise((resolve) => {
    const ticker = setInterval(() => {
      const elapsed = performance.now() - started;
      if (elapsed >= seconds * 1000) {
        clearInterval(ticker);
        resolve();
        return;
      }
      while (written < (elapsed / 1000) * rate) {
        const sid = `sid-${written++}`;
        const t0 = performance.now();
        store.set(sid, { cookie: { expires: Date.now() + 3_600_000 }, padding: PADDING });
        longestWrite = Math.max(longestWrite, performance.now() - t0);
        store.get(sid);
      }
    }, 10);
  });
  writing.disable();
  const purging = monitorEventLoopDelay({ resolution: 1 });
  purging.enable();
  const purgeStarted = performance.now();
  await store.purgeAll();
  const purgeMs = performance.now() - purgeStarted;
  purging.disable();
  clearInterval(sizer);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  const ms = (ns) => (ns / 1e6).toFixed(1);
  process.stdout.write(
    `${name}: ${String(written)} writes in ${String(seconds)} s; event-loop stall max ${ms(writing.max)} ms, p99 ${ms(writing.percentile(99))} ms; ` +
      `longest write ${longestWrite.toFixed(1)} ms; largest WAL ${(largestWal / 1048576).toFixed(1)} MiB; ` +
      `purge of all (${purgeMs.toFixed(0)} ms): stall max ${ms(purging.max)} ms\n`,
  );
}

process.stdout.write(`${String(rate)} session writes a second (and as many reads), ${String(seconds)} s, then maintain()\n`);
await measure('checkpoints on the event loop', eventLoopCheckpoints);
await measure('checkpoint thread            ', checkpointThread);
