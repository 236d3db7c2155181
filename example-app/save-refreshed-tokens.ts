import type { Request } from 'express';
import type { TokenSet } from 'passport-worksection';
import { reloadSession, saveSession, sessionUser } from './request-session';
import { SessionDestroyedError } from './errors/session-destroyed-error';

/** The outcome of {@link saveRefreshedTokens}. */
export type RefreshedTokensOutcome = 'saved' | 'signed-out';

/**
 * Saves rotated tokens in the signed-in user's session, as the last step of a refresh, which may have taken seconds:
 * - The session is read back from the store first and only the token fields are changed in that fresh copy, so
 *   what other requests wrote meanwhile (a CSRF token, say) is kept, not overwritten by the copy this request
 *   loaded before the refresh.
 * - A session destroyed meanwhile (signed out, or replaced by a sign-in in another tab) is not brought back: found
 *   missing, or the store refusing to write it ({@link SessionDestroyedError}), it resolves `'signed-out'` and drops
 *   `req.session`, so express-session neither saves it nor sends its cookie (which would replace the other tab's).
 *
 * Any other store failure rejects (the app answers 503).
 */
export async function saveRefreshedTokens(req: Request, tokens: TokenSet): Promise<RefreshedTokensOutcome> {
  const before = sessionUser(req);
  if (!(await reloadSession(req))) return dropSession(req);
  const user = sessionUser(req);
  // Another user in the same session cannot happen (a sign-in always starts a new session); be strict anyway.
  if (!user || !before || user.id !== before.id || user.accountUrl !== before.accountUrl) return dropSession(req);
  user.tokens = { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
  user.expiresAt = tokens.expiresAt;
  if (tokens.scopes) user.scopes = tokens.scopes;
  try {
    await saveSession(req);
  } catch (err) {
    if (err instanceof SessionDestroyedError) return dropSession(req);
    throw err;
  }
  return 'saved';
}

function dropSession(req: Request): RefreshedTokensOutcome {
  // As express-session's own destroy() does, without touching the store: the session is already gone there.
  delete (req as { session?: unknown }).session;
  return 'signed-out';
}
