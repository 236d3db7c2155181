/** The longest `returnTo` kept; longer ones are refused rather than cut. */
export const MAX_RETURN_TO_LENGTH = 2048;

// Any origin works: it only serves to tell a path on this site from a URL that leaves it.
const PROBE_ORIGIN = 'http://return-to.invalid';

/**
 * Returns `value` as a same-origin relative path (`/path?query#hash`, normalised) or `undefined` when it could send
 * the browser anywhere else: absolute and scheme-relative URLs (`//evil.com`), backslash tricks browsers read as
 * slashes (`/\evil.com`), control characters browsers strip (`/\t/evil.com`), encoded forms of those, and paths
 * such as `/..//evil.com` that normalise into one.
 */
export function safeReturnTo(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_RETURN_TO_LENGTH) return undefined;
  if (!isPlainPath(value)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return undefined;
  }
  // A path that decodes into a scheme-relative URL is refused too: some proxies and frameworks decode before redirecting.
  if (!isPlainPath(decoded)) return undefined;
  let url: URL;
  try {
    url = new URL(value, PROBE_ORIGIN);
  } catch {
    return undefined;
  }
  if (url.origin !== PROBE_ORIGIN) return undefined;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Normalisation can turn `/a/..//evil.com` into `//evil.com`: check what would really be sent.
  return isPlainPath(path) ? path : undefined;
}

function isPlainPath(value: string): boolean {
  if (!value.startsWith('/')) return false;
  if (value[1] === '/' || value[1] === '\\') return false;
  // Browsers treat `\` as `/` and drop tabs and newlines from URLs, so either can rebuild `//host`.
  // eslint-disable-next-line no-control-regex -- the control characters are what this pattern looks for.
  return !/[\\\u0000-\u001f\u007f]/.test(value);
}
