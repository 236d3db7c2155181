import type { RequestHandler } from 'express';

/** How many sign-in requests (starts and callbacks together) the app takes per window. */
export interface SignInLimits {
  /** From one client IP (`req.ip`: behind a proxy, set `TRUST_PROXY`). Default 30. */
  perIp: number;
  /** From everyone together. Default 600. */
  global: number;
  /** The window, in milliseconds. Default 60000. */
  windowMs: number;
}

/** The defaults: generous for people, far below what would get the app's client id throttled by Worksection. */
export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { perIp: 30, global: 600, windowMs: 60_000 };

/**
 * Counts sign-in requests per client IP and in all, in fixed windows. Every callback makes a client-authenticated
 * token request to Worksection, which may throttle the app's client id for every user: anonymous visitors must not
 * be able to send it a thousand. Memory is bounded: an IP is counted only while the global count allows its
 * request, so at most `global` IPs are held, and all of them are forgotten when the window ends.
 */
export class SignInLimiter {
  private readonly counts = new Map<string, number>();
  private total = 0;
  private windowEnd = -Infinity;

  constructor(
    readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a request from `ip`: 0 when it may go on, else the milliseconds until the window ends. */
  take(ip: string): number {
    const now = this.now();
    if (now >= this.windowEnd) {
      this.counts.clear();
      this.total = 0;
      this.windowEnd = now + this.limits.windowMs;
    }
    const mine = this.counts.get(ip) ?? 0;
    if (this.total >= this.limits.global || mine >= this.limits.perIp) return this.windowEnd - now;
    this.counts.set(ip, mine + 1);
    this.total++;
    return 0;
  }

  /** How many IPs are counted now. */
  get size(): number {
    return this.counts.size;
  }
}

/** Answers 429 Too Many Requests, with `Retry-After`, to a sign-in request over `limiter`'s limits. */
export function limitSignIns(limiter: SignInLimiter): RequestHandler {
  return (req, res, next) => {
    const wait = limiter.take(req.ip ?? '');
    if (wait === 0) {
      next();
      return;
    }
    res
      .status(429)
      .set('Retry-After', String(Math.max(1, Math.ceil(wait / 1000))))
      .set('Cache-Control', 'no-store')
      .type('text/plain')
      .send('Too many sign-in attempts. Try again in a minute.');
  };
}
