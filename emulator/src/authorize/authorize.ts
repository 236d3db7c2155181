import { SCOPES } from '../oauth/scopes';
import { checkAuthorizeQuery, errorRedirectParams } from './authorize-query';
import type { EmulatorContext } from '../context';
import { accessDenied } from '../oauth/league-exceptions';
import { accountPage, consentPage, errorPage, FORM_PATHS, loginPage } from './pages';
import { cookie, formBody, type EmulatorRequest } from '../http/request';
import { PENDING_TTL_MS, type PendingAuthorization } from './pending';
import { withQuery } from './redirect-uri';
import { htmlReply, redirectReply, type Reply } from '../http/reply';
import { known } from '../known';
import type { EmulatorAccount, EmulatorClient, EmulatorUser } from '../types';

const csrfCookieName = (pendingId: string) => `wsemu_csrf_${pendingId}`;
const COOKIE_PATH = '/oauth2/authorize';

/**
 * `/oauth2/authorize` and the forms of its pages. GET checks the query, then either redirects at once
 * (`autoApprove`) or starts the sign-in → account → consent pages. Every form POST is answered with a 303
 * (POST/redirect/GET): to the GET of the next page, or back to the client. So Back after signing in, like
 * reload, only repeats a GET and never asks to resubmit a form.
 */
export function handleAuthorize(ctx: EmulatorContext, req: EmulatorRequest): Reply {
  if (req.path === '/oauth2/authorize') {
    return req.method === 'GET' || req.method === 'HEAD' ? start(ctx, req) : methodNotAllowed('GET');
  }
  if (!isFormPath(req.path)) return htmlReply(errorPage('Not found', 'not_found', 'There is no such page.'), 404);
  if ((req.method === 'GET' || req.method === 'HEAD') && req.path !== FORM_PATHS.cancel) return show(ctx, req);
  if (req.method !== 'POST') return methodNotAllowed(req.path === FORM_PATHS.cancel ? 'POST' : 'GET, POST');
  const form = formBody(req);
  const pendingId = form.get('request') ?? undefined;
  const pending = ctx.pending.verify(pendingId, form.get('csrf') ?? undefined, pendingId && cookie(req, csrfCookieName(pendingId)));
  if (!pending) return expired('This form has expired or was not opened in this browser (CSRF check failed).');
  switch (req.path) {
    case FORM_PATHS.login:
      return login(ctx, pending, form);
    case FORM_PATHS.account:
      return pickAccount(ctx, pending, form.get('account_id') ?? '');
    case FORM_PATHS.decision:
      return decide(ctx, pending, form.get('decision'));
    default:
      return cancel(ctx, pending);
  }
}

function isFormPath(path: string): boolean {
  return (Object.values(FORM_PATHS) as string[]).includes(path);
}

function expired(description: string): Reply {
  return htmlReply(errorPage('Page expired', 'invalid_request', description), 403);
}

/** A 303: the browser follows it with a GET, and its history keeps the GET, not the POST. */
function seeOther(location: string, extraHeaders: Record<string, string> = {}): Reply {
  return { ...redirectReply(location, extraHeaders), status: 303 };
}

/** The page of a pending sign-in the browser should see now: sign-in, then the account picker, then consent. */
function currentStep(pending: PendingAuthorization): string {
  if (pending.userId === undefined) return FORM_PATHS.login;
  return pending.accountId === undefined ? FORM_PATHS.account : FORM_PATHS.decision;
}

/** Where a POST sends the browser to see `path` of `pending` (a path of this origin, so relative). */
function pageOf(path: string, pending: PendingAuthorization): Reply {
  return seeOther(`${path}?request=${encodeURIComponent(pending.id)}`);
}

