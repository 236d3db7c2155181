import { authenticateClient } from './client-auth';
import type { EmulatorContext } from '../context';
import { invalidClient, invalidRequest, unsupportedGrantType } from './league-exceptions';
import { oauthParams, type EmulatorRequest } from '../http/request';
import { oauthReply, type Reply } from '../http/reply';
import { seconds } from '../clock';
import { tokenResponseBody } from './token-answer';
import type { CodePayload } from '../grants/grant-store';
import { checkCodeVerifier } from './pkce';

/**
 * `/oauth2/token`: exchanges an authorization code, with league/oauth2-server 8.x's checks in league's order
 * (`AuthCodeGrant::respondToAccessTokenRequest`). Every failure is HTTP 200 with `{"error","errorDescription"}`.
 */
export function handleToken(ctx: EmulatorContext, req: EmulatorRequest): Reply {
  return oauthReply(() => exchangeCode(ctx, req));
}

function exchangeCode(ctx: EmulatorContext, req: EmulatorRequest) {
  const params = oauthParams(req);
  // Worksection refreshes on its own endpoint; whether /oauth2/token takes refresh_token too is unknown, so
  // only the grant this endpoint is documented for (grant_type=authorization_code: the OAuth collection's
  // "oauth2_token" request) is enabled here, as a league server with one grant would be.
  if (params.get('grant_type') !== 'authorization_code') throw unsupportedGrantType();
  const client = authenticateClient(ctx.directory, req, params);
  const redirectUri = params.get('redirect_uri');
  // league's validateClient() refuses a redirect_uri the client never registered before looking at the code.
  if (redirectUri !== undefined && !client.redirectUris.includes(redirectUri)) throw invalidClient();

  const code = params.get('code');
  if (code === undefined) throw invalidRequest('code');
  let payload: CodePayload;
  try {
    payload = ctx.grants.openCode(code);
  } catch {
    throw invalidRequest('code', 'Cannot decrypt the authorization code');
  }
  if (typeof payload.authCodeId !== 'string') throw invalidRequest('code', 'Authorization code malformed');
  if (seconds(ctx.clock) > payload.expireTime) throw invalidRequest('code', 'Authorization code has expired');
  if (ctx.grants.isCodeRevoked(payload.authCodeId)) {
    if (ctx.options.revokeTokensOnCodeReuse) ctx.grants.revokeIssuedByCode(payload.authCodeId);
    throw invalidRequest('code', 'Authorization code has been revoked');
  }
  if (payload.clientId !== client.clientId) throw invalidRequest('code', 'Authorization code was not issued to this client');
  if (redirectUri === undefined) throw invalidRequest('redirect_uri');
  if (payload.redirectUri !== redirectUri) throw invalidRequest('redirect_uri', 'Invalid redirect URI');
  // PKCE last, as league does, and before the code is revoked: a failed verifier leaves the code usable.
  checkCodeVerifier(
    payload.codeChallenge !== null && payload.codeChallengeMethod !== null
      ? { challenge: payload.codeChallenge, method: payload.codeChallengeMethod }
      : undefined,
    params.get('code_verifier'),
    ctx.options.pkceDowngradeProtection !== false,
  );

  const grant = { clientId: payload.clientId, userId: payload.userId, accountId: payload.accountId, scopes: payload.scopes };
  const issued = ctx.grants.issueTokens(grant);
  ctx.grants.consumeCode(payload.authCodeId, issued);
  return tokenResponseBody(ctx, issued, grant.accountId, true);
}
