import { UNTRUSTED_ACCOUNT_URL } from '../errors/codes';
import { WorksectionResponseError } from '../errors/response-error';
import { isWorksectionHost } from './endpoints';

/**
 * @internal
 * Checks an `account_url` before anyone uses it as an API host or keys a user on it: it must be `https:` on
 * worksection.com or a subdomain (how Worksection hands them out, e.g. `https://acc1234.worksection.com`), or
 * on the same origin as `baseURL` (how the emulator serves accounts, e.g. `http://127.0.0.1:4000/acc1234`).
 * Returns the value; throws a {@link WorksectionResponseError} otherwise.
 */
export function checkAccountUrl(value: unknown, baseURL: string, label: string): string {
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
  return value as string;
}
