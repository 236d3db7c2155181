import type { TokenResponse } from './token-request';

/**
 * The `params` of a sign-in (the verify callback's, and those of `WorksectionOAuth.exchangeCode()`): Worksection's
 * token answer without `refresh_token` (a value of its own) plus `expires_at`.
 */
export interface TokenParams {
  token_type: string;
  /** Seconds the access token lives (Worksection: 86400). */
  expires_in: number;
  access_token: string;
  /**
   * The account the user signed in to, e.g. `https://acc1234.worksection.com`; already checked to be https on
   * worksection.com (or on the origin of `baseURL`). The account API lives at `{account_url}/api/oauth2`. Always
   * there: a sign-in whose token answer lacks it is refused (Worksection's answer to a code always has it; its refresh
   * answers, which are no sign-in, do not: see `TokenSet.accountUrl`).
   */
  account_url: string;
  /** When the access token expires, in milliseconds since the epoch (comparable with `Date.now()`). */
  expires_at: number;
  [key: string]: unknown;
}

/**
 * @internal
 * The `params` of a checked token answer: the body minus refresh_token (as node-oauth hands it to passport-oauth2),
 * plus `expires_at` in milliseconds since the epoch. A null prototype: a crafted key such as "__proto__" stays a
 * plain key (the body was parsed the same way).
 */
export function tokenParams(tokens: TokenResponse): TokenParams {
  const params = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(tokens.json)) if (key !== 'refresh_token') params[key] = tokens.json[key];
  params.expires_at = Date.now() + tokens.expiresIn * 1000;
  return params as TokenParams;
}
