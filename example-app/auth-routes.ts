import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type passport from 'passport';
import { SessionStoreUnavailableError } from './guarded-store';
import { optionalSession } from './request-session';
import { safeReturnTo } from './return-to';
import type { SignInReason } from './views/home';

declare module 'express-session' {
  interface SessionData {
    /** Where to go after the sign-in in progress; validated again when used. */
    returnTo?: string;
  }
}

/** What {@link authRoutes} needs from the app. */
export interface AuthRoutesOptions {
  authenticator: InstanceType<typeof passport.Passport>;
  log: (line: string) => void;
  sessionTtlMs: number;
  pendingLoginTtlMs: number;
}

/**
 * `/auth/worksection` (starts the sign-in, optional `returnTo`) and `/auth/worksection/callback` (completes it).
 * A failure the user can fix lands on `/` with a fixed reason; a Worksection outage too, after a log line.
 */
export function authRoutes(options: AuthRoutesOptions): Router {
  const { authenticator, log } = options;
  const router = Router();

  router.get('/auth/worksection', (req, res, next) => {
    const returnTo = safeReturnTo(req.query.returnTo);
    if (returnTo) req.session.returnTo = returnTo;
    else delete req.session.returnTo;
    // A session that only holds a sign-in in progress expires soon, so abandoned logins do not pile up.
    if (!req.user) req.session.cookie.maxAge = options.pendingLoginTtlMs;
    // express-session saves the state only as the redirect goes out, and a failed save cannot stop it: the user
    // would meet Worksection and come back to a lost state. Saving first turns a store outage into a 503 here.
    req.session.save((err) => {
      if (err) {
        next(err);
        return;
      }
      (authenticator.authenticate('worksection') as RequestHandler)(req, res, next);
    });
  });

  router.get('/auth/worksection/callback', (req: Request, res: Response, next: NextFunction) => {
    const outcome = (err: unknown, user: unknown): void => {
      if (err) {
        onError(err, req, res, next);
        return;
      }
      if (!user) {
        endPendingLogin(req, res, next, req.query.error === 'access_denied' ? 'denied' : 'failed');
        return;
      }
      const returnTo = safeReturnTo(req.session.returnTo) ?? '/profile';
      // passport 0.7's req.login regenerates the session (against fixation), dropping returnTo and the state with it.
      req.login(user, (loginErr) => {
        if (loginErr) {
          next(loginErr);
          return;
        }
        req.session.cookie.maxAge = options.sessionTtlMs;
        res.redirect(303, returnTo);
      });
    };
    (authenticator.authenticate('worksection', outcome) as RequestHandler)(req, res, next);
  });

  function onError(err: unknown, req: Request, res: Response, next: NextFunction): void {
    if (err instanceof SessionStoreUnavailableError) {
      next(err);
      return;
    }
    // The strategy's errors never carry the client secret or a token: safe to log as they are.
    const e = err instanceof Error ? err : new Error(String(err));
    const code = (e as { code?: unknown }).code;
    log(`sign-in error: ${e.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${e.message}`);
    endPendingLogin(req, res, next, 'unavailable');
  }

  return router;
}

// The pending session (state, returnTo) is useless after a failed callback: drop it rather than let it wait for its TTL.
function endPendingLogin(req: Request, res: Response, next: NextFunction, reason: SignInReason): void {
  const go = (): void => res.redirect(303, `/?signin=${reason}`);
  const session = optionalSession(req);
  if (req.user || !session) {
    if (session) delete session.returnTo;
    go();
    return;
  }
  session.destroy((err) => (err ? next(err) : go()));
}
