import { closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Store, type SessionData } from 'express-session';

/** Options of {@link SqliteSessionStore}. */
export interface SqliteSessionStoreOptions {
  /** The database file (created if missing), or `:memory:`. */
  file: string;
  /** Lifetime of a session whose cookie has no expiry, in ms. Default: one day. */
  defaultTtlMs?: number;
  /** How often expired rows are deleted, in ms. Default: 10 minutes. */
  cleanupIntervalMs?: number;
  /** Time source, for tests. Default `Date.now`. */
  now?: () => number;
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
 * Written here rather than taken from npm: the only better-sqlite3 store there (better-sqlite3-session-store) is
 * GPL-3.0, and starts a cleanup timer that can be neither disabled nor stopped, so a process using it never exits.
 */
export class SqliteSessionStore extends Store {
  private readonly db: Database.Database;
  private readonly defaultTtlMs: number;
  private readonly now: () => number;
  private readonly timer: NodeJS.Timeout;
  private readonly statements: {
    get: Database.Statement<[string, number], { sess: string }>;
    set: Database.Statement<[string, string, number]>;
    touch: Database.Statement<[number, string]>;
    destroy: Database.Statement<[string]>;
    purge: Database.Statement<[number]>;
    length: Database.Statement<[number], { n: number }>;
    clear: Database.Statement<[]>;
  };

  constructor(options: SqliteSessionStoreOptions) {
    super();
    if (options.file !== ':memory:') createPrivately(options.file);
    this.db = new Database(options.file);
    // WAL lets readers go on while a write commits, which matters when several requests touch sessions at once.
    this.db.pragma('journal_mode = WAL');
    this.db.exec('CREATE TABLE IF NOT EXISTS sessions (sid TEXT PRIMARY KEY NOT NULL, sess TEXT NOT NULL, expires INTEGER NOT NULL)');
    this.db.exec('CREATE INDEX IF NOT EXISTS sessions_expires ON sessions (expires)');
    this.defaultTtlMs = options.defaultTtlMs ?? 24 * 60 * 60 * 1000;
    this.now = options.now ?? Date.now;
    this.statements = {
      get: this.db.prepare('SELECT sess FROM sessions WHERE sid = ? AND expires > ?'),
      set: this.db.prepare(
        'INSERT INTO sessions (sid, sess, expires) VALUES (?, ?, ?) ON CONFLICT (sid) DO UPDATE SET sess = excluded.sess, expires = excluded.expires',
      ),
      touch: this.db.prepare('UPDATE sessions SET expires = ? WHERE sid = ?'),
      destroy: this.db.prepare('DELETE FROM sessions WHERE sid = ?'),
      purge: this.db.prepare('DELETE FROM sessions WHERE expires <= ?'),
      length: this.db.prepare('SELECT COUNT(*) AS n FROM sessions WHERE expires > ?'),
      clear: this.db.prepare('DELETE FROM sessions'),
    };
    this.timer = setInterval(() => this.purgeExpired(), options.cleanupIntervalMs ?? 10 * 60 * 1000);
    this.timer.unref();
  }

  override get(sid: string, callback: Callback<SessionData | null>): void {
    this.run(callback, () => {
      const row = this.statements.get.get(sid, this.now());
      return row ? (JSON.parse(row.sess) as SessionData) : null;
    });
  }

  override set(sid: string, session: SessionData, callback?: Callback): void {
    this.run(callback, () => {
      this.statements.set.run(sid, JSON.stringify(session), this.expiryOf(session));
    });
  }

  override touch(sid: string, session: SessionData, callback?: Callback): void {
    this.run(callback, () => {
      this.statements.touch.run(this.expiryOf(session), sid);
    });
  }

  override destroy(sid: string, callback?: Callback): void {
    this.run(callback, () => {
      this.statements.destroy.run(sid);
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

  /** Deletes expired sessions now; also runs on a timer. Returns how many were deleted. */
  purgeExpired(): number {
    return this.statements.purge.run(this.now()).changes;
  }

  /** Stops the cleanup timer and closes the database. */
  close(): void {
    clearInterval(this.timer);
    if (this.db.open) this.db.close();
  }

  private expiryOf(session: SessionData): number {
    // Read as stored: a session that went through JSON has a string `expires`, or no cookie at all. (`expires` is
    // typed deprecated only because express-session wants `maxAge` in its options; stores keep the absolute time.)
    const expires = (session.cookie as StoredCookie | undefined)?.expires;
    if (expires) return new Date(expires).getTime();
    return this.now() + this.defaultTtlMs;
  }

  // better-sqlite3 is synchronous; express-session expects callbacks, and a throw (disk full, closed database)
  // must reach it as an error, not escape as an exception.
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
