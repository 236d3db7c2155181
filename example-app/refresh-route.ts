import type { Router } from 'express';
import { defaultExpress, type ExpressModule } from './express-module';
import { WorksectionReauthError, type Strategy } from 'passport-worksection';
import { requireCsrfToken } from './csrf';
import { saveRefreshedTokens } from './save-refreshed-tokens';
import { checkSessionWritable, refreshLockKey, type RefreshLock } from './refresh-guard';
import type { PendingTokens } from './pending-tokens';
import { SessionDestroyedError } from './errors/session-destroyed-error';
import { endUnusableSession } from './unusable-session';
import type { SessionUser } from './session-user';

/** What {@link refreshRoute} needs from the app. */
export interface RefreshRouteOptions {
  strategy: Strategy;
  log: (line: string) => void;
  /** Held around the check, the refresh and the save (with Redis: one instance at a time refreshes a grant). */
  lock: RefreshLock;
  /** Where rotated tokens the store refused are kept until saved. */
  pending: PendingTokens;
  /** The Express the app is built with (its `Router` and `urlencoded`). Default: Express 5. */
  express?: ExpressModule;
}

/**
 * `POST /profile/refresh` (CSRF-protected): exchanges the session's refresh token for new tokens with
 * `strategy.refresh()` and stores them at once. Worksection rotates refresh tokens (the old one is revoked), so
 * the new one must be saved before anything else, or the grant is lost. So the refresh starts only once the store
 * has taken a write of the session (a store that is down is a 503 that costs nothing), and tokens whose save failed
 * all the same are kept in `pending` and saved on the session's next request. A sign-out during the refresh stays a
 * sign-out: see {@link saveRefreshedTokens}.
 */
export function refreshRoute(options: RefreshRouteOptions): Router {
  const express = options.express ?? defaultExpress;
  const router = express.Router();
  router.post('/profile/refresh', express.urlencoded({ extended: false, limit: '2kb' }), requireCsrfToken, async (req, res, next) => {
    const user = req.user as SessionUser | undefined;
    if (!user) {
      res.redirect(303, '/');
      return;
    }
    type Outcome = { refreshFailed: unknown } | { saved: Awaited<ReturnType<typeof saveRefreshedTokens>> };
    let outcome: Outcome;
    try {
      outcome = await options.lock(refreshLockKey(user.tokens.refreshToken), async (): Promise<Outcome> => {
        const stored = await checkSessionWritable(req, options.pending);
        const refreshedWith = stored.tokens.refreshToken;
        let tokens;
        try {
          tokens = await options.strategy.refresh(refreshedWith);
        } catch (err) {
          return { refreshFailed: err };
        }
        try {
          return { saved: await saveRefreshedTokens(req, tokens) };
        } catch (err) {
          // The store failed after Worksection revoked the old tokens: keep the new ones for the next request.
          options.pending.keep(req.sessionID, stored, refreshedWith, tokens);
          throw err;
        }
      });
    } catch (err) {
      if (err instanceof SessionDestroyedError) {
        delete (req as { session?: unknown }).session;
        res.redirect(303, '/profile');
      } else next(err);
      return;
    }
    if ('refreshFailed' in outcome) {
      const err = outcome.refreshFailed;
      // Typed errors of the strategy: no token or secret in their message.
      const e = err instanceof Error ? err : new Error(String(err));
      options.log(`token refresh failed: ${e.name}: ${e.message}`);
      // Worksection said no (revoked, expired, or a refresh token it cannot decrypt): this grant is over.
      if (err instanceof WorksectionReauthError) endUnusableSession(req, res, next);
      else res.redirect(303, '/profile?refresh=failed');
      return;
    }
    // Signed out meanwhile (here or in another tab): the profile page shows whoever is signed in now, if anyone.
    res.redirect(303, outcome.saved === 'saved' ? '/profile?refresh=done' : '/profile');
  });
  return router;
}
