import { AccessTokenError } from '../errors/access-token-error';
import { checkAccessToken } from './access-token';
import { authenticateClient } from './client-auth';
import type { EmulatorContext } from '../context';
import { invalidRequest } from './league-exceptions';
import { oauthParams, type EmulatorRequest } from '../http/request';
import { oauthReply, type Reply } from '../http/reply';

/** The flat body of `/oauth2/resource`: exactly these five fields, `id` a string (Postman collection). */
export interface ResourceBody {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  account_url: string;
}

/**
 * `/oauth2/resource`: who signed in. Client credentials and `access_token` from a form body or the query.
 * A bad token is `{"error":"not_authorized","errorDescription":…}` with HTTP 200.
 */
export function handleResource(ctx: EmulatorContext, req: EmulatorRequest): Reply {
  return oauthReply(() => {
    try {
      return resourceBody(ctx, req);
    } catch (err) {
      // A JWT decoder's words, e.g. "Malformed UTF-8 characters" (Postman collection).
      if (err instanceof AccessTokenError) return { error: 'not_authorized', errorDescription: err.message };
      throw err;
    }
  });
}

function resourceBody(ctx: EmulatorContext, req: EmulatorRequest): ResourceBody {
  const params = oauthParams(req);
  const client = authenticateClient(ctx.directory, req, params);
  const token = params.get('access_token');
  if (token === undefined) throw invalidRequest('access_token');
  const record = checkAccessToken(ctx, token);
  // A token is only good for the client it was issued to (its `aud`).
  if (record.clientId !== client.clientId) throw new AccessTokenError('Token is not linked to client', false);
  const user = ctx.directory.user(record.userId);
  if (!user) throw new AccessTokenError('User not found', false);
  const body: ResourceBody = {
    id: user.id,
    first_name: user.firstName,
    last_name: user.lastName,
    // As stored, letter case included: Worksection returns emails in arbitrary case.
    email: user.email,
    account_url: ctx.accountUrl(record.accountId),
  };
  return body;
}
