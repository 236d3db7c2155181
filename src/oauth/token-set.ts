import { scopesFromAccessToken } from './jwt-scopes';
import type { TokenResponse } from './token-request';

/** What {@link Strategy.refresh} resolves to. Store `refreshToken` at once: Worksection has revoked the old one. */
export interface TokenSet {
  accessToken: string;
  /** The new refresh token. Worksection rotates them: the one you sent no longer works. */
  refreshToken: string;
  /** Seconds the access token lives (Worksection: 86400). */
  expiresIn: number;
  /** When the access token expires, in milliseconds since the epoch (comparable with `Date.now()`). */
  expiresAt: number;
  tokenType: 'Bearer';
  /** The account the grant belongs to, when Worksection includes it (its live refresh answers do not). */
  accountUrl?: string;
  /**
   * The granted scopes, read from the access token's JWT `scopes` claim WITHOUT verifying its signature:
   * a hint for your UI, not a security decision. Undefined if the token carries no such claim.
   */
  scopes?: string[];
}

/** @internal Builds the {@link TokenSet} of a checked refresh answer. */
export function toTokenSet(tokens: TokenResponse, refreshToken: string): TokenSet {
  const set: TokenSet = {
    accessToken: tokens.accessToken,
    refreshToken,
    expiresIn: tokens.expiresIn,
    expiresAt: Date.now() + tokens.expiresIn * 1000,
    tokenType: tokens.tokenType,
  };
  if (tokens.accountUrl !== undefined) set.accountUrl = tokens.accountUrl;
  const scopes = scopesFromAccessToken(tokens.accessToken);
  if (scopes !== undefined) set.scopes = scopes;
  return set;
}
