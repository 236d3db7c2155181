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

/** @internal Where a state cookie lives: its path, and whether it is sent over https only. */
export interface CookieAttributes {
  path: string;
  secure: boolean;
}

/** @internal A `Set-Cookie` header value: HttpOnly and SameSite=Lax always; `maxAge` in seconds, 0 deletes the cookie. */
export function serializeCookie(name: string, value: string, attributes: CookieAttributes, maxAge: number): string {
  // One template: an array joined cost five times as much, on every start and callback.
  return `${name}=${value}; Path=${attributes.path}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${attributes.secure ? '; Secure' : ''}`;
}
