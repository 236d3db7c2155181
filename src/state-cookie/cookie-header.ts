/**
 * @internal
 * The cookies of a `Cookie` request header whose names start with `prefix`, as a browser sends them
 * (`a=1; b=2`). A name sent twice is dropped, since either copy may be an attacker's; an absurdly long header
 * reads as none. There is no cap on the count: the header's length bounds it, and a cap would hide the cookie a
 * callback looks for behind older ones.
 */
export function readCookies(header: string | readonly string[] | undefined, prefix: string): Map<string, string> {
  const text = Array.isArray(header) ? header.join('; ') : (header as string | undefined);
  const found = new Map<string, string>();
  const repeated = new Set<string>();
  if (text === undefined || text.length > 16_384) return found;
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    const name = eq === -1 ? '' : part.slice(0, eq).trim();
    if (!name.startsWith(prefix)) continue;
    if (found.has(name)) repeated.add(name);
    else found.set(name, part.slice(eq + 1).trim());
  }
  for (const name of repeated) found.delete(name);
  return found;
}

/** @internal The attributes of a state cookie. */
export interface CookieAttributes {
  path: string;
  secure: boolean;
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
}

/** @internal A `Set-Cookie` header value: HttpOnly and SameSite=Lax always. */
export function serializeCookie(name: string, value: string, attributes: CookieAttributes): string {
  const parts = [`${name}=${value}`, `Path=${attributes.path}`, `Max-Age=${attributes.maxAge}`, 'HttpOnly', 'SameSite=Lax'];
  if (attributes.secure) parts.push('Secure');
  return parts.join('; ');
}
