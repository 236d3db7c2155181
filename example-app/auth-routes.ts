import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { defaultExpress } from './express-module';
import type passport from 'passport';
import { ACCESS_DENIED_MESSAGE } from 'passport-worksection';
import { type GuardedStore } from './guarded-store';
import { safeReturnTo } from './return-to';
import type { ReturnToCookie } from './return-to-cookie';
import type { SignInReason } from './views/home';
import { SessionStoreUnavailableError } from './errors/session-store-unavailable-error';
import { limitSignIns, SignInLimiter } from './sign-in-limiter';

/** What {@link authRoutes} needs from the app. */
export interface AuthRoutesOptions {
  authenticator: InstanceType<typeof passport.Passport>;
  /** The session store: never written before a sign-in completes; asked whether it is up before one starts. */
  store: GuardedStore;
  /** Carries `returnTo` from the start to the callback. */
  returnTo: ReturnToCookie;
  log: (line: string) => void;
  /** Bounds sign-in starts and callbacks, per IP and in all (429 with Retry-After). Default: the default limits. */
  limiter?: SignInLimiter;
  /** Express's `Router`, of the Express the app is built with. Default: Express 5's. */
  router?: () => Router;
}

/**
 * `/auth/worksection` (starts the sign-in, optional `returnTo`) and `/auth/worksection/callback` (completes it).
 * Nothing is written to the session before `req.login`: the OAuth state is in the strategy's sealed cookie, the
 * `returnTo` in a signed cookie of its own, and a failure's reason in the URL of `/`. So a visitor who never
 * signs in leaves nothing on the server. A failure the user can fix lands on `/` with a fixed reason; a
 * Worksection outage too, after a log line. Both are rate-limited (per IP and in all): every callback costs a
 * client-authenticated request to Worksection.
 */
export function authRoutes(options: AuthRoutesOptions): Router {
  const { authenticator, store, returnTo: returnToCookie, log } = options;
  const router = (options.router ?? defaultExpress.Router)();
  const limit = limitSignIns(options.limiter ?? new SignInLimiter());

  router.get('/auth/worksection', limit, (req, res, next) => {
    // Nothing is stored here, but the callback will need the store to sign the user in: it is asked (a read) whether
    // it is up, so that an outage is a 503 now rather than after a trip to Worksection and back.
    store
      .ping()
      .then(() => {
        returnToCookie.remember(req, res, safeReturnTo(req.query.returnTo));
        (authenticator.authenticate('worksection') as RequestHandler)(req, res, next);
      })
      .catch(next);
  });

  router.get('/auth/worksection/callback', limit, (req: Request, res: Response, next: NextFunction) => {
    // Taken (and cleared) whatever the outcome: a sign-in that did not complete must not send a later one there.
    const returnTo = returnToCookie.take(req, res) ?? '/profile';
    const outcome = (err: unknown, user: unknown, info: unknown): void => {
      if (err) {
        onError(err, res, next);
        return;
      }
      if (!user) {
        // The strategy's fixed fail() messages (STATE_MESSAGE, ACCESS_DENIED_MESSAGE…) map to the app's fixed reasons.
        const message = (info as { message?: unknown } | undefined)?.message;
        failed(res, message === ACCESS_DENIED_MESSAGE ? 'denied' : 'failed');
        return;
      }
      // passport 0.7's req.login regenerates the session (against fixation): the first write to the store.
      req.login(user, (loginErr) => {
        if (loginErr) {
          // The store failed (a 503). Drop the session req.login made, as its destroy() does: express-session would
          // otherwise set a cookie for it and try to save it again after the answer.
          delete (req as { session?: unknown }).session;
          next(loginErr);
          return;
        }
        res.redirect(303, returnTo);
      });
    };
    (authenticator.authenticate('worksection', outcome) as RequestHandler)(req, res, next);
  });

  function onError(err: unknown, res: Response, next: NextFunction): void {
    if (err instanceof SessionStoreUnavailableError) {
      next(err);
      return;
    }
    // The strategy's errors never carry the client secret or a token: safe to log as they are.
    const e = err instanceof Error ? err : new Error(String(err));
    const code = (e as { code?: unknown }).code;
    log(`sign-in error: ${e.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${e.message}`);
    failed(res, 'unavailable');
  }

  return router;
}

// The reason goes in the URL, as one of the home page's fixed keys: nothing about a failed sign-in is stored.
// (A signed-in user's session, e.g. one asking for more scopes, is left as it was.)
function failed(res: Response, reason: SignInReason): void {
  res.redirect(303, `/?signin=${reason}`);
}
