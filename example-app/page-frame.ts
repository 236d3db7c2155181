import type { Request } from 'express';
import { csrfToken } from './csrf';
import { sessionUser } from './request-session';
import type { PageFrame } from './views/layout';

/**
 * The header of a page for this request: for a signed-in user their name and the CSRF token of the Sign out form
 * (created on first use, in the session the user already has); for anyone else nothing, so an anonymous page
 * creates no session.
 */
export function pageFrame(req: Request): PageFrame {
  const user = sessionUser(req);
  if (!user) return {};
  return { signedIn: { name: user.displayName || user.id, csrfToken: csrfToken(req) } };
}
