import type { Request } from 'express';
import type { SessionUser } from './session-user';

/**
 * `req.session`, or `undefined` where express-session left it unset (it does when its store reports itself
 * disconnected, though its type says the session is always there). For code that must cope with that.
 */
export function optionalSession(req: Request): Request['session'] | undefined {
  return req.session;
}

/** The signed-in user as stored in the session (Passport keeps it at `session.passport.user`), if whole enough to use. */
export function sessionUser(req: Request): SessionUser | undefined {
  // What the store gave back, so not necessarily a whole SessionUser: check what the pages rely on.
  const user = (optionalSession(req) as unknown as { passport?: { user?: Partial<SessionUser> } } | undefined)?.passport?.user;
  return user && typeof user.id === 'string' && typeof user.accountUrl === 'string' && user.tokens ? (user as SessionUser) : undefined;
}

/**
 * Reads the session back from the store (another request or instance may have changed it). Resolves false when the
 * store no longer has it (signed out meanwhile); rejects when the store fails.
 */
export async function reloadSession(req: Request): Promise<boolean> {
  try {
    await sessionCall((done) => req.session.reload(done));
    return true;
  } catch (err) {
    // express-session's words for a session the store no longer has.
    if (err instanceof Error && err.message === 'failed to load session') return false;
    throw err;
  }
}

/** Saves the session now and waits for the store. */
export function saveSession(req: Request): Promise<void> {
  return sessionCall((done) => req.session.save(done));
}

/** Runs one of express-session's callback methods (save, reload) as a promise. */
function sessionCall(call: (done: (err: unknown) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    call((err) => (err ? reject(err instanceof Error ? err : new Error('express-session failed', { cause: err })) : resolve()));
  });
}
