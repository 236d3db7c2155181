/**
 * @internal
 * Reads the `scopes` claim of a Worksection access token (an RS256 JWT issued by league/oauth2-server) without
 * verifying it: Worksection's token answers carry no `scope` field, so this is the only hint of what was granted.
 * Returns undefined when the token is not a JWT or has no string-array claim.
 */
export function scopesFromAccessToken(accessToken: string): string[] | undefined {
  const parts = accessToken.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
    const scopes = (claims as { scopes?: unknown } | null)?.scopes;
    if (!Array.isArray(scopes)) return undefined;
    return scopes.filter((s): s is string => typeof s === 'string');
  } catch {
    return undefined;
  }
}
