import type { Request } from 'express';
import type { Strategy, TokenSet } from 'passport-worksection';
import { WorksectionClient, WorksectionConfigError, type ClientTokens } from 'passport-worksection/client';
import type { SessionBackend } from './config';
import { checkSessionWritable, refreshLockOf } from './refresh-guard';
import { PendingTokens } from './pending-tokens';
import { abortedWhenGone } from './browser-gone';
import { saveRefreshedTokens } from './save-refreshed-tokens';
import { reloadSession, sessionUser } from './request-session';
import type { SessionUser } from './session-user';
import { SessionDestroyedError } from './errors/session-destroyed-error';
import { UnusableSessionError } from './errors/unusable-session-error';

/** What {@link sessionClients} needs from the app. */
export interface SessionClientOptions {
  strategy: Strategy;
  /** With Redis, the instances sharing it take a lock there around each refresh. */
  sessions: SessionBackend;
  /** Milliseconds between calls to one account. Default 1000 (Worksection's limit). */
  minInterval?: number;
  /** Milliseconds each call to Redis for the refresh lock may take before the page is a 503. Default 3000. */
  storeTimeoutMs?: number;
  /** Where rotated tokens the store refused are kept until saved. Default: a memory of these pages' own. */
  pending?: PendingTokens;
}

/** Builds the client of one request over the signed-in session's tokens. */
export type SessionClientFactory = (req: Request, user: SessionUser) => WorksectionClient;

/**
 * The clients of the pages that call the account API. The tokens live in the session; rotated ones are saved back to
 * it before they are used ({@link saveRefreshedTokens}: a sign-out meanwhile stays a sign-out). With Redis sessions
 * (several instances), a Redis lock makes sure one instance at a time refreshes a grant, and the others read its
 * tokens back. Inside the lock, before the refresh token is spent, the store must take a write of the session; and
 * rotated tokens whose save failed all the same are kept in `pending` for the session's next request.
 */
export function sessionClients(options: SessionClientOptions): SessionClientFactory {
  const baseLock = refreshLockOf(options.sessions, options.storeTimeoutMs);
  const pending = options.pending ?? new PendingTokens();
  return (req, user) => {
    try {
      return newClient(req, user);
    } catch (err) {
      // What the store gave back is not what the app wrote at sign-in: the session cannot be used.
      if (err instanceof WorksectionConfigError && (err.option === 'tokens' || err.option === 'accountUrl')) {
        throw new UnusableSessionError(err.option);
      }
      throw err;
    }
  };

  function newClient(req: Request, user: SessionUser): WorksectionClient {
    return new WorksectionClient({
      strategy: options.strategy,
      accountUrl: user.accountUrl,
      tokens: { ...user.tokens, expiresAt: user.expiresAt },
      ...(options.minInterval !== undefined && { minInterval: options.minInterval }),
      // The browser gone, its calls still waiting for their turn are not sent.
      signal: abortedWhenGone(req),
      onTokens: (tokens) => saveTokens(req, tokens, pending),
      loadTokens: () => loadTokens(req),
      lock: (key, fn) =>
        baseLock(key, async () => {
          await checkSessionWritable(req, pending);
          return fn();
        }),
    });
  }
}

/** Saves rotated tokens in the session and waits for the store: Worksection has revoked the old ones. */
async function saveTokens(req: Request, tokens: TokenSet, pending: PendingTokens): Promise<void> {
  // The tokens the client refreshed from: loadTokens read them back from the store under the lock.
  const before = sessionUser(req);
  let outcome;
  try {
    outcome = await saveRefreshedTokens(req, tokens);
  } catch (err) {
    // Worksection has revoked the old tokens: keep the new ones for the session's next request.
    if (before) pending.keep(req.sessionID, before, before.tokens.refreshToken, tokens);
    throw err;
  }
  // Signed out during the refresh: the session stays destroyed, and the page ends as for a signed-out visitor.
  if (outcome === 'signed-out') throw new SessionDestroyedError();
}

/** Reads the session back from the store: another instance may have saved rotated tokens in it. */
async function loadTokens(req: Request): Promise<ClientTokens | undefined> {
  // A session that is gone (signed out meanwhile) has no tokens; a store outage still throws.
  if (!(await reloadSession(req))) return undefined;
  const user = sessionUser(req);
  return user && { ...user.tokens, expiresAt: user.expiresAt };
}
