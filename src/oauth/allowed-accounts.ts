/**
 * @internal
 * The accounts of the `allowedAccounts` option, for comparison with a token's `account_url`. An entry is an account
 * URL (`https://acme.worksection.com`, or an emulator account such as `http://127.0.0.1:4000/acc1`) or a host name
 * (`acme.worksection.com`, meaning https). Returns undefined for an entry that is neither.
 */
export function accountKey(value: string): string | undefined {
  const text = value.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return undefined;
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return undefined;
  // Worksection's accounts are whole hosts; the emulator's are a first path segment on its own origin.
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`.toLowerCase();
}

/** @internal Whether `accountUrl` (a checked token `account_url`) is one of `allowed` (keys made by {@link accountKey}). */
export function isAllowedAccount(accountUrl: unknown, allowed: ReadonlySet<string>): boolean {
  if (typeof accountUrl !== 'string') return false;
  const key = accountKey(accountUrl);
  return key !== undefined && allowed.has(key);
}
