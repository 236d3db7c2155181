/**
 * What the app keeps in the session for a signed-in user. A real app would key its own user record on
 * (`accountUrl`, `id`): a Worksection user id only means something within its account.
 */
export interface SessionUser {
  id: string;
  accountUrl: string;
  displayName: string;
  email?: string;
  /** Granted scopes, a hint read from the access token (Worksection's token answer has no `scope` field). */
  scopes?: string[];
  /** When the access token expires, ms since the epoch. */
  expiresAt: number;
  /**
   * The tokens, for calling the account API on the user's behalf. Kept server-side in the session store only:
   * never rendered, logged or put in a URL.
   */
  tokens: { accessToken: string; refreshToken: string };
}

/** The parts of the strategy's profile the app uses. */
export interface ProfileLike {
  id: string;
  displayName?: string;
  emails?: Array<{ value: string }>;
  accountUrl?: string;
  name?: { givenName?: string; familyName?: string };
}

/** The parts of the token answer (`params` of the verify callback) the app uses. */
export interface TokenParamsLike {
  account_url?: unknown;
  expires_in?: unknown;
  expires_at?: unknown;
  scopes?: unknown;
}

/** Builds the session's user from what the verify callback receives. */
export function toSessionUser(
  accessToken: string,
  refreshToken: string,
  params: TokenParamsLike,
  profile: ProfileLike,
  now: number = Date.now(),
): SessionUser {
  const accountUrl = typeof params.account_url === 'string' ? params.account_url : (profile.accountUrl ?? '');
  const fullName = [profile.name?.givenName, profile.name?.familyName].filter(Boolean).join(' ');
  const user: SessionUser = {
    id: profile.id,
    accountUrl,
    displayName: profile.displayName || fullName || profile.id,
    expiresAt: expiryOf(params, now),
    tokens: { accessToken, refreshToken },
  };
  const email = profile.emails?.[0]?.value;
  if (email) user.email = email;
  const scopes = grantedScopes(params, accessToken);
  if (scopes) user.scopes = scopes;
  return user;
}

function expiryOf(params: TokenParamsLike, now: number): number {
  // The strategy adds `expires_at` (ms since the epoch); `expires_in` (seconds, 24 h at Worksection) is the fallback.
  if (typeof params.expires_at === 'number' && Number.isFinite(params.expires_at)) return params.expires_at;
  const expiresIn = Number(params.expires_in);
  return now + (Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 86_400) * 1000;
}

function grantedScopes(params: TokenParamsLike, accessToken: string): string[] | undefined {
  if (Array.isArray(params.scopes)) return params.scopes.filter((s): s is string => typeof s === 'string');
  // Worksection's token answer has no `scope` field: the grant is only in the access token's JWT `scopes` claim.
  // Read without verifying the signature: it labels the profile page, it decides nothing.
  const payload = accessToken.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { scopes?: unknown };
    return Array.isArray(claims.scopes) ? claims.scopes.filter((s): s is string => typeof s === 'string') : undefined;
  } catch {
    return undefined;
  }
}
