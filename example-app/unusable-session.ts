import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { SESSION_COOKIE, SESSION_COOKIE_ATTRIBUTES } from './session-cookie';
import type { SessionUser } from './session-user';

/** Where a browser whose session was ended lands: `/` with the "sign in again" message and the sign-in button. */
export const SIGNED_OUT_EXPIRED = '/?signin=expired';

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
