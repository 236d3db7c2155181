import { ACTION_HANDLERS, ADMIN_ONLY_HANDLERS } from '../account-api/actions';
import { actionContext } from '../account-api/actions/action';
import { actionReply, apiErrorReply } from '../account-api/api-reply';
import { actionInvalid, actionRequired } from '../account-api/api-refusals';
import { readCallInput } from '../account-api/request-params';
import type { EmulatorContext } from '../context';
import { ApiError } from '../errors/api-error';
import type { EmulatorRequest } from '../http/request';
import { jsonReply, type Reply } from '../http/reply';
import { ADMIN_REQUIRED_PARAMS, isAdminActionName, isAdminOnlyActionName } from './admin-actions';
import { isGoodSignature } from './admin-signature';

/**
 * The admin API's path under an account: `{account_url}/api/admin/v2`, the official clients' `ADMIN_PATH`
 * (worksection/php-api-client `src/Client.php` @7c48e646); the FAQ's links end it with a slash
 * (https://worksection.com/en/faq/api-start.html), which is taken too.
 */
export const ADMIN_API_PATH = /^\/([A-Za-z0-9_-]+)\/api\/admin\/v2\/?$/;

/**
 * Worksection's answer to a missing or wrong signature, word for word (FAQ https://worksection.com/en/faq/api-start.html):
 * without `message_details`, with HTTP 200 as the FAQ's samples are (the HTTP status is inferred).
 */
export const HASH_REFUSED = { status: 'error', status_code: 2, message: 'Action hash is missed or invalid' } as const;

/**
 * `{account_url}/api/admin/v2?action=…`: Worksection's admin API, called with the account's API key as its official
 * clients 2.1 call it, over the same store as the OAuth account API (a write through one is read through the
 * other). The action is the query string's `action`, the one the signature covers (a body's `action` changes
 * nothing); the signature is `Authorization: Admin <t>_<hex HMAC-SHA256 of "<action>:<t>" keyed with the key>`,
 * with `t` within five minutes of the emulator's clock (the window is inferred). Parameters as on `/api/oauth2`:
 * query string, JSON body, or multipart for `upload_files`.
 */
export function handleAdminApi(ctx: EmulatorContext, req: EmulatorRequest): Reply | Promise<Reply> {
  try {
    return run(ctx, req);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return apiErrorReply(err);
  }
}

function run(ctx: EmulatorContext, req: EmulatorRequest): Reply | Promise<Reply> {
  // The router sends only paths that match ADMIN_API_PATH here.
  const accountId = ADMIN_API_PATH.exec(req.path)?.[1];
  const account = ctx.directory.account(accountId);
  const key = accountId === undefined ? undefined : ctx.adminKeys.get(accountId);
  if (!account || key === undefined) throw new ApiError(404, 'Account not found', '', 404);

  // The order of the checks is inferred: a call without an action has nothing to sign, and the body is read only
  // for a signed call.
  const action = req.query.get('action');
  if (action === null || action === '') throw actionRequired();
  if (!isGoodSignature(req.headers.authorization, action, key, ctx.clock.now())) return jsonReply(HASH_REFUSED);
  if (!isAdminActionName(action)) throw actionInvalid(action.slice(0, 100));

  const { params, files } = readCallInput(req);
  for (const name of ADMIN_REQUIRED_PARAMS[action] ?? []) params.required(name);

  const store = ctx.accountStores.get(account.id);
  const owner = store.state.users.find((u) => u.role === 'owner') ?? store.state.users[0];
  // An account with no members: nobody to record a write as (the emulator's own case; a Worksection account has an owner).
  if (!owner) throw new ApiError(403, 'Account has no owner', 'The admin API acts as the account owner', 403);
  const c = actionContext(ctx, account, { caller: 'admin', me: owner, p: params, files });
  return actionReply(isAdminOnlyActionName(action) ? ADMIN_ONLY_HANDLERS[action](c) : ACTION_HANDLERS[action](c));
}
