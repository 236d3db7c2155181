import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CookieOptions, Request, Response } from 'express';
import { safeReturnTo } from './return-to';

/** The cookie that carries `returnTo` from the start of a sign-in to its callback. */
export const RETURN_TO_COOKIE = 'ws-example.return-to';

/** Where the browser sends it: the start route and, below it, the callback. No other page sees it. */
export const RETURN_TO_COOKIE_PATH = '/auth/worksection';

/**
 * `returnTo` between the start of a sign-in and its callback, without a session: a short-lived cookie, HttpOnly,
 * SameSite=Lax (Worksection sends the user back with a top-level GET), Secure in production and over HTTPS, signed
 * with an HMAC keyed on the session secret, holding the path and its expiry. The callback takes it (and clears it)
 * and checks the path again before redirecting.
 *
 * One cookie, not one per sign-in: when two tabs start a sign-in, both land where the later one asked to.
 * Harmless, since either is a path of this site the user asked for.
 */
export class ReturnToCookie {
  private readonly signingKey: Buffer;
  private readonly keys: Buffer[];
  private readonly alwaysSecure: boolean;
  private readonly now: () => number;

  /**
   * @param secrets the session secret, or the session secrets newest first: a key of its own is derived from each,
   *   so this cookie's signature is never one of the session cookie's. The newest signs; every one verifies, so a
   *   sign-in started before a secret rotation still lands where it asked to.
   * @param maxAgeMs how long a sign-in may take, in ms.
   * @param options `secure`: always mark the cookie Secure (production), not only on requests that came over HTTPS;
   *   `now`: the clock, for tests.
   */
  constructor(
    secrets: string | readonly string[],
    private readonly maxAgeMs: number,
    options: { secure?: boolean; now?: () => number } = {},
  ) {
    const [newest, ...older] = (typeof secrets === 'string' ? [secrets] : secrets).map((secret) =>
      createHmac('sha256', secret).update('ws-example return-to cookie v1').digest(),
    );
    if (!newest) throw new TypeError('ReturnToCookie needs at least one secret.');
    this.signingKey = newest;
    this.keys = [newest, ...older];
    this.alwaysSecure = options.secure ?? false;
    this.now = options.now ?? Date.now;
  }

  /** At the start of a sign-in: remembers `returnTo`, or forgets the one an earlier sign-in left. */
  remember(req: Request, res: Response, returnTo: string | undefined): void {
    if (returnTo === undefined) {
      if (readCookie(req, RETURN_TO_COOKIE) !== undefined) res.clearCookie(RETURN_TO_COOKIE, this.attributes(req));
      return;
    }
    const payload = Buffer.from(JSON.stringify([returnTo, this.now() + this.maxAgeMs])).toString('base64url');
    res.cookie(RETURN_TO_COOKIE, `${payload}.${this.mac(payload, this.signingKey)}`, { ...this.attributes(req), maxAge: this.maxAgeMs });
  }

  /**
   * At the callback: the path the sign-in was started with, when the cookie is this app's, unexpired and the path
   * still safe; otherwise undefined. The cookie is cleared either way.
   */
  take(req: Request, res: Response): string | undefined {
    const value = readCookie(req, RETURN_TO_COOKIE);
    if (value === undefined) return undefined;
    res.clearCookie(RETURN_TO_COOKIE, this.attributes(req));
    const [payload, mac, ...rest] = value.split('.');
    if (payload === undefined || mac === undefined || rest.length > 0 || !this.sameMac(payload, mac)) return undefined;
    let content: unknown;
    try {
      content = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    if (!Array.isArray(content) || content.length !== 2) return undefined;
    const [returnTo, expiresAt] = content as [unknown, unknown];
    if (typeof expiresAt !== 'number' || expiresAt <= this.now()) return undefined;
    return safeReturnTo(returnTo);
  }

  private attributes(req: Request): CookieOptions {
    // Secure exactly when the session cookie is: always in production, else over HTTPS (directly or via a trusted proxy).
    return { path: RETURN_TO_COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure: this.alwaysSecure || req.secure };
  }

  private mac(payload: string, key: Buffer): string {
    return createHmac('sha256', key).update(payload).digest('base64url');
  }

  private sameMac(payload: string, mac: string): boolean {
    const given = Buffer.from(mac);
    // Every key is tried, matched or not, so the time taken does not tell which secret signed the cookie.
    let matched = false;
    for (const key of this.keys) {
      const expected = Buffer.from(this.mac(payload, key));
      if (expected.length === given.length && timingSafeEqual(expected, given)) matched = true;
    }
    return matched;
  }
}

/** The value of the first cookie called `name` in the request's Cookie header, or undefined. */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (header === undefined) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) {
      const value = pair.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return undefined;
}
