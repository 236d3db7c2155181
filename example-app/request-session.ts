import type { Request } from 'express';

/**
 * `req.session`, or `undefined` where express-session left it unset (it does when its store reports itself
 * disconnected, though its type says the session is always there). For code that must cope with that.
 */
export function optionalSession(req: Request): Request['session'] | undefined {
  return req.session;
}