/** The GET of a page, after a form's 303: shows it, with the error the last form left, if any. */
function show(ctx: EmulatorContext, req: EmulatorRequest): Reply {
  const pendingId = req.query.get('request') ?? undefined;
  const pending = ctx.pending.find(pendingId, pendingId && cookie(req, csrfCookieName(pendingId)));
  // Also what Back to the consent page shows once the browser went on to the client: the sign-in is over.
  if (!pending)
    return expired('This sign-in has finished or expired, or was not started in this browser. Start again from the application.');
  const client = pendingClient(ctx, pending);
  const user = ctx.directory.user(pending.userId);
  const account = ctx.directory.account(pending.accountId);
  // A page further on than the sign-in has come (an old link, a hand-made URL): the one it is at instead.
  const reached = req.path === FORM_PATHS.account ? user : req.path === FORM_PATHS.decision ? user && account : true;
  if (!reached) return pageOf(currentStep(pending), pending);
  const { notice } = pending;
  // Shown once, by the GET that follows the form; a HEAD does not use it up.
  if (req.method === 'GET') pending.notice = undefined;
  const error = notice?.error === undefined ? {} : { error: notice.error };
  if (user && req.path === FORM_PATHS.account)
    return htmlReply(accountPage({ pending, client, user, accounts: accountsOf(ctx, user), ...error }));
  if (user && account && req.path === FORM_PATHS.decision) return htmlReply(consentPage({ pending, client, user, account, ...error }));
  const email = notice?.email === undefined ? {} : { email: notice.email };
  return htmlReply(loginPage({ pending, client, users: ctx.directory.users, ...error, ...email }));
}

/** Back to the page `path` with `error` on it, once. */
function again(pending: PendingAuthorization, path: string, error: string, email?: string): Reply {
  pending.notice = email === undefined ? { error } : { error, email };
  return pageOf(path, pending);
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
  let user: EmulatorUser | undefined;
  const userId = form.get('user_id');
  if (userId !== null) {
    user = ctx.directory.user(userId);
    if (!user) return again(pending, FORM_PATHS.login, 'There is no such user.');
  } else {
    const email = form.get('email') ?? '';
    const candidate = ctx.directory.userByEmail(email);
    if (candidate && candidate.password === (form.get('password') ?? '')) user = candidate;
    // The email comes back into the form; the password never does.
    if (!user) return again(pending, FORM_PATHS.login, 'Wrong email or password.', email);
  }
  pending.userId = user.id;
  pending.accountId = undefined;
  const [onlyAccountId, ...otherAccountIds] = user.accountIds;
  if (onlyAccountId !== undefined && otherAccountIds.length === 0) pending.accountId = onlyAccountId;
  return pageOf(currentStep(pending), pending);
}

function pickAccount(ctx: EmulatorContext, pending: PendingAuthorization, accountId: string): Reply {
  const user = ctx.directory.user(pending.userId);
  if (!user) return again(pending, FORM_PATHS.login, 'Sign in first.');
  if (!user.accountIds.includes(accountId) || !ctx.directory.account(accountId)) {
    return again(pending, FORM_PATHS.account, 'Choose one of your accounts.');
  }
  pending.accountId = accountId;
  return pageOf(FORM_PATHS.decision, pending);
}

/**
 * Ends the sign-in and sends the browser back to the client, if the client still has that redirect URI
 * (it may have been re-registered meanwhile); otherwise an error page, since the URI can no longer be trusted.
 */
function finish(ctx: EmulatorContext, pending: PendingAuthorization, params: () => Record<string, string | undefined>): Reply {
  ctx.pending.delete(pending.id);
  const client = ctx.directory.client(pending.clientId);
  if (!client || !client.redirectUris.includes(pending.redirectUri)) {
    return htmlReply(errorPage('Cannot sign in', 'invalid_client', 'Client authentication failed'), 401);
  }
  const clearCookie = { 'Set-Cookie': `${csrfCookieName(pending.id)}=; Path=${COOKIE_PATH}; Max-Age=0; HttpOnly; SameSite=Lax` };
  return seeOther(withQuery(pending.redirectUri, params()), clearCookie);
}

function decide(ctx: EmulatorContext, pending: PendingAuthorization, decision: string | null): Reply {
  const { userId, accountId } = pending;
  if (userId === undefined || accountId === undefined || (decision !== 'allow' && decision !== 'deny')) {
    return again(pending, currentStep(pending), 'Sign in and choose an account first.');
  }
  if (decision === 'deny') return cancel(ctx, pending);
  return finish(ctx, pending, () => {
    const grant = { clientId: pending.clientId, userId, accountId, scopes: pending.scopes };
    return { code: ctx.grants.issueCode(grant, pending.redirectUri, pending.codeChallenge), state: pending.state };
  });
}

/**
 * "Cancel" on the sign-in or account page, and "Deny" on consent: what Worksection (league's `accessDenied`) sends
 * when the user says no, `access_denied` with the state.
 */
function cancel(ctx: EmulatorContext, pending: PendingAuthorization): Reply {
  return finish(ctx, pending, () => errorRedirectParams(accessDenied(), pending.state));
}
