import { seconds } from '../state/clock';
import type { EmulatorContext } from '../state/context';
import type { AccessRecord } from '../state/grants';
import { JwtError, verifyJwt, type AccessTokenClaims } from '../state/jwt';

/** Why an access token was refused; `expired` lets the account API answer HTTP 401 as Worksection does. */
export class AccessTokenError extends Error {
  override name = 'AccessTokenError';
  constructor(
    message: string,
    readonly expired: boolean,
  ) {
    super(message);
  }
}

/**
 * Checks an access token: signature and expiry as firebase/php-jwt would (its messages are what Worksection
 * answers with), then revocation in the store. Returns the server's record of the token.
 */
export function checkAccessToken(ctx: EmulatorContext, token: string): AccessRecord {
  let claims: AccessTokenClaims;
  try {
    claims = verifyJwt(token, ctx.keys.publicKey, seconds(ctx.clock));
  } catch (err) {
    if (err instanceof JwtError) throw new AccessTokenError(err.message, err.message === 'Expired token');
    throw err;
  }
  const record = ctx.grants.accessToken(claims.jti);
  if (!record || record.revoked) throw new AccessTokenError('Token has been revoked', false);
  return record;
}
