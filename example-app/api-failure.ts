import type { NextFunction, Request, Response } from 'express';
import {
  WorksectionApiError,
  WorksectionError,
  WorksectionRateLimitError,
  WorksectionReauthError,
  WorksectionRefreshError,
} from 'passport-worksection/client';
import { endUnusableSession } from './unusable-session';
import { UnusableSessionError } from './errors/unusable-session-error';
import type { UnavailableReason } from './views/unavailable';
import type { PageFrame } from './views/layout';
import { pageFrame } from './page-frame';
import { SessionDestroyedError } from './errors/session-destroyed-error';
import { browserWentAway } from './browser-gone';

/** How a page answers a failed call: what to log it as, where to send a signed-out user, and its error page. */
export interface ApiFailurePage {
  /** The page's name in log lines, e.g. `projects`. */
  label: string;
  /** Where to come back to after signing in again. */
  returnTo: string;
  /** The page to show, for each reason, with the header of the request. */
  unavailable: (reason: UnavailableReason, frame?: PageFrame) => string;
}

// Worksection's status_code for an id it does not know: 4 "project invalid" / "file not found", 5 "task invalid".
const NOT_FOUND_CODES = new Set([4, 5]);

/**
 * Answers a page whose call to the account API failed, the same way on every page: signed out meanwhile → sign in;
 * a grant that is over (`WorksectionReauthError`) or session data the client refuses → signed out cleanly; a scope not granted → 403; an unknown id → 404; any other refusal
 * (Worksection's `status_code` ≠ 0, e.g. 8 "Task is closed") → 409 with Worksection's words and a way back; a refresh
 * or rate-limit failure (the grant is alive) → 503 with Retry-After; any other failure of Worksection → 502. Anything
 * else is a bug and goes to the error handler.
 */
export function answerApiFailure(
  err: unknown,
  req: Request,
  res: Response,
  next: NextFunction,
  page: ApiFailurePage,
  log: (line: string) => void,
): void {
  // The call was given up because the browser went away: nobody to answer.
  if (browserWentAway(req)) return;
  if (err instanceof SessionDestroyedError) {
    res.redirect(req.method === 'GET' ? 302 : 303, `/auth/worksection?returnTo=${encodeURIComponent(page.returnTo)}`);
    return;
  }
  if (err instanceof WorksectionReauthError || err instanceof UnusableSessionError) {
    log(`${page.label}: ${err.name} [${err.code}]: the tokens cannot be used any more, signing the user out`);
    endUnusableSession(req, res, next);
    return;
  }
  if (err instanceof WorksectionApiError && err.statusCode === 403) {
    res.status(403).send(page.unavailable('scope', pageFrame(req)));
    return;
  }
  if (err instanceof WorksectionApiError && NOT_FOUND_CODES.has(err.statusCode)) {
    res.status(404).send(page.unavailable('not-found', pageFrame(req)));
    return;
  }
  if (err instanceof WorksectionApiError && (err.status ?? 200) < 500) {
    // Worksection answered, and said no: its words are the answer (not "try again", which would not help).
    log(`${page.label}: ${err.name} [${err.code}] status_code ${err.statusCode}: ${err.message}`);
    res.status(409).send(page.unavailable({ refused: err.message }, pageFrame(req)));
    return;
  }
  if (err instanceof WorksectionRefreshError || err instanceof WorksectionRateLimitError) {
    // The grant is still alive: the next request tries again (a refresh, or the call once the account's turn comes).
    log(`${page.label}: ${err.name} [${err.code}]: ${err.message}`);
    const seconds = err instanceof WorksectionRateLimitError ? Math.max(1, Math.ceil((err.retryAfter ?? 1000) / 1000)) : 1;
    res
      .status(503)
      .set('Retry-After', String(seconds))
      .send(page.unavailable('worksection', pageFrame(req)));
    return;
  }
  if (err instanceof WorksectionError) {
    // The package's errors never carry a token: safe to log as they are.
    log(`${page.label}: ${err.name} [${err.code}]: ${err.message}`);
    res.status(502).send(page.unavailable('worksection', pageFrame(req)));
    return;
  }
  next(err);
}
