import { SCOPES } from '../../oauth/scopes';
import { checkAuthorizeQuery, errorRedirectParams } from './authorize-query';
import type { EmulatorContext } from '../state/context';
import { accessDenied } from '../oauth/oauth-error';
import { accountPage, consentPage, errorPage, FORM_PATHS, loginPage } from './pages';
import { cookie, formBody, type EmulatorRequest } from '../http/request';
import { PENDING_TTL_MS, type PendingAuthorization } from './pending';
import { withQuery } from './redirect-uri';
import { htmlReply, redirectReply, type Reply } from '../http/reply';
import { known } from '../state/known';
import type { EmulatorAccount, EmulatorClient, EmulatorUser } from '../types';

const csrfCookieName = (pendingId: string) => `wsemu_csrf_${pendingId}`;
const COOKIE_PATH = '/oauth2/authorize';

/**
 * `/oauth2/authorize` and the forms of its pages. GET checks the query, then either redirects at once
 * (`autoApprove`) or starts the sign-in → account → consent pages; the POST paths move through them.
 */
export function handleAuthorize(ctx: EmulatorContext, req: EmulatorRequest): Reply {
  if (req.path === '/oauth2/authorize') {
    return req.method === 'GET' || req.method === 'HEAD' ? start(ctx, req) : methodNotAllowed('GET');
  }
  if (req.method !== 'POST') return methodNotAllowed('POST');
  const form = formBody(req);
  const pendingId = form.get('request') ?? undefined;
  const pending = ctx.pending.verify(pendingId, form.get('csrf') ?? undefined, pendingId && cookie(req, csrfCookieName(pendingId)));
  if (!pending) {
    return htmlReply(
      errorPage('Page expired', 'invalid_request', 'This form has expired or was not opened in this browser (CSRF check failed).'),
      403,
    );
  }
  switch (req.path) {
    case FORM_PATHS.login:
      return login(ctx, pending, form);
    case FORM_PATHS.account:
      return pickAccount(ctx, pending, form.get('account_id') ?? '');
    case FORM_PATHS.decision:
      return decide(ctx, pending, form.get('decision'));
    default:
      return htmlReply(errorPage('Not found', 'not_found', 'There is no such page.'), 404);
  }
}

function methodNotAllowed(allowed: string): Reply {
  return htmlReply(errorPage('Method not allowed', 'invalid_request', `Use ${allowed}.`), 405, { Allow: allowed });
}

function start(ctx: EmulatorContext, req: EmulatorRequest): Reply {
  const check = checkAuthorizeQuery(ctx.directory, req.query, {
    strictHttps: ctx.options.strictHttps === true,
    defaultScopes: ctx.options.defaultScopes === undefined ? SCOPES : ctx.options.defaultScopes,
    ignoreCodeChallenge: ctx.options.ignoreCodeChallenge === true,
  });
  if (check.kind === 'page')
    return htmlReply(errorPage('Cannot sign in', check.error.error, check.error.description, check.detail), check.status);
  if (check.kind === 'redirect') return redirectReply(withQuery(check.redirectUri, errorRedirectParams(check.error, check.state)));

  const { client, redirectUri, state, scopes, codeChallenge } = check.request;
  const auto = ctx.options.autoApprove;
  if (auto) {
    // createEmulator checked that autoApprove names a user (or that there is one) and that users have accounts.
    const user = known(
      typeof auto === 'object' && auto.userId !== undefined ? ctx.directory.user(auto.userId) : ctx.directory.users[0],
      'the autoApprove user',
    );
    const accountId =
      typeof auto === 'object' && auto.accountId !== undefined
        ? auto.accountId
        : known(user.accountIds[0], `an account of user "${user.id}"`);
    const code = ctx.grants.issueCode({ clientId: client.clientId, userId: user.id, accountId, scopes }, redirectUri, codeChallenge);
    return redirectReply(withQuery(redirectUri, { code, state }));
  }

  // The challenge waits server-side with the rest of the request, through sign-in, account picker and consent.
  const pending = ctx.pending.create({ clientId: client.clientId, redirectUri, state, scopes, codeChallenge });
  return htmlReply(loginPage({ pending, client, users: ctx.directory.users }), 200, {
    'Set-Cookie': `${csrfCookieName(pending.id)}=${pending.csrf}; Path=${COOKIE_PATH}; Max-Age=${PENDING_TTL_MS / 1000}; HttpOnly; SameSite=Lax`,
  });
}

