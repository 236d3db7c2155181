import type { EmulatorClock, ManualClock } from './types';

/** The wall clock. */
export const systemClock: EmulatorClock = { now: () => Date.now() };

/**
 * A clock that follows `source` plus an offset tests can move, so time keeps flowing (keep-alive timers and
 * delays still behave) while codes and tokens can be aged by minutes or months at once.
 */
export function createManualClock(source: EmulatorClock = systemClock): ManualClock {
  let offset = 0;
  return {
    now: () => source.now() + offset,
    advance(ms: number) {
      if (!Number.isFinite(ms)) throw new TypeError(`clock.advance(ms) needs a finite number of milliseconds, got ${ms}`);
      offset += ms;
    },
    set(ms: number) {
      if (!Number.isFinite(ms)) throw new TypeError(`clock.set(ms) needs a finite epoch time in milliseconds, got ${ms}`);
      offset = ms - source.now();
    },
  };
}

/** Whole seconds since the epoch, the unit of league/oauth2-server's `expire_time` and of JWT claims. */
export function seconds(clock: EmulatorClock): number {
  return Math.floor(clock.now() / 1000);
}
