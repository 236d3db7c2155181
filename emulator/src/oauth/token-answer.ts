import type { EmulatorContext } from '../context';
import { ACCESS_TTL_SECONDS, type IssuedTokens } from '../grants/grant-store';

/** A token answer's fields, in Worksection's key order. */
export interface TokenResponseBody {
  token_type: 'Bearer';
  expires_in: number;
  access_token: string;
  refresh_token: string;
  account_url?: string;
}

/**
 * The success body of /oauth2/token and /oauth2/refresh. Key order matters: Worksection sends token_type,
 * expires_in, access_token, refresh_token, account_url, and no `scope`.
 */
export function tokenResponseBody(
  ctx: EmulatorContext,
  issued: IssuedTokens,
  accountId: string,
  withAccountUrl: boolean,
): TokenResponseBody {
  const body: TokenResponseBody = {
    token_type: 'Bearer',
    expires_in: ACCESS_TTL_SECONDS,
    access_token: issued.accessToken,
    refresh_token: issued.refreshToken,
  };
  if (withAccountUrl) body.account_url = ctx.accountUrl(accountId);
  return body;
}
