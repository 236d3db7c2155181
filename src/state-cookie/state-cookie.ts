import { randomBytesPooled } from '../shared/random-pool';
import { readCookies, serializeCookie, type CookieAttributes } from './cookie-header';
import { Sealer } from './sealer';

/**
 * Prefix of the sealed state cookies' names: each pending sign-in has a cookie of its own, named
 * `worksection_oauth_state_<id>`, or `__Host-worksection_oauth_state_<id>` for an https callback.
 */
export const STATE_COOKIE_NAME = 'worksection_oauth_state';
/** Lifetime of a pending sign-in, in seconds: the lifetime of Worksection's authorization codes (10 minutes). */
export const STATE_MAX_AGE = 600;
/**
 * The most sign-ins one browser keeps pending on an https callback: starting one more drops the oldest. More tabs
 * than anyone signs in from at once, few enough that the `Cookie` header stays under 4 KB (a cookie is about 220
 * bytes). On a plain-http callback the start cannot see the cookies (they are limited to the callback's path), so
 * they are bounded only by their {@link STATE_MAX_AGE}.
 */
export const MAX_PENDING_SIGN_INS = 16;
/**
 * How many used states a {@link StateCookie} remembers until they expire, so that a kept copy of a cookie cannot be
 * replayed: about 170 bytes each once the memory has turned over (measured, `bench/soak.ts`), 1.7 MB when full.
 */
const MAX_USED_STATES = 10_000;
/** How many of a request's other state cookies are unsealed to find expired ones: a bound on the work a request can ask for. */
const MAX_EXAMINED = 4 * MAX_PENDING_SIGN_INS;
/** Characters of the state that name its cookie: a callback finds its cookie by name, among any number. */
const ID_LENGTH = 8;
const STATE_PATTERN = /^[\w-]{32}$/;

/** What is sealed in a state cookie: the state, the PKCE verifier (or null), the expiry in ms since the epoch. */
type Pending = [state: string, verifier: string | null, expiresAt: number];

/** What {@link StateCookie.issue} made: the state to send to Worksection and the cookie that remembers it. */
export interface IssuedState {
  state: string;
  /** The `Set-Cookie` header value of the new state cookie. */
  setCookie: string;
  /**
   * Every `Set-Cookie` value to send with the redirect to Worksection: the new cookie, and the clearing of expired
   * ones and of the oldest beyond {@link MAX_PENDING_SIGN_INS} (https callbacks only).
   */
  setCookies: string[];
}

