import type { Request } from 'express';

const gone = new WeakSet<Request>();

/**
 * A signal aborted when the browser goes away before `req`'s answer is complete (the tab closed, the user clicked
 * on): the client's calls for it that still wait (their turn, a refresh) leave the queue without reaching Worksection,
 * so that calls nobody will read do not spend the account's turns (one a second) other users wait for.
 */
export function abortedWhenGone(req: Request): AbortSignal {
  const controller = new AbortController();
  const abort = (): void => {
    gone.add(req);
    controller.abort(new DOMException('The browser went away before the answer was complete.', 'AbortError'));
  };
  const res = req.res;
  // Gone already (before the page built its client): 'close' has been emitted, and will not be again.
  if (req.socket.destroyed && res?.writableFinished !== true) abort();
  else
    res?.once('close', () => {
      if (!res.writableFinished) abort();
    });
  return controller.signal;
}

/** Whether the browser went away before `req`'s answer was complete: nothing is left to answer, or to log. */
export function browserWentAway(req: Request): boolean {
  return gone.has(req);
}
