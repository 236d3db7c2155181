/** Default of the client's `minInterval` option: Worksection allows about one request per second per account. */
export const DEFAULT_MIN_INTERVAL = 1000;

/** Per key: resolves to the earliest time the next call may start; `next` once known. */
interface Tail {
  ready: Promise<number>;
  next?: number;
}

/**
 * Spaces calls per key (an account URL): each call starts at least `interval` ms after the previous call
 * with that key actually started. A queue, not a limiter that drops: every call runs, in the order it was
 * scheduled, whether the one before it resolved or rejected.
 *
 * Worksection's rate limit is per account, so every client shares {@link defaultCallSpacer} unless given its own
 * (`spacer` option): give clients that must not wait for each other (tests, separate processes' worth of
 * budget) a spacer of their own.
 */
export class CallSpacer {
  private readonly tails = new Map<string, Tail>();

  /** @param now - the clock, in milliseconds (default `performance.now()`) */
  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Runs `fn` once its turn has come; resolves or rejects as `fn` does. */
  schedule<T>(key: string, interval: number, fn: () => Promise<T>): Promise<T> {
    let release!: (next: number) => void;
    const tail: Tail = { ready: new Promise<number>((resolve) => (release = resolve)) };
    const previous = this.tails.get(key)?.ready ?? Promise.resolve(-Infinity);
    this.tails.set(key, tail);
    this.forgetIdle();
    return previous.then(async (earliest) => {
      await this.waitUntil(earliest);
      // Measured right before fn runs, so the spacing holds between actual starts, not between reservations.
      const start = this.now();
      tail.next = start + interval;
      release(tail.next);
      return fn();
    });
  }

  private async waitUntil(time: number): Promise<void> {
    // Timers may fire a fraction of a millisecond early against performance.now(): wait again if so.
    for (let left = time - this.now(); left > 0; left = time - this.now()) {
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(left)));
    }
  }

  /** Keys with nothing queued and whose spacing has passed need no memory: one entry per busy account. */
  private forgetIdle(): void {
    if (this.tails.size < 1000) return;
    const now = this.now();
    for (const [key, tail] of this.tails) if (tail.next !== undefined && tail.next <= now) this.tails.delete(key);
  }
}

/** The spacer every {@link WorksectionClient} without a `spacer` option shares, so clients made per request still space one account's calls. */
export const defaultCallSpacer = new CallSpacer();
