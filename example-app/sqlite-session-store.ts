import { closeSync, openSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { Store, type SessionData } from 'express-session';
import { SqliteCheckpointer, type CheckpointResult } from './sqlite-checkpointer';
import { walFrames } from './sqlite-wal-frames';
import { SessionDestroyedError } from './errors/session-destroyed-error';

export type { CheckpointResult } from './sqlite-checkpointer';

/**
 * The largest the WAL file stays (`journal_size_limit`), in bytes. Once checkpointed, the WAL is written again from
 * its start, so the file keeps the size of its largest burst; only past this size is it cut back.
 */
export const JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024;

/** The default `checkpointWalBytes`. */
export const CHECKPOINT_WAL_BYTES = 4 * 1024 * 1024;

/** Options of {@link SqliteSessionStore}. */
export interface SqliteSessionStoreOptions {
  /** The database file (created if missing), or `:memory:`. */
  file: string;
  /** Lifetime of a session whose cookie has no expiry, in ms. Default: one day. */
  defaultTtlMs?: number;
  /** How often {@link SqliteSessionStore.maintain} runs (purge, vacuum, checkpoint), in ms. Default: 10 minutes. */
  cleanupIntervalMs?: number;
  /** How often the WAL is checkpointed (in a worker thread) if something was written since the last time, in ms. Default: 30 s. */
  checkpointIntervalMs?: number;
  /**
   * A WAL holding more than this is checkpointed without waiting for the interval, in bytes. How much it holds is
   * looked at (asynchronously, in its WAL-index) at most ten times a second while writes happen.
   * Default: 4 MiB ({@link CHECKPOINT_WAL_BYTES}).
   */
  checkpointWalBytes?: number;
  /** Where a failing checkpoint thread is reported (once, and once when it works again). Default `console.error`. */
  log?: (line: string) => void;
  /** Rows deleted (or pages vacuumed) per step of the maintenance; the event loop runs between steps. Default 500. */
  batchSize?: number;
  /**
   * How long the id of a destroyed session is remembered, in ms, so that no late write brings the session back.
   * Longer than any request can take. Default: one day.
   */
  tombstoneTtlMs?: number;
  /** Time source, for tests. Default `Date.now`. */
  now?: () => number;
}

/** What one run of {@link SqliteSessionStore.maintain} did. */
export interface MaintenanceReport {
  /** Expired sessions and tombstones deleted. */
  purged: number;
  /**
   * Whether the checkpoint thread copied the whole WAL into the database, so that the next write starts it over from
   * the start of its file (false when writes kept coming in, when the thread failed, or for `:memory:`: next time).
   */
  checkpointed: boolean;
}

/** The payload of the store's `'purge'` event, emitted after each batch of a purge. */
export interface PurgeBatch {
  deleted: number;
}

type Callback<T = void> = (err?: unknown, value?: T) => void;

/** A session's cookie as a store sees it. */
interface StoredCookie {
  expires?: Date | string | null;
}

/**
 * A persistent express-session store in one SQLite file (better-sqlite3). Sessions survive a restart of the app;
 * expired ones are never returned and are deleted periodically, so abandoned sign-ins do not pile up.
 *
 * better-sqlite3 is synchronous, so every statement runs on the event loop. Nothing here may wait on the disk:
 * - no busy-wait on a lock held by another process (busy_timeout 0): a write then fails at once with SQLITE_BUSY,
 *   which the app answers with 503 and Retry-After; reads go on (WAL), and a failed `touch` is skipped;
 * - expired rows are purged in batches of `batchSize`, with the event loop running between batches;
 * - WAL mode, checkpointed in a worker thread (its own connection: the copy and its fsyncs never run on the event
 *   loop) periodically, when the WAL holds more than `checkpointWalBytes`, and after each purge; with incremental
 *   vacuum, so the files stop growing. SQLite's own checkpoint, run inside whichever commit crosses 1000 pages, is off.
 *
 * Destroyed sessions leave a tombstone: a later `set` of that id is refused with {@link SessionDestroyedError}, so
 * a slow request that read the session before a sign-out cannot save it back.
 *
 * Written here rather than taken from npm: the only better-sqlite3 store there (better-sqlite3-session-store) is
 * GPL-3.0, and starts a cleanup timer that can be neither disabled nor stopped, so a process using it never exits.
 */
export class SqliteSessionStore extends Store {
  private readonly db: Database.Database;
  private readonly defaultTtlMs: number;
  private readonly tombstoneTtlMs: number;
  private readonly batchSize: number;
  private readonly now: () => number;
  private readonly timer: NodeJS.Timeout;
  private readonly checkpointTimer: NodeJS.Timeout | undefined;
  private readonly checkpointer: SqliteCheckpointer | undefined;
  private readonly shmFile: string;
  /** Bytes a WAL frame takes: a page and its 24-byte header. */
  private readonly frameBytes: number;
  private readonly checkpointWalBytes: number;
  private maintaining: Promise<MaintenanceReport> | undefined;
  private checkpointing: Promise<CheckpointResult> | undefined;
  /** Written since the last checkpoint began. */
  private written = false;
  /** How much the WAL holds is being looked at, or was less than {@link SIZING_INTERVAL_MS} ago. */
  private sizing = false;
  /** A write came while {@link sizing}: look again at the end of that interval. */
  private writtenWhileSizing = false;
  private readonly statements: {
    get: Database.Statement<[string, number], { sess: string }>;
    set: Database.Statement<[{ sid: string; sess: string; expires: number }]>;
    touch: Database.Statement<[number, string]>;
    destroy: Database.Statement<[string]>;
    bury: Database.Statement<[string, number]>;
    purgeSessions: Database.Statement<[number, number]>;
    purgeTombstones: Database.Statement<[number, number]>;
    length: Database.Statement<[number], { n: number }>;
    clear: Database.Statement<[]>;
  };

  constructor(options: SqliteSessionStoreOptions) {
    super();
    if (options.file !== ':memory:') createPrivately(options.file);
    // A short wait is acceptable while opening (no request is being served yet); from then on, none at all.
    this.db = new Database(options.file, { timeout: 2000 });
    try {
      // Must precede the first table to take effect: lets maintain() give freed pages back, a few at a time.
      this.db.pragma('auto_vacuum = INCREMENTAL');
      // WAL: readers are never blocked by a writer, even one in another process holding the write lock.
      this.db.pragma('journal_mode = WAL');
      // In WAL mode NORMAL is corruption-safe and fsyncs only at checkpoints, not at every commit (each a pause of the
      // event loop); a power cut may lose the last sessions written, which only means signing in again.
      this.db.pragma('synchronous = NORMAL');
      // Cutting the WAL file back is done by the write that starts it over, on the event loop: the freeing of 30 MiB
      // took up to 15 ms on the test VM (4 MiB limit, 1500 writes a second). With 64 MiB the file keeps the size of
      // its largest burst, and the longest write was 4.5 ms (measured by scripts/measure-sqlite-stalls.mjs).
      this.db.pragma(`journal_size_limit = ${String(JOURNAL_SIZE_LIMIT)}`);
      // No checkpoint inside a request's commit (SQLite's default, every 1000 pages, on the event loop, with fsyncs):
      // the checkpointer's thread does them all.
      this.db.pragma('wal_autocheckpoint = 0');
      this.db.exec('CREATE TABLE IF NOT EXISTS sessions (sid TEXT PRIMARY KEY NOT NULL, sess TEXT NOT NULL, expires INTEGER NOT NULL)');
      this.db.exec('CREATE INDEX IF NOT EXISTS sessions_expires ON sessions (expires)');
      this.db.exec('CREATE TABLE IF NOT EXISTS destroyed_sessions (sid TEXT PRIMARY KEY NOT NULL, expires INTEGER NOT NULL)');
      this.db.exec('CREATE INDEX IF NOT EXISTS destroyed_sessions_expires ON destroyed_sessions (expires)');
      this.db.pragma('busy_timeout = 0');
    } catch (err) {
      // Not a usable database (corrupt, locked for over 2 s, read-only): close it, so nothing is left open.
      this.db.close();
      throw err;
    }
    this.defaultTtlMs = options.defaultTtlMs ?? 24 * 60 * 60 * 1000;
    this.tombstoneTtlMs = options.tombstoneTtlMs ?? 24 * 60 * 60 * 1000;
    this.batchSize = options.batchSize ?? 500;
    this.now = options.now ?? Date.now;
    this.statements = {
      get: this.db.prepare('SELECT sess FROM sessions WHERE sid = ? AND expires > ?'),
      // One statement, so no destroy (from any process) can fall between the tombstone check and the write.
      set: this.db.prepare(
        'INSERT INTO sessions (sid, sess, expires) SELECT @sid, @sess, @expires WHERE NOT EXISTS (SELECT 1 FROM destroyed_sessions WHERE sid = @sid) ' +
          'ON CONFLICT (sid) DO UPDATE SET sess = excluded.sess, expires = excluded.expires',
      ),
      touch: this.db.prepare('UPDATE sessions SET expires = ? WHERE sid = ?'),
      destroy: this.db.prepare('DELETE FROM sessions WHERE sid = ?'),
      bury: this.db.prepare(
        'INSERT INTO destroyed_sessions (sid, expires) VALUES (?, ?) ON CONFLICT (sid) DO UPDATE SET expires = excluded.expires',
      ),
      purgeSessions: this.db.prepare('DELETE FROM sessions WHERE rowid IN (SELECT rowid FROM sessions WHERE expires <= ? LIMIT ?)'),
      purgeTombstones: this.db.prepare(
        'DELETE FROM destroyed_sessions WHERE rowid IN (SELECT rowid FROM destroyed_sessions WHERE expires <= ? LIMIT ?)',
      ),
      length: this.db.prepare('SELECT COUNT(*) AS n FROM sessions WHERE expires > ?'),
      clear: this.db.prepare('DELETE FROM sessions'),
    };
    this.timer = setInterval(
      () => {
        // A failed run (the database locked by another process) is retried at the next interval.
        this.maintain().catch(() => undefined);
      },
      options.cleanupIntervalMs ?? 10 * 60 * 1000,
    );
    this.timer.unref();
    this.shmFile = `${options.file}-shm`;
    this.frameBytes = (this.db.pragma('page_size', { simple: true }) as number) + 24;
    this.checkpointWalBytes = options.checkpointWalBytes ?? CHECKPOINT_WAL_BYTES;
    // An in-memory database has no WAL (its journal stays in memory) and no file another connection could open.
    if (options.file !== ':memory:') {
      const log = options.log ?? ((line: string) => console.error(line));
      this.checkpointer = new SqliteCheckpointer(options.file, JOURNAL_SIZE_LIMIT, { log });
      this.checkpointTimer = setInterval(() => {
        if (this.written) void this.checkpoint();
      }, options.checkpointIntervalMs ?? 30_000);
      this.checkpointTimer.unref();
    }
  }

  override get(sid: string, callback: Callback<SessionData | null>): void {
    this.run(callback, () => {
      const row = this.statements.get.get(sid, this.now());
      return row ? (JSON.parse(row.sess) as SessionData) : null;
    });
  }

  /** Saves the session; fails with {@link SessionDestroyedError} if this id was destroyed. */
  override set(sid: string, session: SessionData, callback?: Callback): void {
    this.run(callback, () => {
      const { changes } = this.statements.set.run({ sid, sess: JSON.stringify(session), expires: this.expiryOf(session) });
      if (changes === 0) throw new SessionDestroyedError();
      this.wrote();
    });
  }

  override touch(sid: string, session: SessionData, callback?: Callback): void {
    try {
      this.statements.touch.run(this.expiryOf(session), sid);
      this.wrote();
    } catch (err) {
      // Touch only pushes the expiry back, and express-session calls it after the page is written: under another
      // process's write lock, skip it (the next request touches again) rather than break a page that worked.
      if (!isBusy(err)) {
        callback?.(err);
        return;
      }
    }
    callback?.();
  }

  /** Deletes the session and remembers its id for `tombstoneTtlMs`, so that no later `set` brings it back. */
  override destroy(sid: string, callback?: Callback): void {
    this.run(callback, () => {
      this.db.transaction(() => {
        // Only a session that was stored leaves a tombstone: a visitor who never had one costs no row.
        if (this.statements.destroy.run(sid).changes > 0) this.statements.bury.run(sid, this.now() + this.tombstoneTtlMs);
      })();
      this.wrote();
    });
  }

  override length(callback: Callback<number>): void {
    this.run(callback, () => this.statements.length.get(this.now())?.n ?? 0);
  }

  override clear(callback?: Callback): void {
    this.run(callback, () => {
      this.statements.clear.run();
      this.wrote();
    });
  }

  /**
   * Deletes expired sessions and tombstones in batches of `batchSize` (emitting `'purge'` with a {@link PurgeBatch}
   * after each), gives freed pages back to the file system, then has the WAL checkpointed in the worker thread. The
   * event loop runs between steps. Also runs on a timer; concurrent calls share one run. Rejects with SQLITE_BUSY when
   * another process holds the write lock.
   */
  maintain(): Promise<MaintenanceReport> {
    this.maintaining ??= this.runMaintenance().finally(() => {
      this.maintaining = undefined;
    });
    return this.maintaining;
  }

  /**
   * Copies the WAL into the database in the worker thread, emitting `'checkpoint'` with the {@link CheckpointResult}.
   * Runs on its own periodically, when the WAL holds more than `checkpointWalBytes` and after each purge; concurrent calls
   * share one run. Never rejects: a failed checkpoint reports nothing done and is tried again later.
   */
  checkpoint(): Promise<CheckpointResult> {
    const checkpointer = this.checkpointer;
    if (!checkpointer) return Promise.resolve({ complete: false, walFrames: 0, checkpointedFrames: 0 });
    this.checkpointing ??= (async () => {
      this.written = false;
      let result = await checkpointer.checkpoint();
      // Writes that came during a checkpoint keep the WAL from starting over; the next one has only those to copy, so
      // it takes less time and is likelier to fall between two writes. Without this, steady writes grow the WAL.
      for (let tries = 1; !result.complete && result.walFrames > 0 && tries < CATCH_UP_TRIES && this.isOpen(); tries++) {
        result = await checkpointer.checkpoint();
      }
      this.emit('checkpoint', result);
      return result;
    })().finally(() => {
      this.checkpointing = undefined;
    });
    return this.checkpointing;
  }

  /** The checkpoint thread now running, if any (it starts with the first checkpoint): for tests. */
  get checkpointThread(): Worker | undefined {
    return this.checkpointer?.thread;
  }

  /**
   * Stops the timers and closes the database (a maintenance run in progress stops at its next step); resolves once the
   * checkpoint thread has exited.
   */
  close(): Promise<void> {
    clearInterval(this.timer);
    clearInterval(this.checkpointTimer);
    if (this.db.open) this.db.close();
    return this.checkpointer?.close() ?? Promise.resolve();
  }

  private async runMaintenance(): Promise<MaintenanceReport> {
    let purged = 0;
    for (const purge of [this.statements.purgeSessions, this.statements.purgeTombstones]) {
      for (;;) {
        if (!this.isOpen()) return { purged, checkpointed: false };
        const { changes } = purge.run(this.now(), this.batchSize);
        purged += changes;
        if (changes > 0) this.wrote();
        if (changes > 0) this.emit('purge', { deleted: changes } satisfies PurgeBatch);
        if (changes < this.batchSize) break;
        await nextTurn();
      }
    }
    await this.vacuumFreePages();
    if (!this.isOpen()) return { purged, checkpointed: false };
    // A checkpoint that began before the purge's last writes would not cover them: wait for it, then run one more.
    await this.checkpointing;
    return { purged, checkpointed: (await this.checkpoint()).complete };
  }

  /**
   * Called after each write: looks at how much the WAL holds (asynchronously: a read on the event loop would wait on the
   * disk) at most once every {@link SIZING_INTERVAL_MS}, and has it checkpointed when that is past `checkpointWalBytes`.
   */
  private wrote(): void {
    this.written = true;
    if (!this.checkpointer) return;
    if (this.sizing) {
      this.writtenWhileSizing = true;
      return;
    }
    this.sizing = true;
    this.writtenWhileSizing = false;
    const sized = walFrames(this.shmFile).then(
      (frames) => {
        if (frames * this.frameBytes > this.checkpointWalBytes && this.isOpen()) void this.checkpoint();
      },
      () => undefined, // unreadable now: the next write looks again, and the interval checkpoints anyway
    );
    const interval = new Promise<void>((resolve) => setTimeout(resolve, SIZING_INTERVAL_MS).unref());
    void Promise.all([sized, interval]).then(() => {
      this.sizing = false;
      if (this.writtenWhileSizing && this.isOpen()) this.wrote();
    });
  }

  private async vacuumFreePages(): Promise<void> {
    // Only a database created with auto_vacuum = INCREMENTAL (2) can give pages back without a full VACUUM.
    if (!this.isOpen() || this.db.pragma('auto_vacuum', { simple: true }) !== 2) return;
    let free = this.db.pragma('freelist_count', { simple: true }) as number;
    while (free > 0) {
      this.db.pragma(`incremental_vacuum(${String(this.batchSize)})`);
      this.wrote();
      const left = this.db.pragma('freelist_count', { simple: true }) as number;
      if (left >= free) return;
      free = left;
      await nextTurn();
      if (!this.isOpen()) return;
    }
  }

  // A method, not `this.db.open` inline: the database may be closed during any await of the maintenance.
  private isOpen(): boolean {
    return this.db.open;
  }

  private expiryOf(session: SessionData): number {
    // Read as stored: a session that went through JSON has a string `expires`, or no cookie at all. (`expires` is
    // typed deprecated only because express-session wants `maxAge` in its options; stores keep the absolute time.)
    const expires = (session.cookie as StoredCookie | undefined)?.expires;
    if (expires) return new Date(expires).getTime();
    return this.now() + this.defaultTtlMs;
  }

  // express-session expects callbacks, and a throw (SQLITE_BUSY, disk full, closed database) must reach it as an
  // error, not escape as an exception.
  private run<T>(callback: Callback<T> | undefined, work: () => T): void {
    let value: T;
    try {
      value = work();
    } catch (err) {
      callback?.(err);
      return;
    }
    callback?.(undefined, value);
  }
}

/** Whether `err` is SQLite's "another connection holds the lock" (SQLITE_BUSY and its extended codes). */
function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

// Checkpoints run back to back at most this many times to catch up with writes (see checkpoint()).
const CATCH_UP_TRIES = 10;

// Often enough that a burst of writes cannot grow the WAL far past checkpointWalBytes (at 1000 session writes a
// second, about 2.5 MB in 100 ms of 2 KB sessions), seldom enough that the stats cost nothing.
const SIZING_INTERVAL_MS = 100;

/** Yields to the event loop: pending I/O (requests) runs before the next step of the maintenance. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Creates the database file readable by its owner only (0600) if it does not exist: it holds sessions. SQLite gives
 * its -wal and -shm files the database file's mode, so they are private too. An existing file keeps its mode.
 */
function createPrivately(file: string): void {
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}
