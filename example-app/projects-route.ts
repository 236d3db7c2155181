import type { Request, Router } from 'express';
import { defaultExpress } from './express-module';
import {
  WorksectionApiError,
  WorksectionClient,
  WorksectionError,
  WorksectionRateLimitError,
  WorksectionReauthError,
  WorksectionRefreshError,
  type ClientTokens,
  type Strategy,
  type TokenSet,
} from 'passport-worksection';
import type { SessionBackend } from './config';
import { redisRefreshLockAt } from './refresh-lock';
import type { SessionUser } from './session-user';
import { projectsPage, projectsUnavailablePage } from './views/projects';

/** What {@link projectsRoute} needs from the app. */
export interface ProjectsRouteOptions {
  strategy: Strategy;
  /** With Redis, the instances sharing it take a lock there around each refresh. */
  sessions: SessionBackend;
  log: (line: string) => void;
  /** Express's `Router`, of the Express the app is built with. Default: Express 5's. */
  router?: () => Router;
  /** Milliseconds between calls to one account. Default 1000 (Worksection's limit). */
  minInterval?: number;
}

/**
 * `/projects`: lists the signed-in user's projects through {@link WorksectionClient}. The tokens live in the
 * session; rotated ones are saved back to it before they are used. With Redis sessions (several instances),
 * a Redis lock makes sure one instance at a time refreshes a grant, and the others read its tokens back.
 */
export function projectsRoute(options: ProjectsRouteOptions): Router {
  const { strategy, log } = options;
  const lock = options.sessions.kind === 'redis' ? redisRefreshLockAt(options.sessions.url) : undefined;
  const router = (options.router ?? defaultExpress.Router)();

  router.get('/projects', async (req, res, next) => {
    const user = sessionUser(req);
    if (!user) {
      res.redirect(`/auth/worksection?returnTo=${encodeURIComponent('/projects')}`);
      return;
    }
    res.set('Cache-Control', 'no-store');
    const client = new WorksectionClient({
      strategy,
      accountUrl: user.accountUrl,
      tokens: { ...user.tokens, expiresAt: user.expiresAt },
      ...(options.minInterval !== undefined && { minInterval: options.minInterval }),
      onTokens: (tokens) => saveTokens(req, tokens),
      loadTokens: () => loadTokens(req),
      ...(lock && { lock }),
    });
    try {
      res.send(projectsPage(client.accountUrl, await client.getProjects()));
    } catch (err) {
      if (err instanceof WorksectionReauthError) {
        log(`projects: ${err.name} [${err.reason}]: sending the user to sign in again`);
        res.redirect(`/auth/worksection?returnTo=${encodeURIComponent('/projects')}`);
        return;
      }
      if (err instanceof WorksectionApiError && err.statusCode === 403) return res.status(403).send(projectsUnavailablePage('scope'));
      if (err instanceof WorksectionRefreshError || err instanceof WorksectionRateLimitError) {
        // The grant is still alive: the next request tries again (a refresh, or the call once the account's turn comes).
        log(`projects: ${err.name} [${err.code}]: ${err.message}`);
        const seconds = err instanceof WorksectionRateLimitError ? Math.max(1, Math.ceil((err.retryAfter ?? 1000) / 1000)) : 1;
        return res.status(503).set('Retry-After', String(seconds)).send(projectsUnavailablePage('worksection'));
      }
      if (err instanceof WorksectionError) {
        // The package's errors never carry a token: safe to log as they are.
        log(`projects: ${err.name} [${err.code}]: ${err.message}`);
        return res.status(502).send(projectsUnavailablePage('worksection'));
      }
      next(err);
    }
  });

  return router;
}

/** The signed-in user as stored in the session (Passport keeps it at `session.passport.user`). */
function sessionUser(req: Request): SessionUser | undefined {
  // What the store gave back, so not necessarily a whole SessionUser: check what this route relies on.
  const user = (req.session as unknown as { passport?: { user?: Partial<SessionUser> } } | undefined)?.passport?.user;
  return user && typeof user.accountUrl === 'string' && user.tokens ? (user as SessionUser) : undefined;
}

/** Saves rotated tokens in the session and waits for the store: Worksection has revoked the old ones. */
async function saveTokens(req: Request, tokens: TokenSet): Promise<void> {
  const user = sessionUser(req);
  if (!user) throw new Error('The session no longer holds a signed-in user.');
  user.tokens = { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
  user.expiresAt = tokens.expiresAt;
  if (tokens.scopes) user.scopes = tokens.scopes;
  await sessionCall((done) => req.session.save(done));
}

/** Runs one of express-session's callback methods (save, reload) as a promise. */
function sessionCall(call: (done: (err: unknown) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    call((err) => (err ? reject(err instanceof Error ? err : new Error('express-session failed', { cause: err })) : resolve()));
  });
}

/** Reads the session back from the store: another instance may have saved rotated tokens in it. */
async function loadTokens(req: Request): Promise<ClientTokens | undefined> {
  try {
    await sessionCall((done) => req.session.reload(done));
  } catch (err) {
    // express-session's words for a session that is gone (signed out meanwhile); a store outage still throws.
    if (err instanceof Error && err.message === 'failed to load session') return undefined;
    throw err;
  }
  const user = sessionUser(req);
  return user && { ...user.tokens, expiresAt: user.expiresAt };
}