/** The client of a pending sign-in: clients are replaced, never removed, so it is still registered. */
function pendingClient(ctx: EmulatorContext, pending: PendingAuthorization): EmulatorClient {
  return known(ctx.directory.client(pending.clientId), `client "${pending.clientId}"`);
}

/** A user's accounts: the directory checked, when it took the user, that they exist. */
function accountsOf(ctx: EmulatorContext, user: EmulatorUser): EmulatorAccount[] {
  return user.accountIds.map((id) => known(ctx.directory.account(id), `account "${id}"`));
}

function login(ctx: EmulatorContext, pending: PendingAuthorization, form: URLSearchParams): Reply {
  const client = pendingClient(ctx, pending);
  let user: EmulatorUser | undefined;
  const userId = form.get('user_id');
  if (userId !== null) {
    user = ctx.directory.user(userId);
  } else {
    const email = form.get('email') ?? '';
    const candidate = ctx.directory.userByEmail(email);
    if (candidate && candidate.password === (form.get('password') ?? '')) user = candidate;
    if (!user) {
      return htmlReply(loginPage({ pending, client, users: ctx.directory.users, error: 'Wrong email or password.', email }), 401);
    }
  }
  if (!user) return htmlReply(loginPage({ pending, client, users: ctx.directory.users, error: 'There is no such user.' }), 401);
  pending.userId = user.id;
  pending.accountId = undefined;
  const [onlyAccountId, ...otherAccountIds] = user.accountIds;
  if (onlyAccountId !== undefined && otherAccountIds.length === 0) return pickAccount(ctx, pending, onlyAccountId);
  return htmlReply(accountPage({ pending, client, user, accounts: accountsOf(ctx, user) }));
}

function pickAccount(ctx: EmulatorContext, pending: PendingAuthorization, accountId: string): Reply {
  const client = pendingClient(ctx, pending);
  const user = ctx.directory.user(pending.userId);
  if (!user) return htmlReply(loginPage({ pending, client, users: ctx.directory.users, error: 'Sign in first.' }), 400);
  const account = user.accountIds.includes(accountId) ? ctx.directory.account(accountId) : undefined;
  if (!account) {
    return htmlReply(accountPage({ pending, client, user, accounts: accountsOf(ctx, user) }), 400);
  }
  pending.accountId = account.id;
  return htmlReply(consentPage({ pending, client, user, account }));
}

function decide(ctx: EmulatorContext, pending: PendingAuthorization, decision: string | null): Reply {
  const client = ctx.directory.client(pending.clientId);
  if (!client || !client.redirectUris.includes(pending.redirectUri)) {
    ctx.pending.delete(pending.id);
    return htmlReply(errorPage('Cannot sign in', 'invalid_client', 'Client authentication failed'), 401);
  }
  if (pending.userId === undefined || pending.accountId === undefined || (decision !== 'allow' && decision !== 'deny')) {
    return htmlReply(loginPage({ pending, client, users: ctx.directory.users, error: 'Sign in and choose an account first.' }), 400);
  }
  ctx.pending.delete(pending.id);
  const clearCookie = { 'Set-Cookie': `${csrfCookieName(pending.id)}=; Path=${COOKIE_PATH}; Max-Age=0; HttpOnly; SameSite=Lax` };
  if (decision === 'deny') {
    return redirectReply(withQuery(pending.redirectUri, errorRedirectParams(accessDenied(), pending.state)), clearCookie);
  }
  const code = ctx.grants.issueCode(
    { clientId: pending.clientId, userId: pending.userId, accountId: pending.accountId, scopes: pending.scopes },
    pending.redirectUri,
    pending.codeChallenge,
  );
  return redirectReply(withQuery(pending.redirectUri, { code, state: pending.state }), clearCookie);
}
