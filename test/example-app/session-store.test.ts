import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionData } from 'express-session';
import { GuardedStore } from '../../example-app/guarded-store';
import { openSessionStore } from '../../example-app/session-store';
import { TokenSealer } from '../../example-app/token-sealer';
import { asError } from '../helpers/errors';
import { SessionStoreUnavailableError } from '../../example-app/errors/session-store-unavailable-error';

describe('openSessionStore', () => {
  test('by default opens a guarded SQLite store whose failures after close are SessionStoreUnavailableError', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-store-'));
    try {
      const handle = openSessionStore({ kind: 'sqlite', file: join(dir, 's.sqlite') }, () => undefined, new TokenSealer(['x'.repeat(32)]));
      expect(handle.kind).toBe('sqlite');
      expect(handle.store).toBeInstanceOf(GuardedStore);
      const session = { cookie: { expires: new Date(Date.now() + 60_000) } } as unknown as SessionData;
      await new Promise<void>((resolve, reject) => handle.store.set('sid', session, (err) => (err ? reject(asError(err)) : resolve())));
      await expect(handle.store.ping()).resolves.toBeUndefined();
      await handle.close();
      await expect(handle.store.ping()).rejects.toBeInstanceOf(SessionStoreUnavailableError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
