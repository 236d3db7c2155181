import type { Request } from 'express';

/**
 * Whether the browser says a request came from another site: `Sec-Fetch-Site` other than `same-origin` (or `none`,
 * typed by the user), or, from a browser that does not send it, an `Origin` whose host is not this app's (an
 * opaque `null` included). A request with neither header is not from a browser (curl, a script): it is left to
 * the CSRF token alone.
 *
 * `same-site` is refused too: a sibling subdomain is another application, possibly someone else's. The `Origin`
 * fallback compares host names only, as `req.hostname` sees them (through a trusted proxy, `X-Forwarded-Host`):
 * behind a TLS proxy the app may see plain http and another port than the browser does.
 */
export function isCrossSiteRequest(req: Request): boolean {
  const site = req.get('sec-fetch-site');
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const origin = req.get('origin');
  if (origin === undefined) return false;
  if (!URL.canParse(origin)) return true;
  return new URL(origin).hostname !== normalHostname(req.hostname);
}

/** A host name as URL writes it (lower case, IPv6 in brackets), so both sides compare alike. */
function normalHostname(hostname: string): string {
  const authority = hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname;
  return URL.canParse(`http://${authority}`) ? new URL(`http://${authority}`).hostname : hostname.toLowerCase();
}
