import { INVALID_RESPONSE } from '../errors/codes';
import { WorksectionResponseError } from '../errors/response-error';

/** The body of Worksection's `/oauth2/resource`: flat, `id` a string, these five fields. */
export interface WorksectionUserInfo {
  id: string;
  first_name?: string;
  last_name?: string;
  email?: string;
  account_url?: string;
  [key: string]: unknown;
}

/**
 * The signed-in person, in Passport's normalized profile shape (compatible with `passport.Profile`).
 * A Worksection user id is only meaningful within its account: key your users on `(accountUrl, id)`.
 */
export interface WorksectionProfile {
  provider: 'worksection';
  /** Worksection's user id, a string such as `'3993'`. Unique within one account only. */
  id: string;
  /** First and last name, or the email, or the id: never empty. */
  displayName: string;
  name: { givenName: string; familyName: string };
  /** The email, lowercased (Worksection returns arbitrary letter case; the original is in `_json`). */
  emails: Array<{ value: string }>;
  /** The account the user signed in to, e.g. `https://acc1234.worksection.com`. */
  accountUrl?: string;
  /** The body as received. */
  _raw: string;
  /** The parsed body, untouched. */
  _json: WorksectionUserInfo;
}

/**
 * Maps a `/oauth2/resource` body to a {@link WorksectionProfile}. Pure: no I/O.
 * Throws a {@link WorksectionResponseError} (code `WORKSECTION_INVALID_RESPONSE`) when `json` is not an object,
 * `id` is missing or not a non-empty string of digits and letters, or a name/email/account_url field is not a string.
 *
 * @param json - the parsed body
 * @param raw - the body as received; defaults to `JSON.stringify(json)`
 */
export function parseProfile(json: unknown, raw?: string): WorksectionProfile {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw malformed('is not a JSON object');
  }
  const info = json as Record<string, unknown>;
  // Worksection sends the id as a string; a number would lose leading zeros and an empty id names nobody.
  if (typeof info.id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(info.id)) {
    throw malformed('has a missing or malformed id');
  }
  for (const key of ['first_name', 'last_name', 'email', 'account_url']) {
    if (info[key] !== undefined && info[key] !== null && typeof info[key] !== 'string') {
      throw malformed(`has a ${key} that is not a string`);
    }
  }
  const givenName = ((info.first_name as string | undefined) ?? '').trim();
  const familyName = ((info.last_name as string | undefined) ?? '').trim();
  const email = ((info.email as string | undefined) ?? '').trim();
  const accountUrl = info.account_url ? (info.account_url as string) : undefined;
  const profile: WorksectionProfile = {
    provider: 'worksection',
    id: info.id,
    displayName: `${givenName} ${familyName}`.trim() || email || info.id,
    name: { givenName, familyName },
    emails: email ? [{ value: email.toLowerCase() }] : [],
    _raw: raw ?? JSON.stringify(json),
    _json: info as WorksectionUserInfo,
  };
  if (accountUrl !== undefined) profile.accountUrl = accountUrl;
  return profile;
}

function malformed(what: string): WorksectionResponseError {
  return new WorksectionResponseError(
    `Worksection's user info (/oauth2/resource) ${what}, so nobody can be signed in. Check the profileURL option.`,
    INVALID_RESPONSE,
  );
}
