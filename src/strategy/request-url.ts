import type { Request } from 'express';

/**
 * @internal
 * The URL the browser requested, as passport-oauth2 reconstructs it to resolve a relative callbackURL
 * (`utils.originalURL`): https when the connection is TLS or, with `proxy` (or Express's `trust proxy`), when
 * X-Forwarded-Proto says so; the host from X-Forwarded-Host under the same condition. The state cookie's path
 * must be the one passport-oauth2 resolved.
 */
export function originalURL(req: Request, options: { proxy: boolean }): string {
  const app = (req as { app?: { get?: (setting: string) => unknown } }).app;
  const trustProxy = options.proxy || Boolean(app?.get?.('trust proxy'));
  const forwardedProto = (headerValue(req.headers['x-forwarded-proto']) ?? '').toLowerCase().split(/\s*,\s*/)[0];
  const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  const tls = encrypted || (trustProxy && forwardedProto === 'https');
  const host = (trustProxy ? headerValue(req.headers['x-forwarded-host']) : undefined) ?? headerValue(req.headers.host) ?? 'localhost';
  return `${tls ? 'https' : 'http'}://${host}${req.url}`;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
