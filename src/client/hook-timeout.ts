import { WorksectionTimeoutError } from '../errors/timeout-error';

/**
 * @internal
 * Runs the app's hook `hook` (onTokens, loadTokens, lock), settling as it does, or rejecting with a
 * {@link WorksectionTimeoutError} naming it once `timeout` ms have passed: a hook that never settles must not hold
 * the client's refresh, and with it every later call, forever. A hook that throws synchronously rejects.
 */
export function withinTimeout<T>(hook: string, timeout: number, run: () => T | PromiseLike<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(hookTimedOut(hook, timeout)), timeout);
  });
  // race() handles a rejection of the loser: a hook that fails after its deadline is no unhandled rejection.
  return Promise.race([Promise.resolve().then(run), deadline]).finally(() => clearTimeout(timer));
}

/** @internal The error of a hook that did not settle within the client's `timeout`. */
export function hookTimedOut(hook: string, timeout: number): WorksectionTimeoutError {
  const duty =
    hook === 'lock' ? 'A lock must call fn once it holds the lock, and settle once fn has' : `The ${hook} function must resolve or reject`;
  return new WorksectionTimeoutError(
    `The ${hook} option did not settle within ${timeout} ms (the client's timeout option), so the call was given up; ` +
      `the next call tries again. ${duty}: check your storage, or raise the timeout option.`,
    timeout,
  );
}
