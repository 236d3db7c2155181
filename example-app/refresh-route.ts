import type { Router } from 'express';
import { defaultExpress, type ExpressModule } from './express-module';
import type { Strategy } from 'passport-worksection';
import { requireCsrfToken } from './csrf';
import { saveRefreshedTokens } from './save-refreshed-tokens';
import { endUnusableSession, isUnusableGrant } from './unusable-session';
import type { SessionUser } from './session-user';

/** What {@link refreshRoute} needs from the app. */
export interface RefreshRouteOptions {
  strategy: Strategy;
  log: (line: string) => void;
  /** The Express the app is built with (its `Router` and `urlencoded`). Default: Express 5. */
  express?: ExpressModule;
}

/**
 * `POST /profile/refresh` (CSRF-protected): exchanges the session's refresh token for new tokens with
 * `strategy.refresh()` and stores them at once. Worksection rotates refresh tokens (the old one is revoked), so
 * the new one must be saved before anything else, or the grant is lost. A sign-out during the refresh stays a
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
    let tokens;
    try {
      tokens = await options.strategy.refresh(user.tokens.refreshToken);
    } catch (err) {
      // Typed errors of the strategy: no token or secret in their message.
      const e = err instanceof Error ? err : new Error(String(err));
      options.log(`token refresh failed: ${e.name}: ${e.message}`);
      // Worksection said no (revoked, expired, or a refresh token it cannot decrypt): this grant is over.
      if (isUnusableGrant(err)) endUnusableSession(req, res, next);
      else res.redirect(303, '/profile?refresh=failed');
      return;
    }
    let outcome;
    try {
      outcome = await saveRefreshedTokens(req, tokens);
    } catch (err) {
      next(err);
      return;
    }
    // Signed out meanwhile (here or in another tab): the profile page shows whoever is signed in now, if anyone.
    res.redirect(303, outcome === 'saved' ? '/profile?refresh=done' : '/profile');
  });
  return router;
}
