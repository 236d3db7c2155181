import type { Router } from 'express';
import { defaultExpress, type ExpressModule } from './express-module';
import type { Strategy } from 'passport-worksection';
import { requireCsrfToken } from './csrf';
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
 * the new one must be saved before anything else, or the grant is lost.
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
      res.redirect(303, '/profile?refresh=failed');
      return;
    }
    const updated: SessionUser = {
      ...user,
      expiresAt: tokens.expiresAt,
      tokens: { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken },
      ...(tokens.scopes ? { scopes: tokens.scopes } : {}),
    };
    // Passport keeps the serialized user here; this app serializes the whole user object.
    (req.session as unknown as { passport: { user: SessionUser } }).passport.user = updated;
    req.session.save((err) => {
      if (err) {
        next(err);
        return;
      }
      res.redirect(303, '/profile?refresh=done');
    });
  });
  return router;
}
