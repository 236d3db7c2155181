import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { WorksectionConfigError, WorksectionOAuthError, WorksectionReauthError, type WorksectionError } from 'passport-worksection/client';
import { SESSION_COOKIE, SESSION_COOKIE_ATTRIBUTES } from './session-cookie';
import type { SessionUser } from './session-user';

/** Where a browser whose session was ended lands: `/` with the "sign in again" message and the sign-in button. */
export const SIGNED_OUT_EXPIRED = '/?signin=expired';

// league/oauth2-server, behind Worksection's OAuth, answers an exception with `server_error`: not a refusal.
const TRANSIENT_OAUTH_ERRORS = new Set(['server_error', 'temporarily_unavailable']);

/**
 * Whether `err` says that the session's tokens can never be used again. From the client that is one error,
 * `WorksectionReauthError`: Worksection refused the refresh, or refused the access token with HTTP 401 in a way a
 * refresh did not cure (a revoked grant). The profile page's refresh calls `strategy.refresh()` itself, which rejects
 * with Worksection's OAuth error when it refuses (e.g. `invalid_request` "Token has been revoked"); and a session
 * holding tokens or an account URL the client refuses to take is as unusable. A timeout, a lost connection or a 5xx
 * is not: the grant is probably alive, and trying again later is the answer.
 */
export function isUnusableGrant(err: unknown): err is WorksectionError {
  if (err instanceof WorksectionReauthError) return true;
  if (err instanceof WorksectionOAuthError) return !TRANSIENT_OAUTH_ERRORS.has(err.error);
  return err instanceof WorksectionConfigError && (err.option === 'tokens' || err.option === 'accountUrl');
}

/**
 * Signs out a user whose tokens cannot be used any more: the session is destroyed (its row deleted) and its cookie
 * cleared, as at sign-out, and the browser lands on {@link SIGNED_OUT_EXPIRED}. Keeping the session would show a
 * user who is signed in but whose every call fails.
 */
export function endUnusableSession(req: Request, res: Response, next: NextFunction): void {
  req.session.destroy((err) => {
    if (err) {
      next(err);
      return;
    }
    res.clearCookie(SESSION_COOKIE, { ...SESSION_COOKIE_ATTRIBUTES, secure: req.secure });
    // 303: after POST /profile/refresh too, the browser GETs the page.
    res.redirect(303, SIGNED_OUT_EXPIRED);
  });
}

/**
 * Ends, on any page, a session whose account URL `isCurrent` refuses. With the built-in emulator, an account URL
 * names the emulator's port: when that port was taken at a restart, the emulator listens elsewhere and the
 * session's account URL leads nowhere (or to another program), so the user signs in again and gets the new one.
 */
export function endSessionsOfGoneAccounts(isCurrent: (accountUrl: string) => boolean): RequestHandler {
  return (req, res, next) => {
    // What the store gave back: whatever it holds, only a string account URL is checked.
    const user: Partial<SessionUser> | undefined = req.user;
    if (user && typeof user.accountUrl === 'string' && !isCurrent(user.accountUrl)) {
      endUnusableSession(req, res, next);
      return;
    }
    next();
  };
}
