import { WorksectionRateLimitError } from '../errors/rate-limit-error';

/** Default of the client's `minInterval` option: Worksection allows about one request per second per account. */
export const DEFAULT_MIN_INTERVAL = 1000;
/** Default of the client's `maxQueueWait` option: how long a call may wait for its turn, in milliseconds. */
export const DEFAULT_MAX_QUEUE_WAIT = 30_000;

/** How one call is scheduled, besides its key and interval. */
export interface ScheduleOptions {
  /**
   * Longest wait for the call's turn, in milliseconds. A call whose turn would come later is not queued: it rejects
   * at once with a {@link WorksectionRateLimitError}. Default: no limit.
   */
  maxWait?: number;
  /** Takes the call out of the queue when aborted: `fn` never runs, and the call rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** A call waiting for its turn. */
interface Waiting {
  interval: number;
  /** Starts the call; `started` is called right before the call's function runs. */
  run: (started: () => void) => void;
}

/** Per key: when the next call may start, and the calls waiting, in order. */
interface Lane {
  /** The earliest start of the next call: the last start plus that call's interval. */
  next: number;
  queue: Waiting[];
  timer: NodeJS.Timeout | undefined;
}

/**
 * Spaces calls per key (an account URL): each call starts at least `interval` ms after the previous call
 * with that key actually started. A queue, not a limiter that drops: every call runs, in the order it was
 * scheduled, whether the one before it resolved or rejected — unless its signal takes it out of the queue (the
 * calls behind it move up) or its turn would come later than its `maxWait`.
 *
 * Worksection's rate limit is per account, so every client shares {@link defaultCallSpacer} unless given its own
 * (`spacer` option): give clients that must not wait for each other (tests, separate processes' worth of
 * budget) a spacer of their own.
 */
export class CallSpacer {
  private readonly lanes = new Map<string, Lane>();

  /** @param now - the clock, in milliseconds (default `performance.now()`) */
  constructor(private readonly now: () => number = () => performance.now()) {}

  /**
   * Runs `fn` once its turn has come; resolves or rejects as `fn` does. Rejects without running `fn` when
   * `options.signal` is aborted first (with its reason), or at once when the turn would come later than
   * `options.maxWait` (with a {@link WorksectionRateLimitError} whose `retryAfter` is that wait).
   */
  schedule<T>(key: string, interval: number, fn: () => Promise<T>, options: ScheduleOptions = {}): Promise<T> {
    const { signal, maxWait = Infinity } = options;
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    this.forgetIdle();
    let lane = this.lanes.get(key);
    if (lane === undefined) {
      lane = { next: -Infinity, queue: [], timer: undefined };
      this.lanes.set(key, lane);
    }
    const wait = this.waitFor(lane);
    if (wait > maxWait) {
      const retryAfter = Math.ceil(wait);
      return Promise.reject(
        new WorksectionRateLimitError(
          `The call to ${key} would wait ${retryAfter} ms for its turn (calls to one account are spaced to respect ` +
            `Worksection's rate limit), more than the maxQueueWait option allows (${maxWait} ms); it was not sent. ` +
            'Try again later, make fewer calls, or raise maxQueueWait.',
          retryAfter,
        ),
      );
    }
    const queued = lane;
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        const at = queued.queue.indexOf(entry);
        if (at === -1) return;
        // Leaves the queue: the calls behind it move up, as the spacing counts from actual starts only.
        queued.queue.splice(at, 1);
        if (queued.queue.length === 0) {
          clearTimeout(queued.timer);
          queued.timer = undefined;
        }
        reject(signal?.reason as Error);
      };
      const entry: Waiting = {
        interval,
        run: (started) => {
          signal?.removeEventListener('abort', onAbort);
          // In a job of its own: a call that throws synchronously rejects rather than breaking the queue's timer.
          Promise.resolve()
            .then(() => {
              started();
              return fn();
            })
            .then(resolve, reject);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queued.queue.push(entry);
      this.pump(queued);
    });
  }

  /** How long a call scheduled now with `lane` would wait: until the next start, plus the intervals of those ahead. */
  private waitFor(lane: Lane): number {
    const now = this.now();
    let start = Math.max(now, lane.next);
    for (const waiting of lane.queue) start += waiting.interval;
    return start - now;
  }

  /** Starts the first call of `lane` if its turn has come, else sets a timer for it. */
  private pump(lane: Lane): void {
    if (lane.timer !== undefined) return;
    const first = lane.queue[0];
    if (first === undefined) return;
    const left = lane.next - this.now();
    if (left > 0) {
      // Timers may fire a fraction of a millisecond early against performance.now(): pump checks again.
      lane.timer = setTimeout(() => {
        lane.timer = undefined;
        this.pump(lane);
      }, Math.ceil(left));
      return;
    }
    lane.queue.shift();
    // Reserved now, so that the pump below does not start the next call too; moved to the call's actual start when
    // its function runs (a job later, after whatever the event loop had queued), so that the spacing holds between
    // actual starts, as the server counts them.
    lane.next = this.now() + first.interval;
    first.run(() => {
      lane.next = Math.max(lane.next, this.now() + first.interval);
    });
    this.pump(lane);
  }

  /** Keys with nothing queued and whose spacing has passed need no memory: one entry per busy account. */
  private forgetIdle(): void {
    if (this.lanes.size < 1000) return;
    const now = this.now();
    for (const [key, lane] of this.lanes) if (lane.queue.length === 0 && lane.next <= now) this.lanes.delete(key);
  }
}

/** The spacer every {@link WorksectionClient} without a `spacer` option shares, so clients made per request still space one account's calls. */
export const defaultCallSpacer = new CallSpacer();
