import type { ErrorRequestHandler, RequestHandler } from 'express';
import { safeLogLine } from './log-line';
import { errorPage } from './views/error';
import { pageFrame } from './page-frame';
import { CsrfError } from './errors/csrf-error';
import { SessionStoreUnavailableError } from './errors/session-store-unavailable-error';

/** Seconds a client should wait before retrying when the session store is down. */
export const RETRY_AFTER_SECONDS = 5;

/** The 404 page. */
export const notFound: RequestHandler = (req, res) => {
  res.status(404).send(errorPage(404, pageFrame(req)));
};

/**
 * Turns any error into a friendly page with the right status, never a stack or an error message: 503 when the
 * session store is down (with Retry-After), 403 for a CSRF failure, 4xx for a malformed request, 500 otherwise.
 * Server errors are logged as one line, control and line-separator characters replaced ({@link safeLogLine}); an
 * error after the response was sent too, and nothing reaches stderr.
 */
export function errorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (res.headersSent) {
      // Typically a session save at the end of the response that the store refused. Express's own handler would
      // print the stack to stderr: one line in the app's log instead, and the connection closed if the answer is
      // not complete (as Express does).
      const e = err instanceof Error ? err : new Error(String(err));
      log(safeLogLine(`error after the response: ${e.name}: ${e.message}`));
      if (!res.writableEnded) res.destroy();
      return;
    }
    const status = statusOf(err);
    if (status >= 500) {
      const e = err instanceof Error ? err : new Error(String(err));
      // The message may quote Worksection: one line, without control characters.
      log(safeLogLine(`error ${status}: ${e.name}: ${e.message}`));
    }
    if (status === 503) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    res.set('Cache-Control', 'no-store');
    // With the session store down there is no session, and the header offers Sign in.
    res.status(status).send(errorPage(status, pageFrame(req)));
  };
}

function statusOf(err: unknown): number {
  if (err instanceof SessionStoreUnavailableError) return 503;
  if (err instanceof CsrfError) return 403;
  // body-parser and Express mark client errors (malformed body, too large) with a 4xx status.
  const status = (err as { status?: unknown; statusCode?: unknown } | null)?.status ?? (err as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return status;
  return 500;
}
