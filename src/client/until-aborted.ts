/**
 * @internal
 * Settles as `work` does, or rejects with `signal`'s reason as soon as it is aborted (`work` goes on for the others
 * who wait for it, e.g. a shared refresh). Takes as many promise jobs with a signal as without one, so that calls
 * made one after the other reach the account's queue in that order, whether or not they carry a signal.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal !== undefined) {
      const onAbort = (): void => reject(signal.reason as Error);
      if (signal.aborted) onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      const forget = (): void => signal.removeEventListener('abort', onAbort);
      work.then(forget, forget);
    }
    work.then(resolve, reject);
  });
}
