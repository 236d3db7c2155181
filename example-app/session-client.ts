import type { Request } from 'express';
import type { Strategy, TokenSet } from 'passport-worksection';
import { WorksectionClient, type ClientTokens } from 'passport-worksection/client';
import type { SessionBackend } from './config';
import { redisRefreshLockAt } from './refresh-lock';
import { saveRefreshedTokens } from './save-refreshed-tokens';
import { reloadSession, sessionUser } from './request-session';
import type { SessionUser } from './session-user';
import { SessionDestroyedError } from './errors/session-destroyed-error';

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

/** Saves rotated tokens in the session and waits for the store: Worksection has revoked the old ones. */
async function saveTokens(req: Request, tokens: TokenSet): Promise<void> {
  // Signed out during the refresh: the session stays destroyed, and the page ends as for a signed-out visitor.
  if ((await saveRefreshedTokens(req, tokens)) === 'signed-out') throw new SessionDestroyedError();
}

/** Reads the session back from the store: another instance may have saved rotated tokens in it. */
async function loadTokens(req: Request): Promise<ClientTokens | undefined> {
  // A session that is gone (signed out meanwhile) has no tokens; a store outage still throws.
  if (!(await reloadSession(req))) return undefined;
  const user = sessionUser(req);
  return user && { ...user.tokens, expiresAt: user.expiresAt };
}
