import type { Request } from 'express';
import type { Strategy } from '../../src/strategy/strategy';
import type { AuthenticateOptions } from '../../src/strategy/types';

/** What a strategy did with one request, as Passport would see it. */
export type Outcome =
  | { type: 'redirect'; url: string; status?: number }
  | { type: 'success'; user: unknown; info: unknown }
  | { type: 'fail'; challenge: unknown; status?: number }
  | { type: 'error'; err: Error }
  | { type: 'pass' };

/** A request as Express would hand it to the strategy. */
export interface FakeRequestInit {
  query?: Record<string, string>;
  body?: Record<string, string>;
  session?: Record<string, unknown> | null;
  url?: string;
  host?: string;
  /** The `Cookie` header the browser sends. */
  cookie?: string;
}

/** The response headers a strategy set on `req.res`, as a Node response keeps them. */
export interface FakeResponse {
  headersSent: boolean;
  headers: Record<string, unknown>;
  getHeader(name: string): unknown;
  setHeader(name: string, value: unknown): void;
}

/** Builds the request object: plain data, the way openid-client's passport tests do. */
export function fakeRequest(init: FakeRequestInit = {}): Request {
  const req: Record<string, unknown> = {
    method: 'GET',
    url: init.url ?? '/auth/worksection/callback',
    query: init.query ?? {},
    body: init.body,
    headers:
      init.cookie === undefined ? { host: init.host ?? 'localhost:3000' } : { host: init.host ?? 'localhost:3000', cookie: init.cookie },
    connection: { encrypted: false },
  };
  const res: FakeResponse = {
    headersSent: false,
    headers: {},
    getHeader: (name) => res.headers[name.toLowerCase()],
    setHeader: (name, value) => {
      res.headers[name.toLowerCase()] = value;
    },
  };
  req.res = res;
  if (init.session !== null) req.session = init.session ?? {};
  return req as unknown as Request;
}

/** The `Set-Cookie` values the strategy sent with its answer to `req`. */
export function setCookies(req: Request): string[] {
  const value = (req.res as unknown as FakeResponse).headers['set-cookie'];
  return Array.isArray(value) ? (value as string[]) : [];
}

/** The `Cookie` header a browser sends next, after the `Set-Cookie` values the strategy sent with its answer to `req`. */
export function cookieAfter(req: Request): string | undefined {
  const pairs = setCookies(req)
    .map((line) => line.split(';')[0] ?? '')
    .filter((pair) => !pair.endsWith('='));
  return pairs.length > 0 ? pairs.join('; ') : undefined;
}

/**
 * Runs `strategy.authenticate(req)` on `Object.create(strategy)`, as Passport does, and resolves with the first
 * of redirect/success/fail/error/pass. Rejects if the strategy decides nothing within `within` ms.
 */
export function runStrategy(strategy: Strategy, req: Request, options?: AuthenticateOptions, within = 5000): Promise<Outcome> {
  return new Promise<Outcome>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the strategy decided nothing within ${within} ms`)), within);
    const done = (outcome: Outcome): void => {
      clearTimeout(timer);
      resolve(outcome);
    };
    const s = Object.create(strategy) as Record<string, unknown>;
    s.redirect = (url: string, status?: number) => done({ type: 'redirect', url, status });
    s.success = (user: unknown, info: unknown) => done({ type: 'success', user, info });
    s.fail = (challenge: unknown, status?: number) => done({ type: 'fail', challenge, status });
    s.error = (err: Error) => done({ type: 'error', err });
    s.pass = () => done({ type: 'pass' });
    (s as unknown as Strategy).authenticate(req, options);
  });
}
