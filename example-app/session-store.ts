import type { SessionBackend } from './config';
import { GuardedStore } from './guarded-store';
import { createRedisSessions } from './redis-session-store';
import { SqliteSessionStore } from './sqlite-session-store';

/** The session store the app runs on, and how to release it. */
export interface SessionStoreHandle {
  store: GuardedStore;
  /** `'sqlite'` or `'redis'`, for the start-up banner. */
  kind: SessionBackend['kind'];
  close(): Promise<void>;
}

/** Every store call ends within this time: longer, the request gets a 503 instead of hanging. */
export const STORE_TIMEOUT_MS = 3000;

/** Opens the configured store: SQLite by default (never MemoryStore), Redis when `REDIS_URL` is set. */
export function openSessionStore(backend: SessionBackend, log: (line: string) => void): SessionStoreHandle {
  if (backend.kind === 'redis') {
    const redis = createRedisSessions(backend.url, log);
    return { store: new GuardedStore(redis.store, STORE_TIMEOUT_MS), kind: 'redis', close: () => redis.close() };
  }
  const sqlite = new SqliteSessionStore({ file: backend.file });
  return {
    store: new GuardedStore(sqlite, STORE_TIMEOUT_MS),
    kind: 'sqlite',
    close: () => {
      sqlite.close();
      return Promise.resolve();
    },
  };
}
