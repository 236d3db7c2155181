import { OAuthError } from '../errors/oauth-error';

/** A complete answer, built before anything is written so that faults can reshape it. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Binary bodies (the account API's `download`): sent instead of `body` when set. */
  bytes?: Buffer;
}

/** The bytes a reply sends. */
export function replyBytes(reply: Reply): Buffer {
  return reply.bytes ?? Buffer.from(reply.body);
}

/** The headers Worksection's nginx/PHP front end sends with every OAuth2 answer (Postman collection). */
export const WORKSECTION_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Type': 'application/json; charset=utf-8',
  Expires: 'Thu, 19 Nov 1981 08:52:00 GMT',
  'Cache-Control': 'no-store, no-cache, must-revalidate',
  Pragma: 'no-cache',
  'X-Frame-Options': 'SAMEORIGIN',
});

/** A JSON answer with Worksection's headers. Key order is the caller's object's order. */
export function jsonReply(value: unknown, status = 200, extraHeaders: Record<string, string> = {}): Reply {
  return { status, headers: { ...WORKSECTION_HEADERS, ...extraHeaders }, body: JSON.stringify(value) };
}

/** An OAuth2 error as Worksection sends it: HTTP 200 and `{"error","errorDescription"}`. */
export function oauthErrorReply(error: OAuthError): Reply {
  return jsonReply(error.body());
}

/** The answer of an `/oauth2/*` endpoint: what `produce` returns as JSON, or the OAuth error it throws. */
export function oauthReply(produce: () => unknown): Reply {
  try {
    return jsonReply(produce());
  } catch (err) {
    if (err instanceof OAuthError) return oauthErrorReply(err);
    throw err;
  }
}

/** An HTML page; pages may not be framed and are never cached. */
export function htmlReply(html: string, status = 200, extraHeaders: Record<string, string> = {}): Reply {
  return {
    status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store, no-cache, must-revalidate',
      Pragma: 'no-cache',
      'X-Frame-Options': 'SAMEORIGIN',
      // The pages have no scripts and only inline styles: a strict policy makes any injected markup inert.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'",
      'Referrer-Policy': 'no-referrer',
      ...extraHeaders,
    },
    body: html,
  };
}

/** A 302 to `location`. */
export function redirectReply(location: string, extraHeaders: Record<string, string> = {}): Reply {
  return {
    status: 302,
    headers: { Location: location, 'Cache-Control': 'no-store, no-cache, must-revalidate', ...extraHeaders },
    body: '',
  };
}
