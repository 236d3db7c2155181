import { UNTRUSTED_ACCOUNT_URL } from '../errors/codes';
import { WorksectionResponseError } from '../errors/response-error';
import { isWorksectionHost } from './endpoints';

/** How many accepted account URLs are remembered: one per account signing in, each a few dozen bytes. */
const MAX_ACCEPTED = 1000;
/** Account URLs accepted, with the `baseURL` they were accepted for. Only accepted ones: a refusal is not cached. */
const accepted = new Map<string, string>();

/**
 * @internal
 * Checks an `account_url` before anyone uses it as an API host or keys a user on it: it must be `https:` on
 * worksection.com or a subdomain (how Worksection hands them out, e.g. `https://acc1234.worksection.com`), or
 * on the same origin as `baseURL` (how the emulator serves accounts, e.g. `http://127.0.0.1:4000/acc1234`).
 * Returns the value; throws a {@link WorksectionResponseError} otherwise.
 */
export function checkAccountUrl(value: unknown, baseURL: string, label: string): string {
  // Every sign-in checks its account's URL twice (token answer, profile): the same few values, parsed once.
  if (typeof value === 'string' && accepted.get(value) === baseURL) return value;
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  const ok =
    url !== undefined &&
    url.username === '' &&
    url.password === '' &&
    ((url.protocol === 'https:' && isWorksectionHost(url.hostname)) || url.origin === new URL(baseURL).origin);
  if (!ok) {
    throw new WorksectionResponseError(
      `${label} returned an account_url that is neither https on worksection.com nor on the origin of baseURL; ` +
        'nobody was signed in. Check the baseURL option, or whether something impersonates Worksection.',
      UNTRUSTED_ACCOUNT_URL,
    );
  }
  if (accepted.size >= MAX_ACCEPTED) accepted.clear();
  accepted.set(value as string, baseURL);
  return value as string;
}