/**
 * What {@link StateCookie.check} found. `setCookies` clear the cookie the callback consumed (or that can no longer
 * be used) and expired ones, never another pending sign-in's: send them.
 */
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
 * GET) and lives {@link STATE_MAX_AGE} seconds. For an https callback it is a `__Host-` cookie (Secure, the whole
 * site, no Domain), which a sibling subdomain cannot set or overwrite; the start route then sees the pending
 * cookies and keeps at most {@link MAX_PENDING_SIGN_INS}. For a plain-http callback (development) it is limited
 * to the callback's path instead. A cookie per sign-in, named by its state, so that sign-ins in several tabs
 * complete in any order.
 *
 * A callback clears only the cookie it consumed and expired ones: a forged callback cancels nothing. A copy of a
 * cookie kept by someone else is refused too while its state could still be valid, by a bounded memory of the
 * states used (one entry per completed callback, never one per visitor).
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

  /**
   * Starts a sign-in: a fresh state, in a cookie of its own. `cookieHeader`: the start request's `Cookie` header,
   * from which (on an https callback) expired cookies and the oldest beyond {@link MAX_PENDING_SIGN_INS} are cleared.
   */
  issue(callbackURL: string, codeVerifier?: string, cookieHeader?: string | readonly string[]): IssuedState {
    // One draw for the state and the IV: this runs on every sign-in.
    const random = randomBytesPooled(36);
    const state = random.toString('base64url', 0, 24);
    const now = this.now();
    const pending: Pending = [state, codeVerifier ?? null, now + STATE_MAX_AGE * 1000];
    const scope = this.scope(callbackURL);
    const sealed = this.sealer.seal(JSON.stringify(pending), random.subarray(24, 36));
    const setCookie = serializeCookie(scope.prefix + state.slice(0, ID_LENGTH), sealed, scope, STATE_MAX_AGE);
    if (!scope.hostWide || cookieHeader === undefined) return { state, setCookie, setCookies: [setCookie] };
    const live: Array<[name: string, expiresAt: number]> = [];
    const cleared: string[] = [];
    for (const [name, expiresAt] of this.readable(readCookies(cookieHeader, scope.prefix), undefined)) {
      if (expiresAt <= now) cleared.push(name);
      else live.push([name, expiresAt]);
    }
    // The oldest go first: all of them expire after the same lifetime, so the soonest to expire is the oldest.
    live.sort((a, b) => a[1] - b[1]);
    for (const [name] of live.slice(0, Math.max(0, live.length - MAX_PENDING_SIGN_INS + 1))) cleared.push(name);
    const clearing = cleared.map((name) => serializeCookie(name, '', scope, 0));
    return { state, setCookie, setCookies: [...clearing, setCookie] };
  }

  /** Completes a sign-in: whether `state` is one this browser started, has not expired and was not used. */
  check(cookieHeader: string | readonly string[] | undefined, state: unknown, callbackURL: string): CheckedState {
    const scope = this.scope(callbackURL);
    const cookies = readCookies(cookieHeader, scope.prefix);
    const now = this.now();
    const name = typeof state === 'string' && STATE_PATTERN.test(state) ? scope.prefix + state.slice(0, ID_LENGTH) : undefined;
    const setCookies: string[] = [];
    const clear = (cookieName: string): void => {
      setCookies.push(serializeCookie(cookieName, '', scope, 0));
    };
    for (const [other, expiresAt] of this.readable(cookies, name)) if (expiresAt <= now) clear(other);
    if (typeof state !== 'string' || state === '') return { ok: false, reason: 'no-state', setCookies };
    if (cookies.size === 0) return { ok: false, reason: 'no-cookie', setCookies };
    const value = name === undefined ? undefined : cookies.get(name);
    const entry = value === undefined ? undefined : this.unseal(value);
    // A cookie holding another state stays: the callback may be forged to name a pending sign-in's cookie.
    if (name === undefined || entry?.[0] !== state) return { ok: false, reason: 'unknown-state', setCookies };
    clear(name);
    if (entry[2] <= now) return { ok: false, reason: 'expired', setCookies };
    this.forgetExpired(now);
    // The memory keeps the cookie's copy of the state, not `state`: frameworks give that as a slice of the request
    // URL, which V8 would keep whole behind the slice for 10 minutes, over a kilobyte (Worksection's codes are about
    // 1,300 characters, documented: the callback in the worksection-oauth2 Postman collection).
    const used = entry[0];
    if (this.used.has(used)) return { ok: false, reason: 'used', setCookies };
    this.used.set(used, entry[2]);
    if (this.used.size > MAX_USED_STATES) this.used.delete(this.used.keys().next().value as string);
    return { ok: true, codeVerifier: entry[1] ?? undefined, setCookies };
  }

  /**
   * The names and expiry times of the state cookies among `cookies` (but `except`) that our secrets unseal, at
   * most {@link MAX_EXAMINED} looked at. Others are left alone: they may be another strategy's on the same site.
   */
  private *readable(cookies: Map<string, string>, except: string | undefined): Generator<[string, number]> {
    let examined = 0;
    for (const [name, value] of cookies) {
      if (name === except) continue;
      if (++examined > MAX_EXAMINED) return;
      const pending = this.unseal(value);
      if (pending !== undefined) yield [name, pending[2]];
    }
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

/** A cookie's name prefix and attributes; `hostWide` when it is a `__Host-` cookie the start route sees too. */
type CookieScope = CookieAttributes & { prefix: string; hostWide: boolean };

/** `__Host-` cookies need Secure and `Path=/`; a sibling subdomain can then neither set nor overwrite them. */
const HOST_SCOPE: CookieScope = { prefix: `__Host-${STATE_COOKIE_NAME}_`, path: '/', secure: true, hostWide: true };

function cookieScope(callbackURL: string): CookieScope {
  let url: URL;
  try {
    url = new URL(callbackURL);
  } catch {
    // A callback URL resolved against a malformed Host header: the whole site, and never over plain http.
    return HOST_SCOPE;
  }
  if (url.protocol === 'https:') return HOST_SCOPE;
  // Plain http (development): a browser refuses Secure there, and so `__Host-`. The path-scoped cookie keeps the
  // state off the app's other routes. A path is percent-encoded already, but may still hold the cookie syntax's
  // own separators.
  const path = url.pathname.replace(/[;,\s]/g, (c) => encodeURIComponent(c));
  return { prefix: `${STATE_COOKIE_NAME}_`, path, secure: false, hostWide: false };
}
