import type { Request } from 'express';

/**
 * @internal
 * Keeps `query`, the value `req.query` gave, as `req.query` for the rest of this request. Express 5 defines
 * `req.query` as a getter that parses the URL's query string again on every read, and passport-oauth2 reads it
 * up to eight times on a callback (`req.query && req.query.code`…): measured, those parses of a callback URL
 * carrying Worksection's long code were a twentieth of the app's CPU per sign-in. Express 4 (and any framework
 * whose `req.query` is a plain property) is left as it is.
 */
export function pinQuery(req: Request, query: unknown): void {
  if (Object.hasOwn(req, 'query')) return;
  Object.defineProperty(req, 'query', { value: query, writable: true, configurable: true, enumerable: true });
}
