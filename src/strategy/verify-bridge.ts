import type { Request } from 'express';
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
 * Calls the app's verify function in the form it was written in: one object (`Function.length === 1`), or
 * passport-oauth2's four to six positional arguments. The account checks ran before, in the sign-in flow.
 */
export function bridgeVerify(verify: AnyVerify, passReqToCallback: boolean): BridgedVerify {
  const call = verify as (...args: unknown[]) => unknown;
  return (req, accessToken, refreshToken, params, profile, verified) => {
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
