import type { SessionBackend } from './config';
import { GuardedStore } from './guarded-store';
import { createRedisSessions } from './redis-sessions';
import { SealedTokensStore } from './sealed-tokens-store';
import { SqliteSessionStore } from './sqlite-session-store';
import type { TokenSealer } from './token-sealer';
import { SessionStoreOpenError } from './errors/session-store-open-error';

/** The session store the app runs on, and how to release it. */
export interface SessionStoreHandle {
  store: GuardedStore;
  /** `'sqlite'` or `'redis'`, for the start-up banner. */
  kind: SessionBackend['kind'];
  /** Resolves once the store can be used; rejects when it cannot be reached at start-up (Redis). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** Every store call ends within this time by default: longer, the request gets a 503 instead of hanging. */
export const STORE_TIMEOUT_MS = 3000;

/**
 * Opens the configured store: SQLite by default (never MemoryStore), Redis when `REDIS_URL` is set. Either way the
 * tokens in a session reach it sealed by `sealer`. Every store call fails after `timeoutMs` (a 503).
 */
export function openSessionStore(
  backend: SessionBackend,
  log: (line: string) => void,
  sealer: TokenSealer,
  timeoutMs: number = STORE_TIMEOUT_MS,
): SessionStoreHandle {
  if (backend.kind === 'redis') {
    const redis = createRedisSessions(backend.url, log, { timeoutMs });
    return {
      store: new GuardedStore(new SealedTokensStore(redis.store, sealer), timeoutMs),
      kind: 'redis',
      ready: () => redis.ready(),
      close: () => redis.close(),
    };
  }
  let sqlite: SqliteSessionStore;
  try {
    sqlite = new SqliteSessionStore({ file: backend.file, log });
  } catch (err) {
    // better-sqlite3's words ("file is not a database", "unable to open database file") and the file they concern.
    const reason = err instanceof Error ? err.message : String(err);
    throw new SessionStoreOpenError(
      `SESSION_DB ${backend.file} cannot be used as a SQLite database (${reason}): fix or remove it, or set SESSION_DB to another file.`,
    );
  }
  return {
    store: new GuardedStore(new SealedTokensStore(sqlite, sealer), timeoutMs),
    kind: 'sqlite',
    ready: () => Promise.resolve(),
    close: () => sqlite.close(),
  };
}
