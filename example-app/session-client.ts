import type { Request } from 'express';
import { WorksectionClient, type ClientTokens, type Strategy, type TokenSet } from 'passport-worksection';
import type { SessionBackend } from './config';
import { redisRefreshLockAt } from './refresh-lock';
import { saveRefreshedTokens } from './save-refreshed-tokens';
import { SessionDestroyedError } from './session-destroyed-error';
import type { SessionUser } from './session-user';

/** What {@link sessionClients} needs from the app. */
export interface SessionClientOptions {
  strategy: Strategy;
  /** With Redis, the instances sharing it take a lock there around each refresh. */
  sessions: SessionBackend;
  /** Milliseconds between calls to one account. Default 1000 (Worksection's limit). */
  minInterval?: number;
  /** Milliseconds each call to Redis for the refresh lock may take before the page is a 503. Default 3000. */
  storeTimeoutMs?: number;
}

/** Builds the client of one request over the signed-in session's tokens. */
export type SessionClientFactory = (req: Request, user: SessionUser) => WorksectionClient;

/**
 * The clients of the pages that call the account API. The tokens live in the session; rotated ones are saved back to
 * it before they are used ({@link saveRefreshedTokens}: a sign-out meanwhile stays a sign-out). With Redis sessions
 * (several instances), a Redis lock makes sure one instance at a time refreshes a grant, and the others read its
 * tokens back.
 */
export function sessionClients(options: SessionClientOptions): SessionClientFactory {
  const lockOptions = options.storeTimeoutMs === undefined ? {} : { timeoutMs: options.storeTimeoutMs };
  const lock = options.sessions.kind === 'redis' ? redisRefreshLockAt(options.sessions.url, lockOptions) : undefined;
  return (req, user) =>
    new WorksectionClient({
      strategy: options.strategy,
      accountUrl: user.accountUrl,
      tokens: { ...user.tokens, expiresAt: user.expiresAt },
      ...(options.minInterval !== undefined && { minInterval: options.minInterval }),
      onTokens: (tokens) => saveTokens(req, tokens),
      loadTokens: () => loadTokens(req),
      ...(lock && { lock }),
    });
}

/** The signed-in user as stored in the session (Passport keeps it at `session.passport.user`). */
export function sessionUser(req: Request): SessionUser | undefined {
  // What the store gave back, so not necessarily a whole SessionUser: check what the pages rely on.
  const user = (req.session as unknown as { passport?: { user?: Partial<SessionUser> } } | undefined)?.passport?.user;
  return user && typeof user.accountUrl === 'string' && user.tokens ? (user as SessionUser) : undefined;
}

/** Saves rotated tokens in the session and waits for the store: Worksection has revoked the old ones. */
async function saveTokens(req: Request, tokens: TokenSet): Promise<void> {
  // Signed out during the refresh: the session stays destroyed, and the page ends as for a signed-out visitor.
  if ((await saveRefreshedTokens(req, tokens)) === 'signed-out') throw new SessionDestroyedError();
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
