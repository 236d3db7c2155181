import { seconds } from '../clock';
import type { EmulatorContext } from '../context';
import type { AccessRecord } from '../grants/grant-store';
import { AccessTokenError } from '../errors/access-token-error';
import { JwtError } from '../errors/jwt-error';
import { verifyJwt, type AccessTokenClaims } from '../grants/access-token-jwt';

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
