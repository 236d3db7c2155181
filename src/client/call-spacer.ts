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
  /**
   * Who makes the call (a user, a session, a grant): the calls of one key are served in turn between callers, one
   * call of each caller that has calls waiting per round (a caller with nothing waiting first), so that one caller's
   * many calls cannot push another's past its `maxWait`. Calls of one caller keep their order. Default: one caller.
   */
  caller?: string;
}

/** A call waiting for its turn. */
interface Waiting {
  interval: number;
  caller: string;
  /** Starts the call; `started` is called right before the call's function runs. */
  run: (started: () => void) => void;
}

/** Per key: when the next call may start, and the calls waiting, per caller, callers in the order of their next turn. */
interface Lane {
  /** The earliest start of the next call: the last start plus that call's interval. */
  next: number;
  /** Callers with calls waiting, each with its calls in order; a Map keeps the callers in round-robin order. */
  callers: Map<string, Waiting[]>;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Spaces calls per key (an account URL): each call starts at least `interval` ms after the previous call
 * with that key actually started. A queue, not a limiter that drops: every call runs, whether the one before it
 * resolved or rejected — unless its signal takes it out of the queue (the calls behind it move up) or its turn would
 * come later than its `maxWait`. Callers (`caller` option) take turns, round-robin; one caller's calls run in the
 * order they were scheduled.
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
    const { signal, maxWait = Infinity, caller = '' } = options;
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    this.forgetIdle();
    let lane = this.lanes.get(key);
    if (lane === undefined) {
      lane = { next: -Infinity, callers: new Map(), timer: undefined };
      this.lanes.set(key, lane);
    }
    const wait = this.waitFor(lane, caller);
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
        const calls = queued.callers.get(caller);
        const at = calls?.indexOf(entry) ?? -1;
        if (calls === undefined || at === -1) return;
        // Leaves the queue: the calls behind it move up, as the spacing counts from actual starts only.
        calls.splice(at, 1);
        if (calls.length === 0) queued.callers.delete(caller);
        if (queued.callers.size === 0) {
          clearTimeout(queued.timer);
          queued.timer = undefined;
        }
        reject(signal?.reason as Error);
      };
      const entry: Waiting = {
        interval,
        caller,
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
      const calls = queued.callers.get(caller);
      if (calls === undefined) {
        // A caller with nothing waiting goes first: one call at a time never waits behind another's backlog.
        const rest = [...queued.callers];
        queued.callers.clear();
        queued.callers.set(caller, [entry]);
        for (const [other, waiting] of rest) queued.callers.set(other, waiting);
      } else calls.push(entry);
      this.pump(queued);
    });
  }

  /**
   * How long a call of `caller` scheduled now with `lane` would wait: until the next start, plus the intervals of
   * the calls served before it. A caller with nothing waiting is served next. Otherwise each round serves one call of
   * each caller with calls waiting, so before its k+1-th call come its own k, and up to k+1 of each caller ahead of it
   * in the round (k of each behind it). Callers arriving later go first, so this is the least it will wait.
   */
  private waitFor(lane: Lane, caller: string): number {
    const now = this.now();
    let start = Math.max(now, lane.next);
    const own = lane.callers.get(caller);
    if (own !== undefined) {
      const rounds = own.length;
      let ahead = true;
      for (const [other, calls] of lane.callers) {
        if (other === caller) ahead = false;
        const served = other === caller ? rounds : Math.min(calls.length, ahead ? rounds + 1 : rounds);
        for (const waiting of calls.slice(0, served)) start += waiting.interval;
      }
    }
    return start - now;
  }

  /** Starts the first call of `lane` if its turn has come, else sets a timer for it. */
  private pump(lane: Lane): void {
    if (lane.timer !== undefined) return;
    const turn = lane.callers.entries().next();
    if (turn.done === true) return;
    const [caller, calls] = turn.value;
    const first = calls[0];
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
    calls.shift();
    // The caller goes to the end of the round (a Map keeps insertion order), or leaves it with nothing left.
    lane.callers.delete(caller);
    if (calls.length > 0) lane.callers.set(caller, calls);
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
    for (const [key, lane] of this.lanes) if (lane.callers.size === 0 && lane.next <= now) this.lanes.delete(key);
  }
}

/** The spacer every {@link WorksectionClient} without a `spacer` option shares, so clients made per request still space one account's calls. */
export const defaultCallSpacer = new CallSpacer();
