import { WorksectionOAuthError } from '../errors/oauth-error';

/** The `fail()` message when Worksection reports that the user declined: fixed, never Worksection's own text. */
export const ACCESS_DENIED_MESSAGE = 'You declined to sign in with Worksection.';
/** The `fail()` message when the callback carries a state but neither a code nor an error. */
export const NO_CODE_MESSAGE = 'Worksection sent no authorization code. Please sign in again.';
/** The `fail()` message when Worksection says the code was already used. */
export const CODE_USED_MESSAGE = 'This Worksection sign-in was already used. Please sign in again.';
/** The `fail()` message when the code expired (Worksection: 10 minutes). */
export const CODE_EXPIRED_MESSAGE = 'The Worksection sign-in took too long and expired. Please sign in again.';
/** The `fail()` message for any other code Worksection does not accept. */
export const CODE_INVALID_MESSAGE = 'Worksection did not accept the sign-in. Please sign in again.';
/** The `fail()` message when the callback's state is missing, forged, expired, replayed or from another browser. */
export const STATE_MESSAGE =
  'This sign-in could not be verified: it expired, was already used or was started in another browser. Please sign in again.';
/** The `fail()` message when the callback repeats `code`, `state` or `error`, or sends one as a nested field. */
export const MALFORMED_CALLBACK_MESSAGE = 'The sign-in link back from Worksection was malformed. Please sign in again.';
/** The `fail()` message when the user signed in to a Worksection account the `allowedAccounts` option does not list. */
export const ACCOUNT_NOT_ALLOWED_MESSAGE = 'This Worksection account cannot sign in here. Please sign in again and choose another account.';

/**
 * @internal
 * The `fail()` message for a token-exchange error the user fixes by signing in again (a revoked, expired or
 * invalid code), or undefined when the error is for the developer. Worksection (league/oauth2-server) reports
 * code problems as `invalid_request` with a hint about the code ("Authorization code has been revoked",
 * "…has expired", "…was not issued to this client", "Cannot decrypt the authorization code"), while the
 * standard says `invalid_grant`. A redirect_uri mismatch is misconfiguration, not the user's to fix.
 */
export function failureMessage(err: unknown): string | undefined {
  if (!(err instanceof WorksectionOAuthError)) return undefined;
  const description = err.description ?? '';
  const aboutCode = /\bcode\b/i.test(description);
  const fixable = err.error === 'invalid_grant' || (err.error === 'invalid_request' && aboutCode);
  if (!fixable || /redirect/i.test(description)) return undefined;
  if (/revoked|already used|used/i.test(description)) return CODE_USED_MESSAGE;
  if (/expired/i.test(description)) return CODE_EXPIRED_MESSAGE;
  return CODE_INVALID_MESSAGE;
}
