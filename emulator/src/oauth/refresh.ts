import { authenticateClient } from './client-auth';
import { seconds } from '../clock';
import type { EmulatorContext } from '../context';
import type { RefreshPayload } from '../grants/grant-store';
import { invalidRefreshToken, invalidRequest, invalidScope, unsupportedGrantType } from './league-exceptions';
import { oauthParams, type EmulatorRequest } from '../http/request';
import { oauthReply, type Reply } from '../http/reply';
import { splitScopes } from './scopes';
import { tokenResponseBody } from './token-answer';

/**
 * `/oauth2/refresh`: league 8.x's `RefreshTokenGrant` on its own endpoint, as Worksection runs it. Rotates:
 * the old refresh token and the access token issued with it are revoked before the new pair is issued.
 */
export function handleRefresh(ctx: EmulatorContext, req: EmulatorRequest): Reply {
  return oauthReply(() => refresh(ctx, req));
}

function refresh(ctx: EmulatorContext, req: EmulatorRequest) {
  const params = oauthParams(req);
  if (params.get('grant_type') !== 'refresh_token') throw unsupportedGrantType();
  const client = authenticateClient(ctx.directory, req, params);

  const token = params.get('refresh_token');
  if (token === undefined) throw invalidRequest('refresh_token');
  let payload: RefreshPayload;
  try {
    payload = ctx.grants.openRefreshToken(token);
  } catch {
    throw invalidRefreshToken('Cannot decrypt the refresh token');
  }
  if (payload.clientId !== client.clientId) throw invalidRefreshToken('Token is not linked to client');
  if (payload.expireTime < seconds(ctx.clock)) throw invalidRefreshToken('Token has expired');
  if (ctx.grants.isRefreshTokenRevoked(payload.refreshTokenId)) throw invalidRefreshToken('Token has been revoked');

  // league lets a refresh narrow the scopes, never widen them.
  let scopes = payload.scopes;
  const requested = params.get('scope');
  if (requested !== undefined && requested.trim() !== '') {
    const names = splitScopes(requested);
    for (const name of names) if (!payload.scopes.includes(name)) throw invalidScope(name);
    scopes = names;
  }

  ctx.grants.revokeAccessToken(payload.accessTokenId);
  ctx.grants.revokeRefreshToken(payload.refreshTokenId);
  const issued = ctx.grants.issueTokens({ clientId: payload.clientId, userId: payload.userId, accountId: payload.accountId, scopes });
  // The live server leaves account_url out of refresh answers although its docs show it (Postman collection).
  return tokenResponseBody(ctx, issued, payload.accountId, ctx.options.refreshAccountUrl === true);
}
