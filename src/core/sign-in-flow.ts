import { authorizeError, type CallbackFields } from '../oauth/callback-query';
import { ACCESS_DENIED_MESSAGE, MALFORMED_CALLBACK_MESSAGE, NO_CODE_MESSAGE, STATE_MESSAGE } from '../oauth/fail-messages';
import type { WorksectionProfile } from '../oauth/profile';
import { accountProblem, codeExchangeProblem, missingAccountUrl, type SignInProblem } from '../oauth/sign-in-outcome';
import type { SignInTokens } from './sign-in-tokens';

/**
 * @internal
 * What the state store found for the callback's state: a sign-in this browser started (with its PKCE verifier,
 * and what an app-state store keeps for `authInfo.state`), or not (with the store's own failure info, if any).
 */
export type StateVerdict = { ok: true; codeVerifier: string | undefined; appState?: unknown } | { ok: false; info?: { message: string } };

/** @internal The steps of a sign-in that differ between the core and the Passport strategy. */
export interface SignInSteps {
  /** Checks the callback's state: always the first step, before Worksection's answer is read or any call is made. */
  checkState(state: string | undefined): StateVerdict | Promise<StateVerdict>;
  /** Exchanges the code (with the verifier the state kept). */
  exchangeCode(code: string, codeVerifier: string | undefined): Promise<SignInTokens>;
  /** Loads the profile, or resolves undefined where it is skipped (`skipUserProfile`). */
  loadProfile(accessToken: string): Promise<WorksectionProfile | undefined>;
  /** Keys of the accounts allowed to sign in, or undefined for any. */
  allowedAccounts: ReadonlySet<string> | undefined;
}

/**
 * @internal
 * How a sign-in ended. `ok`: signed in. Otherwise `info.message` says why not, in words for the user, who fixes it
 * by signing in again; `status` is the HTTP status to answer with where the app has no failure redirect.
 */
export type SignInOutcome =
  | { ok: true; tokens: SignInTokens; profile: WorksectionProfile | undefined; appState: unknown }
  | { ok: false; info: { message: string }; status: number | undefined };

/**
 * @internal
 * The callback half of "Sign in with Worksection", in one place for the core and the Passport strategy: the
 * callback's fields must be single values; then the state (a callback carrying Worksection's `error` included, so
 * that a forged link cannot show the user anything); Worksection's `error`; the code; the exchange; the allowed
 * accounts; the profile; the profile and the token naming one account. What the user can fix resolves
 * `{ ok: false }`; what the developer must fix rejects with a typed error.
 */
export async function completeSignIn(fields: CallbackFields | undefined, steps: SignInSteps): Promise<SignInOutcome> {
  if (fields === undefined) return failed(MALFORMED_CALLBACK_MESSAGE, 400);
  const verdict = await steps.checkState(fields.state);
  if (!verdict.ok) return { ok: false, info: verdict.info ?? { message: STATE_MESSAGE }, status: 403 };
  if (fields.error !== undefined) {
    // Never Worksection's error_description in the page: league sends one, and the link may be forged.
    if (fields.error === 'access_denied') return failed(ACCESS_DENIED_MESSAGE);
    throw authorizeError(fields);
  }
  if (fields.code === undefined || fields.code === '') return failed(NO_CODE_MESSAGE);
  let tokens: SignInTokens;
  try {
    tokens = await steps.exchangeCode(fields.code, verdict.codeVerifier);
  } catch (err) {
    return settle(codeExchangeProblem(err));
  }
  // The params' type says account_url is there: this is where that is made true for a sign-in.
  if (typeof (tokens.params.account_url as unknown) !== 'string') throw missingAccountUrl();
  const allowed = accountProblem(tokens.params.account_url, undefined, steps.allowedAccounts);
  if (allowed !== undefined) return settle(allowed);
  const profile = await steps.loadProfile(tokens.accessToken);
  const mismatch = accountProblem(tokens.params.account_url, profile?.accountUrl, undefined);
  if (mismatch !== undefined) return settle(mismatch);
  return { ok: true, tokens, profile, appState: verdict.appState };
}

function failed(message: string, status?: number): SignInOutcome {
  return { ok: false, info: { message }, status };
}

function settle(problem: SignInProblem): SignInOutcome {
  if ('fail' in problem) return failed(problem.fail);
  throw problem.error;
}
