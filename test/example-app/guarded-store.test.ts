import { MemoryStore, Store, type SessionData } from 'express-session';
import { GuardedStore } from '../../example-app/guarded-store';
import { SessionDestroyedError } from '../../example-app/errors/session-destroyed-error';
import { SessionStoreUnavailableError } from '../../example-app/errors/session-store-unavailable-error';

/** A store that accepts calls and never answers, like a Redis that stalls with the connection open. */
class SilentStore extends Store {
  override get(_sid: string, _cb: (err: unknown) => void): void {}
  override set(_sid: string, _s: SessionData, _cb?: (err?: unknown) => void): void {}
  override destroy(_sid: string, _cb?: (err?: unknown) => void): void {}
}

/** A store whose every call fails with `error`. */
class FailingStore extends Store {
  constructor(private readonly error: Error) {
    super();
  }
  override get(_sid: string, cb: (err: unknown) => void): void {
    cb(this.error);
  }
  override set(_sid: string, _s: SessionData, cb?: (err?: unknown) => void): void {
    cb?.(this.error);
  }
  override destroy(_sid: string, cb?: (err?: unknown) => void): void {
    cb?.(this.error);
  }
}

describe('GuardedStore', () => {
  test('a store that never answers ends in SessionStoreUnavailableError after the timeout', async () => {
    const store = new GuardedStore(new SilentStore(), 50);
    const started = Date.now();
    const err = await new Promise((resolve) => store.get('sid', resolve));
    expect(err).toBeInstanceOf(SessionStoreUnavailableError);
    expect((err as Error).message).toMatch(/get: Error: no answer within 50 ms/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test("a store's error becomes SessionStoreUnavailableError without any URL it carried", async () => {
    const store = new GuardedStore(new FailingStore(new Error('connect to redis://:hunter2@cache:6379 failed')), 1000);
    const err = (await new Promise<unknown>((resolve) => store.set('sid', {} as SessionData, (e) => resolve(e)))) as Error;
    expect(err).toBeInstanceOf(SessionStoreUnavailableError);
    expect(err.message).not.toContain('hunter2');
    expect(err.message).toContain('<url>');
  });

  test('a refused write to a destroyed session stays a SessionDestroyedError (a sign-out, not a 503)', async () => {
    const store = new GuardedStore(new FailingStore(new SessionDestroyedError()), 1000);
    const err = await new Promise<unknown>((resolve) => store.set('sid', {} as SessionData, (e) => resolve(e)));
    expect(err).toBeInstanceOf(SessionDestroyedError);
  });

  test('ping rejects while the store fails and resolves when it answers', async () => {
    await expect(new GuardedStore(new FailingStore(new Error('down')), 1000).ping()).rejects.toBeInstanceOf(SessionStoreUnavailableError);
    const memory = new MemoryStore();
    await expect(new GuardedStore(memory, 1000).ping()).resolves.toBeUndefined();
  });

  test('a late answer after the timeout is ignored: the callback runs once', async () => {
    let late: ((err?: unknown) => void) | undefined;
    class SlowStore extends SilentStore {
      override destroy(_sid: string, cb?: (err?: unknown) => void): void {
        late = cb;
      }
    }
    const calls: unknown[] = [];
    new GuardedStore(new SlowStore(), 20).destroy('sid', (err) => calls.push(err));
    // The guard's 20 ms timer answers first; then the store's late answer comes.
    while (calls.length === 0) await new Promise((r) => setTimeout(r, 5));
    late?.();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toBeInstanceOf(SessionStoreUnavailableError);
  });
});
