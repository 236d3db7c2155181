import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { TokenSet } from 'passport-worksection';
import { saveSession, sessionUser } from './request-session';
import type { SessionUser } from './session-user';

/**
 * How long rotated tokens are kept for a session whose store refused them: a refresh token's lifetime, a month
 * (documented: worksection.com/en/faq/oauth.html, "refresh token 1 month"; 31 days is inferred).
 */
export const PENDING_TOKENS_MS = 31 * 86_400_000;
/** How many sessions' rotated tokens are kept at most (the oldest are forgotten first). */
export const PENDING_TOKENS_LIMIT = 10_000;

/** Rotated tokens a session store refused, as kept for one session. */
interface Pending {
  userId: string;
  accountUrl: string;
  /** The hash of the refresh token the store still holds: the tokens apply only over that one. */
  replaces: string;
  tokens: TokenSet;
  at: number;
}

/**
 * Rotated tokens whose save failed (the store was locked, paused or down), per session id, until saved. Worksection
 * revokes the old refresh token and access token when it rotates them, so dropping the new ones would sign the
 * user out. {@link savePendingTokens} hands them to the session on its next request, and saves them.
 *
 * Kept in this process's memory: another instance behind the same load balancer does not know them (the store was
 * down, so there is nowhere shared to put them), and neither does this one after a restart.
 */
export class PendingTokens {
  private readonly entries = new Map<string, Pending>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Keeps `tokens` for session `sessionId` of `user`, rotated from `refreshedWith`. Should earlier tokens of the
   * session be pending already, they are replaced, and the refresh token the store holds stays the one to match.
   */
  keep(sessionId: string, user: Pick<SessionUser, 'id' | 'accountUrl'>, refreshedWith: string, tokens: TokenSet): void {
    this.forgetExpired();
    const earlier = this.entries.get(sessionId);
    const replaces = earlier?.replaces ?? digest(refreshedWith);
    this.entries.delete(sessionId);
    this.entries.set(sessionId, { userId: user.id, accountUrl: user.accountUrl, replaces, tokens, at: this.now() });
    if (this.entries.size > PENDING_TOKENS_LIMIT) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** The tokens pending for `sessionId` of `user`, if they apply over the tokens the session holds; else forgets them. */
  take(sessionId: string, user: SessionUser): TokenSet | undefined {
    this.forgetExpired();
    const entry = this.entries.get(sessionId);
    if (entry === undefined) return undefined;
    // Another user, or tokens another instance saved since: what is stored wins.
    if (entry.userId !== user.id || entry.accountUrl !== user.accountUrl || entry.replaces !== digest(user.tokens.refreshToken)) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return entry.tokens;
  }

  /** Forgets the tokens of `sessionId` once `tokens` (or later ones) were saved. */
  saved(sessionId: string, tokens: TokenSet): void {
    if (this.entries.get(sessionId)?.tokens === tokens) this.entries.delete(sessionId);
  }

  /** How many sessions have tokens pending. */
  get size(): number {
    this.forgetExpired();
    return this.entries.size;
  }

  private forgetExpired(): void {
    const cutoff = this.now() - PENDING_TOKENS_MS;
    for (const [key, entry] of this.entries) {
      if (entry.at >= cutoff) break;
      this.entries.delete(key);
    }
  }
}

/** Puts `tokens` into the signed-in `user` of a session. */
export function applyTokens(user: SessionUser, tokens: TokenSet): void {
  user.tokens = { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
  user.expiresAt = tokens.expiresAt;
  if (tokens.scopes) user.scopes = tokens.scopes;
}

/**
 * After the session is loaded: a session with rotated tokens pending gets them (the request uses them), and they
 * are saved. Should the store still refuse, the request goes on with them and they stay pending.
 */
export function savePendingTokens(pending: PendingTokens): RequestHandler {
  return (req, _res, next) => {
    const user = sessionUser(req);
    const tokens = user && pending.take(req.sessionID, user);
    if (!user || !tokens) {
      next();
      return;
    }
    applyTokens(user, tokens);
    saveSession(req).then(
      () => {
        pending.saved(req.sessionID, tokens);
        next();
      },
      () => next(),
    );
  };
}

function digest(refreshToken: string): string {
  return createHash('sha256').update(refreshToken).digest('hex');
}
