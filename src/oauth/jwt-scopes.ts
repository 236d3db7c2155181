import { decodeJwtSegment } from '../shared/jwt-payload';

/**
 * @internal
 * Reads the `scopes` claim of a Worksection access token (an RS256 JWT issued by league/oauth2-server) without
 * verifying it: Worksection's token answers carry no `scope` field, so this is the only hint of what was granted.
 * Returns undefined when the token is not a JWT or has no string-array claim.
 */
export function scopesFromAccessToken(accessToken: string): string[] | undefined {
  const parts = accessToken.split('.');
  if (parts.length !== 3) return undefined;
  const scopes = decodeJwtSegment(parts[1] ?? '')?.scopes;
  if (!Array.isArray(scopes)) return undefined;
  return scopes.filter((s): s is string => typeof s === 'string');
}
