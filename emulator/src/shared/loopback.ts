/**
 * Whether `hostname` (as `URL.hostname` gives it) is a loopback name: `localhost`, `127.0.0.0/8` or `[::1]`. The
 * emulator accepts plain `http:` redirect URIs only there (unless `strictHttps`), Worksection accepts none. The
 * emulator's own copy: it shares no code with `passport-worksection`.
 */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
}
