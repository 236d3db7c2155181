import { toUnavailable } from './guarded-store';
import { SessionStoreUnavailableError } from './errors/session-store-unavailable-error';

/**
 * Runs one Redis call, rejecting with a {@link SessionStoreUnavailableError} (a 503) when it fails or has not
 * answered within `timeoutMs`. node-redis has no such bound itself: its command `timeout` stops counting once the
 * command is written, so a stalled Redis (paused, or a network that drops packets) would hold the call forever.
 * The command itself stays queued on its connection until Redis answers or the connection drops.
 */
export function redisCall<T>(operation: string, timeoutMs: number, call: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new SessionStoreUnavailableError(operation, `no answer within ${timeoutMs} ms`)), timeoutMs);
    call().then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(toUnavailable(operation, err));
      },
    );
  });
}
