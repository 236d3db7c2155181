import { Store, type SessionData } from 'express-session';
import { SessionDestroyedError } from './errors/session-destroyed-error';
import { SessionStoreUnavailableError } from './errors/session-store-unavailable-error';

type Callback = (err?: unknown, value?: unknown) => void;

/**
 * Wraps a session store so that every call ends within `timeoutMs`, and every failure reaches express-session as a
 * {@link SessionStoreUnavailableError} the app turns into a 503 (but a {@link SessionDestroyedError}, which is no
 * outage: the session was signed out). Without it a store that accepts a request and never
 * answers (a stalled Redis) would hang the request forever.
 */
export class GuardedStore extends Store {
  constructor(
    private readonly inner: Store,
    private readonly timeoutMs: number,
  ) {
    super();
  }

  override get(sid: string, callback: (err: unknown, session?: SessionData | null) => void): void {
    this.call('get', callback as Callback, (cb) => this.inner.get(sid, cb));
  }

  override set(sid: string, session: SessionData, callback?: (err?: unknown) => void): void {
    this.call('set', callback, (cb) => this.inner.set(sid, session, cb));
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.call('destroy', callback, (cb) => this.inner.destroy(sid, cb));
  }

  override touch(sid: string, session: SessionData, callback?: () => void): void {
    const touch = this.inner.touch?.bind(this.inner);
    if (!touch) {
      callback?.();
      return;
    }
    this.call('touch', callback, (cb) => touch(sid, session, cb));
  }

  /** Resolves when the store answers a read, rejects with {@link SessionStoreUnavailableError} otherwise. For `/healthz`. */
  ping(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.get('healthz-probe', (err) => (err ? reject(toUnavailable('get', err)) : resolve()));
    });
  }

  private call(operation: string, callback: Callback | undefined, work: (cb: Callback) => void): void {
    let done = false;
    const finish = (err?: unknown, value?: unknown): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err instanceof SessionDestroyedError) callback?.(err);
      else if (err) callback?.(toUnavailable(operation, err));
      else callback?.(undefined, value);
    };
    const timer = setTimeout(() => finish(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    try {
      work(finish);
    } catch (err) {
      finish(err);
    }
  }
}

/** `err` as a {@link SessionStoreUnavailableError} of `operation`, its message stripped of URLs (and so passwords). */
export function toUnavailable(operation: string, err: unknown): SessionStoreUnavailableError {
  if (err instanceof SessionStoreUnavailableError) return err;
  // Only the error's class and message: a store's error may carry its connection string, password included.
  const reason = err instanceof Error ? `${err.name}: ${redactUrls(err.message)}` : 'unknown error';
  return new SessionStoreUnavailableError(operation, reason);
}

function redactUrls(message: string): string {
  return message.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<url>');
}
