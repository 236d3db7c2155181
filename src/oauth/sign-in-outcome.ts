import { ACCOUNT_URL_MISMATCH, INVALID_RESPONSE } from '../errors/codes';
import { WorksectionConfigError } from '../errors/config-error';
import { WorksectionOAuthError } from '../errors/oauth-error';
import { WorksectionResponseError } from '../errors/response-error';
import { accountKey, isAllowedAccount } from './allowed-accounts';
import { ACCOUNT_NOT_ALLOWED_MESSAGE, failureMessage } from './fail-messages';

/**
 * @internal
 * How a sign-in ends when something is wrong: `fail` with a message the user can act on by signing in again
 * (Passport's `fail()`, the failureRedirect), or `error` for the developer (Passport's `error()`, a 500).
 */
export type SignInProblem = { fail: string } | { error: unknown };

/**
 * @internal
 * What a failed code exchange means. league/oauth2-server 8.4+ answers a code verifier sent for a code issued
 * without a challenge with "code_verifier received when no code_challenge is present": the server (or the front
 * end before it) dropped the challenge, so PKCE cannot work there and the `pkce` option must go.
 */
export function codeExchangeProblem(err: unknown): SignInProblem {
  if (err instanceof WorksectionOAuthError && /code_verifier received when no code_challenge/i.test(err.description ?? '')) {
    return {
      error: new WorksectionConfigError(
        'pkce',
        'This Worksection server does not support PKCE: it did not keep the code challenge, and refused the code verifier ' +
          `(${err.error}: ${err.description ?? ''}). Turn the pkce option off.`,
      ),
    };
  }
  const message = failureMessage(err);
  return message === undefined ? { error: err } : { fail: message };
}

/**
 * @internal
 * The error for a sign-in whose token answer names no account. Worksection's answer to a code always has
 * `account_url` (worksection-oauth2.md; the OAuth collection's "oauth2_token" success answer); without it nobody can be
 * keyed on (account_url, id), nor the account API reached. Its refresh answers lack it, and are no sign-in.
 */
export function missingAccountUrl(): WorksectionResponseError {
  return new WorksectionResponseError(
    "Worksection's token answer to the sign-in's code has no account_url, so nobody was signed in. " +
      'Check the tokenURL option, or whether something impersonates Worksection.',
    INVALID_RESPONSE,
  );
}

/**
 * @internal
 * The checks on whose account signed in, before any user is looked up: the token's account is allowed, and the
 * profile, when it names an account, names the token's.
 */
export function accountProblem(
  tokenAccount: unknown,
  profileAccount: string | undefined,
  allowed: ReadonlySet<string> | undefined,
): SignInProblem | undefined {
  if (allowed !== undefined && !isAllowedAccount(tokenAccount, allowed)) return { fail: ACCOUNT_NOT_ALLOWED_MESSAGE };
  // Worksection's refresh answers carry no account_url; a sign-in's token answer does, and so does its profile.
  if (profileAccount === undefined || typeof tokenAccount !== 'string') return undefined;
  // The same text names the same account (as it does on every sign-in); else compare them as URLs.
  if (profileAccount === tokenAccount || accountKey(profileAccount) === accountKey(tokenAccount)) return undefined;
  return {
    error: new WorksectionResponseError(
      "Worksection's user info names another account than its token answer did (account_url), so nobody was signed in. " +
        'Check the profileURL option, or whether something impersonates Worksection.',
      ACCOUNT_URL_MISMATCH,
    ),
  };
}
