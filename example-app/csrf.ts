import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { optionalSession } from './request-session';
import { isCrossSiteRequest } from './same-origin';
import { CsrfError } from './errors/csrf-error';

declare module 'express-session' {
  interface SessionData {
    /** Synchronizer token for the app's POST forms. */
    csrfToken?: string;
  }
}

/** The form field that carries the token. */
export const CSRF_FIELD = '_csrf';

/**
 * The session's CSRF token, created on first use. Forms that change state embed it; {@link requireCsrfToken}
 * checks it. A synchronizer token (kept server-side in the session) needs no extra cookie and no library.
 */
export function csrfToken(req: Request): string {
  if (!req.session.csrfToken) req.session.csrfToken = randomBytes(32).toString('base64url');
  return req.session.csrfToken;
}

/**
 * Middleware for every state-changing POST: lets the request through only when the browser does not say it came
 * from another site ({@link isCrossSiteRequest}: `Sec-Fetch-Site`, else `Origin`) and its body's `_csrf` equals
 * the session's token. The headers stop a cross-site form even when its token leaked (a page cached or copied);
 * the token protects from browsers that send neither header.
 */
export function requireCsrfToken(req: Request, _res: Response, next: NextFunction): void {
  const expected = optionalSession(req)?.csrfToken;
  const sent: unknown = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
  if (isCrossSiteRequest(req) || !expected || typeof sent !== 'string' || !sameString(expected, sent)) {
    next(new CsrfError());
    return;
  }
  next();
}

function sameString(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
