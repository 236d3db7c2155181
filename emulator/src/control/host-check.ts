import { isIP } from 'node:net';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);
const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/**
 * Whether a request's `Host` header addresses this emulator: its port, and the host it was started on or a
 * loopback name (`localhost`, `127.0.0.1`, `[::1]`); with a wildcard host (`0.0.0.0`, `::`), any IP address too.
 *
 * A page on another site can point its own domain at 127.0.0.1 (DNS rebinding) and then script requests to the
 * emulator as same-origin: the browser then sends that domain as `Host`. The control endpoints change faults and
 * the clock of everyone's emulator, so they answer only a Host no such page can send: a name that is not a
 * loopback name or an IP address never reaches them.
 */
export function isOwnHost(hostHeader: string | undefined, bound: { host: string; port: number }): boolean {
  // A bare authority only: no user info, path or whitespace that URL parsing would quietly drop.
  if (hostHeader === undefined || !/^[A-Za-z0-9.\-[\]:]+$/.test(hostHeader)) return false;
  let url: URL;
  try {
    url = new URL(`http://${hostHeader}`);
  } catch {
    return false;
  }
  // URL drops the scheme's default port: Host "localhost" means port 80.
  if (Number(url.port || '80') !== bound.port) return false;
  const name = url.hostname.toLowerCase();
  if (LOOPBACK_NAMES.has(name)) return true;
  if (WILDCARDS.has(bound.host)) return isIP(name.replace(/^\[(.*)\]$/, '$1')) !== 0;
  return name === normalHost(bound.host);
}

/** A host as URL writes it (lower case, IPv6 in brackets and compressed); as given when URL cannot parse it. */
function normalHost(host: string): string {
  const authority = isIP(host) === 6 ? `[${host}]` : host;
  return URL.canParse(`http://${authority}`) ? new URL(`http://${authority}`).hostname : host.toLowerCase();
}
