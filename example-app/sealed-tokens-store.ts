import { Store, type SessionData } from 'express-session';
import type { SessionTokens, TokenSealer } from './token-sealer';

type Callback<T = void> = (err?: unknown, value?: T) => void;

/** The part of a stored session this store rewrites: Passport's user, whose `tokens` the app keeps. */
interface WithUserTokens {
  passport?: { user?: { tokens?: SessionTokens | string } };
}

/**
 * Wraps a session store so that the signed-in user's tokens (`passport.user.tokens`) are written sealed by a
 * {@link TokenSealer} and read back in clear. The app's code keeps working on plain tokens in `req.session`;
 * only what reaches the store (SQLite file, Redis) is encrypted. A session whose tokens do not open (tampered,
 * or sealed with a secret no longer configured) reads as no session: the user signs in again.
 */
export class SealedTokensStore extends Store {
  constructor(
    private readonly inner: Store,
    private readonly sealer: TokenSealer,
  ) {
    super();
  }

  override get(sid: string, callback: (err: unknown, session?: SessionData | null) => void): void {
    this.inner.get(sid, (err, session) => {
      if (err || !session) {
        callback(err, session);
        return;
      }
      callback(undefined, this.opened(sid, session));
    });
  }

  override set(sid: string, session: SessionData, callback?: Callback): void {
    this.inner.set(sid, this.sealed(sid, session), callback);
  }

  override destroy(sid: string, callback?: Callback): void {
    this.inner.destroy(sid, callback);
  }

  override touch(sid: string, session: SessionData, callback?: () => void): void {
    // Stores touch only the expiry, but give them no clear token all the same.
    if (this.inner.touch) this.inner.touch(sid, this.sealed(sid, session), callback);
    else callback?.();
  }

  private sealed(sid: string, session: SessionData): SessionData {
    const user = (session as WithUserTokens).passport?.user;
    if (!user || typeof user.tokens !== 'object') return session;
    // A copy: `session` is the live req.session, which must keep its tokens in clear for the request.
    const passport = (session as WithUserTokens).passport;
    return { ...session, passport: { ...passport, user: { ...user, tokens: this.sealer.seal(user.tokens, sid) } } } as SessionData;
  }

  private opened(sid: string, session: SessionData): SessionData | null {
    const user = (session as WithUserTokens).passport?.user;
    if (!user || typeof user.tokens !== 'string') return session;
    const tokens = this.sealer.open(user.tokens, sid);
    if (!tokens) return null;
    user.tokens = tokens;
    return session;
  }
}
