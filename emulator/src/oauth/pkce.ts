import { createHash } from 'node:crypto';
import { safeEqual } from '../shared/constant-time';
import type { OAuthError } from '../errors/oauth-error';
import { invalidGrant, invalidRequest } from './league-exceptions';

/** The PKCE methods league/oauth2-server 8.x registers, in its order (`S256` first, so its hint lists it first). */
export const CODE_CHALLENGE_METHODS = ['S256', 'plain'] as const;

/** A PKCE method league accepts. */
export type CodeChallengeMethod = (typeof CODE_CHALLENGE_METHODS)[number];

/** The challenge an authorization request carried, kept with the pending request and sealed in its code. */
export interface CodeChallenge {
  challenge: string;
  method: CodeChallengeMethod;
}

// RFC 7636 §4.1/§4.2, as league writes it: preg_match('/^[A-Za-z0-9-._~]{43,128}$/'). PHP's `$` also matches
// before one final newline, so league accepts a value with a trailing "\n" (and keeps the "\n").
const RFC_7636 = /^[A-Za-z0-9._~-]{43,128}\n?$/;

const isMethod = (value: string): value is CodeChallengeMethod => (CODE_CHALLENGE_METHODS as readonly string[]).includes(value);

/**
 * The code challenge of an /oauth2/authorize query, checked as league 8.x's `AuthCodeGrant::validateAuthorizationRequest`
 * does: no `code_challenge` means no PKCE; with one, `code_challenge_method` defaults to `plain`, is checked
 * first (exact case), then the challenge's form. Returns the OAuthError league would throw (an invalid_request
 * without a redirect URI, so the browser is not sent back) instead of throwing.
 */
export function readCodeChallenge(query: URLSearchParams): CodeChallenge | OAuthError | undefined {
  const challenge = query.get('code_challenge');
  if (challenge === null) return undefined;
  const method = query.get('code_challenge_method') ?? 'plain';
  if (!isMethod(method)) {
    return invalidRequest(
      'code_challenge_method',
      `Code challenge method must be one of ${CODE_CHALLENGE_METHODS.map((m) => `\`${m}\``).join(', ')}`,
    );
  }
  if (!RFC_7636.test(challenge)) return invalidRequest('code_challenge', 'Code challenge must follow the specifications of RFC-7636.');
  return { challenge, method };
}

/**
 * league 8.x's PKCE checks at the token step, after the code itself passed: throws {@link OAuthError}.
 * `downgradeProtection` is league 8.4.0's refusal of a `code_verifier` for a code that has no challenge; up to
 * 8.3.x such a verifier is ignored. None of these failures uses up the code: league revokes it only on success.
 */
export function checkCodeVerifier(stored: CodeChallenge | undefined, verifier: string | undefined, downgradeProtection: boolean): void {
  if (stored === undefined) {
    if (verifier !== undefined && downgradeProtection) {
      throw invalidRequest('code_challenge', 'code_verifier received when no code_challenge is present');
    }
    return;
  }
  if (verifier === undefined) throw invalidRequest('code_verifier');
  if (!RFC_7636.test(verifier)) throw invalidRequest('code_verifier', 'Code Verifier must follow the specifications of RFC-7636.');
  const expected = stored.method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  if (!safeEqual(expected, stored.challenge)) throw invalidGrant('Failed to verify `code_verifier`.');
}
