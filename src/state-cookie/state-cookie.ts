import { randomBytes } from 'node:crypto';
import { readCookies, serializeCookie, type CookieAttributes } from './cookie-header';
import { Sealer } from './sealer';

/** Prefix of the sealed state cookies' names: each pending sign-in has a cookie of its own. */
export const STATE_COOKIE_NAME = 'worksection_oauth_state';
/** Lifetime of a pending sign-in, in seconds: the lifetime of Worksection's authorization codes (10 minutes). */
export const STATE_MAX_AGE = 600;
/** How many used states a {@link StateCookie} remembers until they expire, so that a kept copy of a cookie cannot be replayed. */
const MAX_USED_STATES = 10_000;

/** What is sealed in a state cookie: the state, the PKCE verifier (or null), the expiry in ms since the epoch. */
type Pending = [state: string, verifier: string | null, expiresAt: number];

/** What {@link StateCookie.issue} made: the state to send to Worksection and the cookie that remembers it. */
export interface IssuedState {
  state: string;
  /** The `Set-Cookie` header value to send with the redirect to Worksection. */
  setCookie: string;
}

/** What {@link StateCookie.check} found. Every state cookie the request carried is cleared: send `setCookies`. */
export type CheckedState =
  | { ok: true; codeVerifier: string | undefined; setCookies: string[] }
  | { ok: false; reason: 'no-state' | 'no-cookie' | 'unknown-state' | 'expired' | 'used'; setCookies: string[] };

/** Options of {@link StateCookie}. */
export interface StateCookieOptions {
  /** Secrets the cookies are sealed with, newest first (the client secret, or the `stateSecret` option). */
  secrets: readonly string[];
  /** The clock, in ms since the epoch. Default `Date.now()`. */
  now?: () => number;
}

/**
 * The OAuth state kept in the browser instead of on the server: a short-lived cookie per pending sign-in, sealed
 * with AES-256-GCM, holding its state and PKCE verifier. Framework-free: it reads a `Cookie` header and returns
 * `Set-Cookie` values. Each cookie is HttpOnly, SameSite=Lax (Worksection sends the user back with a top-level
 * GET), Secure when the callback URL is https, limited to the callback's path, and lives {@link STATE_MAX_AGE}
 * seconds. A cookie per sign-in, because the start route cannot read a cookie limited to the callback's path:
 * a sign-in started in a second tab must not overwrite the first one's.
 *
 * The callback clears every state cookie it receives. A copy of a cookie kept by someone else is refused too
 * while its state could still be valid, by a bounded memory of the states used (one entry per completed
 * callback, never one per visitor).
 */
export class StateCookie {
  private readonly sealer: Sealer;
  private readonly now: () => number;
  /** Used states and when they expire, oldest first. */
  private readonly used = new Map<string, number>();
  private lastScope: (CookieScope & { callbackURL: string }) | undefined;

  constructor(options: StateCookieOptions) {
    this.sealer = new Sealer(options.secrets);
    this.now = options.now ?? (() => Date.now());
  }

  /** Starts a sign-in: a fresh state, in a cookie of its own. */
  issue(callbackURL: string, codeVerifier?: string): IssuedState {
    // One draw for the state, the cookie's name and the IV: this runs on every sign-in.
    const random = randomBytes(42);
    const state = random.toString('base64url', 0, 24);
    const pending: Pending = [state, codeVerifier ?? null, this.now() + STATE_MAX_AGE * 1000];
    const name = `${STATE_COOKIE_NAME}_${random.toString('base64url', 24, 30)}`;
    const sealed = this.sealer.seal(JSON.stringify(pending), random.subarray(30, 42));
    const setCookie = serializeCookie(name, sealed, { ...this.scope(callbackURL), maxAge: STATE_MAX_AGE });
    return { state, setCookie };
  }

  /** Completes a sign-in: whether `state` is one this browser started, has not expired and was not used. */
  check(cookieHeader: string | readonly string[] | undefined, state: unknown, callbackURL: string): CheckedState {
    const cookies = readCookies(cookieHeader, `${STATE_COOKIE_NAME}_`);
    const cleared = { ...this.scope(callbackURL), maxAge: 0 };
    const setCookies = [...cookies.keys()].map((name) => serializeCookie(name, '', cleared));
    if (typeof state !== 'string' || state === '') return { ok: false, reason: 'no-state', setCookies };
    if (cookies.size === 0) return { ok: false, reason: 'no-cookie', setCookies };
    const entry = [...cookies.values()].map((value) => this.unseal(value)).find((pending) => pending?.[0] === state);
    if (entry === undefined) return { ok: false, reason: 'unknown-state', setCookies };
    const now = this.now();
    if (entry[2] <= now) return { ok: false, reason: 'expired', setCookies };
    this.forgetExpired(now);
    if (this.used.has(state)) return { ok: false, reason: 'used', setCookies };
    this.used.set(state, entry[2]);
    if (this.used.size > MAX_USED_STATES) this.used.delete(this.used.keys().next().value as string);
    return { ok: true, codeVerifier: entry[1] ?? undefined, setCookies };
  }

  /** Where the cookies of `callbackURL` live. The last answer is kept: an app has one callback URL, or a few. */
  private scope(callbackURL: string): CookieScope {
    if (this.lastScope?.callbackURL !== callbackURL) this.lastScope = { callbackURL, ...cookieScope(callbackURL) };
    return this.lastScope;
  }

  private unseal(value: string): Pending | undefined {
    const text = this.sealer.unseal(value);
    if (text === undefined) return undefined;
    const pending: unknown = JSON.parse(text);
    return isPending(pending) ? pending : undefined;
  }

  private forgetExpired(now: number): void {
    for (const [state, expiresAt] of this.used) {
      if (expiresAt > now) break;
      this.used.delete(state);
    }
  }
}

function isPending(value: unknown): value is Pending {
  return (
    Array.isArray(value) &&
    value.length === 3 &&
    typeof value[0] === 'string' &&
    (value[1] === null || typeof value[1] === 'string') &&
    typeof value[2] === 'number'
  );
}

type CookieScope = Pick<CookieAttributes, 'path' | 'secure'>;

function cookieScope(callbackURL: string): CookieScope {
  let url: URL;
  try {
    url = new URL(callbackURL);
  } catch {
    // A callback URL resolved against a malformed Host header: the whole site, and never over plain http.
    return { path: '/', secure: true };
  }
  // A path is percent-encoded already, but may still hold the cookie syntax's own separators.
  const path = url.pathname.replace(/[;,\s]/g, (c) => encodeURIComponent(c));
  return { path, secure: url.protocol === 'https:' };
}
