import { AccessTokenError } from '../errors/access-token-error';
import { checkAccessToken } from '../oauth/access-token';
import { ACTION_SCOPES, isActionName } from './action-scopes';
import { ACTION_HANDLERS } from './actions';
import { actionContext } from './actions/action';
import { actionReply, apiErrorReply } from './api-reply';
import { ApiError } from '../errors/api-error';
import { actionInvalid, actionRequired } from './api-refusals';
import type { EmulatorContext } from '../context';
import type { EmulatorRequest } from '../http/request';
import type { Reply } from '../http/reply';
import { readCallInput } from './request-params';

/** The account API's path under an account: `{account_url}/api/oauth2`. */
export const API_PATH = /^\/([A-Za-z0-9_-]+)\/api\/oauth2\/?$/;

/**
 * `{account_url}/api/oauth2?action=…`: the Worksection account API for OAuth tokens, every action of `ACTION_SCOPES` over the
 * account's in-memory store. Parameters in the query string, a JSON body or (upload_files) a multipart body; the
 * token as `Authorization: Bearer` or an `access_token` parameter.
 */
export function handleApi(ctx: EmulatorContext, req: EmulatorRequest): Reply | Promise<Reply> {
  try {
    return actionReply(run(ctx, req));
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return apiErrorReply(err);
  }
}

function bearer(req: EmulatorRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

function run(ctx: EmulatorContext, req: EmulatorRequest) {
  // The router sends only paths that match API_PATH here.
  const account = ctx.directory.account(API_PATH.exec(req.path)?.[1]);
  if (!account) throw new ApiError(404, 'Account not found', '', 404);
  const { params, files } = readCallInput(req);

  const token = bearer(req) ?? params.text('access_token');
  if (token === undefined) throw new ApiError(401, 'Access token is missing', 'Send it as Authorization: Bearer', 401);
  let record;
  try {
    record = checkAccessToken(ctx, token);
  } catch (err) {
    if (!(err instanceof AccessTokenError)) throw err;
    // Worksection answers an expired token with HTTP 401 "Access token is expired"; its own clients refresh once and replay.
    throw new ApiError(401, err.expired ? 'Access token is expired' : 'Access token is invalid', err.expired ? '' : err.message, 401);
  }
  if (record.accountId !== account.id)
    throw new ApiError(403, 'Access token does not belong to this account', `The token was issued for ${ctx.accountUrl(record.accountId)}`);

  const action = params.text('action');
  if (action === undefined) throw actionRequired();
  if (!isActionName(action)) throw actionInvalid(action.slice(0, 100));
  const needed = ACTION_SCOPES[action].scope;
  if (needed !== null && !record.scopes.includes(needed)) {
    throw new ApiError(403, 'Access denied: the token was not granted the scope this action needs', needed);
  }
  const store = ctx.accountStores.get(account.id);
  const me = store.user(record.userId);
  // A member removed from the account after sign-in: the token no longer opens it.
  if (!me) throw new ApiError(401, 'Access token is invalid', 'The user is not a member of this account', 401);
  const c = actionContext(ctx, account, { caller: 'oauth', me: me, p: params, files });
  return ACTION_HANDLERS[action](c);
}
