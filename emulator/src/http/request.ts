import type { IncomingMessage } from 'node:http';
import { BodyTooLargeError } from '../errors/body-too-large-error';

/** A request read in full: what every handler works from. */
export interface EmulatorRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Raw body bytes (empty for none). */
  body: Buffer;
}

/** Bodies beyond this are refused: nothing legitimate sent to Worksection comes close. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The limit for `multipart/form-data` bodies instead, which carry the account API's `upload_files`. */
export const MAX_UPLOAD_BODY_BYTES = 16 * 1024 * 1024;

/** Reads the whole request (headers already parsed by node:http) into an {@link EmulatorRequest}. */
export async function readRequest(req: IncomingMessage): Promise<EmulatorRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  const multipart = /^multipart\/form-data\s*(;|$)/i.test(req.headers['content-type'] ?? '');
  const limit = multipart ? MAX_UPLOAD_BODY_BYTES : MAX_BODY_BYTES;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError(`Request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  const url = new URL(req.url ?? '/', 'http://emulator.invalid');
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body: Buffer.concat(chunks),
  };
}

/** The media type of the body, lower-cased, without parameters (`''` when absent). */
export function mediaType(req: EmulatorRequest): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The form fields of an `application/x-www-form-urlencoded` body, or an empty set for any other body. */
export function formBody(req: EmulatorRequest): URLSearchParams {
  if (mediaType(req) !== 'application/x-www-form-urlencoded') return new URLSearchParams();
  return new URLSearchParams(req.body.toString('utf8'));
}

/**
 * The OAuth2 parameters of a request to /oauth2/token, /oauth2/refresh or /oauth2/resource. Worksection takes
 * them from a form body or the query string, on POST or GET (its docs and Postman collection put them in the
 * query); a body field wins over the same query field, as PHP's `$_REQUEST` order would have it.
 */
export function oauthParams(req: EmulatorRequest): Map<string, string> {
  const params = new Map<string, string>();
  for (const [key, value] of req.query) if (!params.has(key)) params.set(key, value);
  const seenInBody = new Set<string>();
  for (const [key, value] of formBody(req)) {
    if (seenInBody.has(key)) continue;
    seenInBody.add(key);
    params.set(key, value);
  }
  return params;
}

/** Client credentials from an `Authorization: Basic` header (RFC 6749 §2.3.1: form-decoded id and secret), if any. */
export function basicCredentials(req: EmulatorRequest): { clientId: string; clientSecret: string } | undefined {
  const header = req.headers.authorization;
  const encoded = header ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header)?.[1] : undefined;
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return { clientId: decode(decoded.slice(0, colon)), clientSecret: decode(decoded.slice(colon + 1)) };
}

/**
 * The client id and secret as league's `getClientCredentials()` finds them: request parameters first, then
 * HTTP Basic.
 */
export function clientCredentials(req: EmulatorRequest, params: Map<string, string>): { clientId?: string; clientSecret?: string } {
  const basic = basicCredentials(req);
  return { clientId: params.get('client_id') ?? basic?.clientId, clientSecret: params.get('client_secret') ?? basic?.clientSecret };
}

/** The value of cookie `name`, if the request carries it. */
export function cookie(req: EmulatorRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
