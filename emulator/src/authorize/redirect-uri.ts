import { isLoopback } from '../shared/loopback';

/**
 * Whether Worksection would send a browser to `uri`. Worksection requires HTTPS, localhost included; the
 * emulator also accepts http on loopback hosts so local apps need no certificate, unless `strictHttps`.
 */
export function isAcceptableRedirectUri(uri: string, strictHttps: boolean): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.hash !== '') return false; // RFC 6749 §3.1.2: no fragment
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && !strictHttps && isLoopback(url.hostname);
}

/** `uri` with `params` appended to its query, as league builds error and code redirects. */
export function withQuery(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.append(key, value);
  return url.toString();
}
