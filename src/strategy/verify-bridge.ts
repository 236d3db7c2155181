import type { Request } from 'express';
import { accountProblem } from '../oauth/sign-in-outcome';
import type { WorksectionProfile } from '../oauth/profile';
import { settle } from './settle';
import type { TokenParams } from '../oauth/token-params';
import type { VerifyCallback, VerifyFunctionWithObject } from './types';

/** The verify forms passport-oauth2 knows, told apart by their number of parameters, plus the one-object form. */
type AnyVerify = (...args: never[]) => unknown;

/** @internal The verify function passport-oauth2 is given: always with the request and the token params. */
export type BridgedVerify = (
  req: Request,
  accessToken: string,
  refreshToken: string,
  params: TokenParams,
  profile: WorksectionProfile | undefined,
  verified: VerifyCallback,
) => void;

/**
 * @internal
 * Wraps the app's verify function: first the checks that must pass before any user is looked up (the account is
 * allowed, the profile belongs to the token's account), then the app's function in the form it was written in:
 * one object (`Function.length === 1`), or passport-oauth2's four to six positional arguments.
 */
export function bridgeVerify(
  verify: AnyVerify,
  passReqToCallback: boolean,
  allowedAccounts: ReadonlySet<string> | undefined,
): BridgedVerify {
  const call = verify as (...args: unknown[]) => unknown;
  return (req, accessToken, refreshToken, params, profile, verified) => {
    const problem = accountProblem(params.account_url, profile?.accountUrl, allowedAccounts);
    if (problem !== undefined) {
      if ('fail' in problem) verified(null, false, { message: problem.fail });
      else verified(problem.error);
      return;
    }
    // A function of one parameter cannot take passport-oauth2's `done`: it is the one-object form.
    if (verify.length === 1) {
      let result: unknown;
      try {
        result = (verify as VerifyFunctionWithObject<WorksectionProfile | undefined>)({ accessToken, refreshToken, params, profile, req });
      } catch (err) {
        verified(err);
        return;
      }
      settle(
        Promise.resolve(result),
        (user) => (user ? verified(null, user) : verified(null, false)),
        (err: unknown) => verified(err),
      );
      return;
    }
    const leading = passReqToCallback ? [req] : [];
    const withParams = verify.length === leading.length + 5;
    call(...leading, accessToken, refreshToken, ...(withParams ? [params] : []), profile, verified);
  };
}
