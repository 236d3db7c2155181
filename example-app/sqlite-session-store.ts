import { closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Store, type SessionData } from 'express-session';
import { SessionDestroyedError } from './session-destroyed-error';

/** Options of {@link SqliteSessionStore}. */
export interface SqliteSessionStoreOptions {
  /** The database file (created if missing), or `:memory:`. */
  file: string;
  /** Lifetime of a session whose cookie has no expiry, in ms. Default: one day. */
  defaultTtlMs?: number;
  /** How often {@link SqliteSessionStore.maintain} runs (purge, vacuum, checkpoint), in ms. Default: 10 minutes. */
  cleanupIntervalMs?: number;
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
  /** Whether the WAL was checkpointed and truncated (false when another connection was in the way: next time). */
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
 * - WAL mode, checkpointed (and truncated) after each purge, and incremental vacuum, so the files stop growing.
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
  private maintaining: Promise<MaintenanceReport> | undefined;
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
      // A WAL file left large by a burst of writes is cut back to this size at the next checkpoint.
      this.db.pragma('journal_size_limit = 4194304');
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
    });
  }

  override touch(sid: string, session: SessionData, callback?: Callback): void {
    try {
      this.statements.touch.run(this.expiryOf(session), sid);
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
    });
  }

  override length(callback: Callback<number>): void {
    this.run(callback, () => this.statements.length.get(this.now())?.n ?? 0);
  }

  override clear(callback?: Callback): void {
    this.run(callback, () => {
      this.statements.clear.run();
    });
  }

  /**
   * Deletes expired sessions and tombstones in batches of `batchSize` (emitting `'purge'` with a {@link PurgeBatch}
   * after each), gives freed pages back to the file system, then checkpoints and truncates the WAL. The event loop
   * runs between steps. Also runs on a timer; concurrent calls share one run. Rejects with SQLITE_BUSY when another
   * process holds the write lock.
   */
  maintain(): Promise<MaintenanceReport> {
    this.maintaining ??= this.runMaintenance().finally(() => {
      this.maintaining = undefined;
    });
    return this.maintaining;
  }

  /** Stops the maintenance timer and closes the database (a maintenance run in progress stops at its next step). */
  close(): void {
    clearInterval(this.timer);
    if (this.db.open) this.db.close();
  }

  private async runMaintenance(): Promise<MaintenanceReport> {
    let purged = 0;
    for (const purge of [this.statements.purgeSessions, this.statements.purgeTombstones]) {
      for (;;) {
        if (!this.isOpen()) return { purged, checkpointed: false };
        const { changes } = purge.run(this.now(), this.batchSize);
        purged += changes;
        if (changes > 0) this.emit('purge', { deleted: changes } satisfies PurgeBatch);
        if (changes < this.batchSize) break;
        await nextTurn();
      }
    }
    await this.vacuumFreePages();
    if (!this.isOpen()) return { purged, checkpointed: false };
    // TRUNCATE copies the WAL into the database and empties it. The WAL is small (SQLite checkpoints it every 1000
    // pages on its own), so this is quick; with busy_timeout 0 it gives up at once if another connection is writing.
    const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    return { purged, checkpointed: result?.busy === 0 };
  }

  private async vacuumFreePages(): Promise<void> {
    // Only a database created with auto_vacuum = INCREMENTAL (2) can give pages back without a full VACUUM.
    if (!this.isOpen() || this.db.pragma('auto_vacuum', { simple: true }) !== 2) return;
    let free = this.db.pragma('freelist_count', { simple: true }) as number;
    while (free > 0) {
      this.db.pragma(`incremental_vacuum(${String(this.batchSize)})`);
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
