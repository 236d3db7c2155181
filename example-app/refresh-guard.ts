import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { SessionBackend } from './config';
import { redisRefreshLockAt } from './refresh-lock';
import { reloadSession, saveSession, sessionUser } from './request-session';
import { SessionDestroyedError } from './errors/session-destroyed-error';
import { applyTokens, type PendingTokens } from './pending-tokens';
import type { SessionUser } from './session-user';

/** The `lock` option of WorksectionClient: runs `fn` while no other refresh of the grant `key` names runs. */
export type RefreshLock = <T>(key: string, fn: () => Promise<T>) => Promise<T>;

/**
 * The lock around every refresh of a grant: with Redis, one instance at a time (see {@link redisRefreshLockAt}); with
 * SQLite (one instance), none beyond the client's own.
 */
export function refreshLockOf(sessions: SessionBackend, storeTimeoutMs: number | undefined): RefreshLock {
  if (sessions.kind !== 'redis') return (_key, fn) => fn();
  return redisRefreshLockAt(sessions.url, storeTimeoutMs === undefined ? {} : { timeoutMs: storeTimeoutMs });
}

/** The lock key of the grant whose refresh token is `refreshToken`: WorksectionClient's own, so both exclude each other. */
export function refreshLockKey(refreshToken: string): string {
  return `worksection:refresh:${createHash('sha256').update(refreshToken).digest('hex')}`;
}

/**
 * Checks, before a refresh spends the refresh token (Worksection revokes it when it answers), that the new tokens
 * can be kept: the session is read back and written (with the tokens still pending for it, if any). A store that is
 * locked, paused or down fails here, the page is a 503 and the grant is untouched; a session signed out meanwhile
 * throws {@link SessionDestroyedError}. Resolves to the signed-in user as now stored.
 */
export async function checkSessionWritable(req: Request, pending: PendingTokens): Promise<SessionUser> {
  if (!(await reloadSession(req))) throw new SessionDestroyedError();
  const user = sessionUser(req);
  if (!user) throw new SessionDestroyedError();
  const tokens = pending.take(req.sessionID, user);
  if (tokens) applyTokens(user, tokens);
  await saveSession(req);
  if (tokens) pending.saved(req.sessionID, tokens);
  return user;
}
