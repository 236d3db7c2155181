import { html, Raw } from '../http/html';
import type { PendingAuthorization } from './pending';
import { publicDemoPassword } from './demo-password';
import { SCOPE_TEXT } from './scope-text';
import { isScope } from '../oauth/scopes';
import type { EmulatorAccount, EmulatorClient, EmulatorUser } from '../types';

/**
 * Where the page forms post to. Each POST is answered with a 303 to the GET of the next page (POST/redirect/GET),
 * at `{path}?request={id}` of `login`, `account` or `decision`; `cancel` sends the browser back to the client.
 */
export const FORM_PATHS = {
  login: '/oauth2/authorize/login',
  account: '/oauth2/authorize/account',
  decision: '/oauth2/authorize/decision',
  cancel: '/oauth2/authorize/cancel',
} as const;

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f3f5f8;color:#1d2330}
main{max-width:440px;margin:48px auto;padding:32px;overflow-wrap:anywhere;background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(20,30,60,.08)}
h1{font-size:22px;margin:0 0 8px}p{margin:0 0 16px}.muted{color:#5b6475;font-size:14px}
.badge{display:inline-block;font-size:12px;font-weight:600;letter-spacing:.04em;text-transform:uppercase;color:#8a5a00;background:#fff4d6;border-radius:6px;padding:2px 8px;margin-bottom:16px}
ul{list-style:none;padding:0;margin:0 0 20px}li{margin:0 0 8px}
.scopes li{padding:8px 12px;background:#f3f5f8;border-radius:8px}
button{font:inherit;cursor:pointer;border-radius:8px;border:1px solid #c9d0dc;background:#fff;padding:10px 14px;width:100%;text-align:left}
button:hover{background:#f0f4ff;border-color:#7d96d6}
button.primary{background:#2b59c3;border-color:#2b59c3;color:#fff;text-align:center}button.primary:hover{background:#2149a8}
.row{display:flex;gap:12px}.row button{text-align:center}
label{display:block;font-size:14px;margin:0 0 4px}input[type=email],input[type=password]{font:inherit;width:100%;padding:9px 12px;margin:0 0 12px;border:1px solid #c9d0dc;border-radius:8px}
.error{color:#a11;background:#fdecec;border-radius:8px;padding:8px 12px}hr{border:0;border-top:1px solid #e3e7ee;margin:24px 0}
code{font-size:13px;background:#f3f5f8;padding:1px 4px;border-radius:4px}`;

/** The frame of every emulator page, marked as the emulator's so nobody mistakes it for Worksection. */
export function layout(title: string, body: Raw): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · Worksection emulator</title>
<style>${new Raw(STYLE)}</style>
</head>
<body>
<main>
<div class="badge">Worksection emulator · not the real Worksection</div>
${body}
</main>
</body>
</html>
`.value;
}

function hidden(pending: PendingAuthorization): Raw {
  return html`<input type="hidden" name="request" value="${pending.id}"><input type="hidden" name="csrf" value="${pending.csrf}">`;
}

const clientName = (client: EmulatorClient) => client.name ?? client.clientId;
const fullName = (user: EmulatorUser) => `${user.firstName} ${user.lastName}`;

/**
 * The sign-in page: one button per user (as the Firebase Auth emulator lists its accounts) and an email/password
 * form. The demo users' public password is shown beside them; the password of any other user never is.
 */
export function loginPage(options: {
  pending: PendingAuthorization;
  client: EmulatorClient;
  users: EmulatorUser[];
  error?: string;
  email?: string;
}): string {
  const { pending, client, users } = options;
  const demoPassword = users.map(publicDemoPassword).find((password) => password !== undefined);
  return layout(
    'Sign in',
    html`<h1>Sign in to Worksection</h1>
<p class="muted">to continue to <strong>${clientName(client)}</strong></p>
${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
<form method="post" action="${FORM_PATHS.login}">
${hidden(pending)}
<ul>
${users.map((user) => html`<li><button type="submit" name="user_id" value="${user.id}">Sign in as ${fullName(user)}</button> <span class="muted">${user.email}${passwordHint(user)}</span></li>`)}
</ul>
</form>
<hr>
<form method="post" action="${FORM_PATHS.login}">
${hidden(pending)}
<label for="email">Email</label><input id="email" type="email" name="email" autocomplete="username" value="${options.email ?? ''}" required>
<label for="password">Password</label><input id="password" type="password" name="password" autocomplete="current-password" required>
${demoPassword === undefined ? '' : html`<p class="muted">The demo users' password is <code>${demoPassword}</code>.</p>`}
<button type="submit" class="primary">Sign in</button>
</form>
${cancelForm(pending)}`,
  );
}

function passwordHint(user: EmulatorUser): Raw | undefined {
  const password = publicDemoPassword(user);
  return password === undefined ? undefined : html` · password <code>${password}</code>`;
}

/** A form of its own, so the email form's `required` fields do not stop it. */
function cancelForm(pending: PendingAuthorization): Raw {
  return html`<form method="post" action="${FORM_PATHS.cancel}">
${hidden(pending)}
<p><button type="submit">Cancel</button></p>
</form>`;
}

/** The account picker shown to a user who belongs to several accounts. */
export function accountPage(options: {
  pending: PendingAuthorization;
  client: EmulatorClient;
  user: EmulatorUser;
  accounts: EmulatorAccount[];
  error?: string;
}): string {
  const { pending, client, user, accounts } = options;
  return layout(
    'Choose an account',
    html`<h1>Choose an account</h1>
<p class="muted">${fullName(user)}, which Worksection account should <strong>${clientName(client)}</strong> use?</p>
${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
<form method="post" action="${FORM_PATHS.account}">
${hidden(pending)}
<ul>
${accounts.map((account) => html`<li><button type="submit" name="account_id" value="${account.id}">${account.name}</button></li>`)}
</ul>
</form>
${cancelForm(pending)}`,
  );
}

/** The consent page: the requested permissions in plain words, with Allow and Deny. */
export function consentPage(options: {
  pending: PendingAuthorization;
  client: EmulatorClient;
  user: EmulatorUser;
  account: EmulatorAccount;
  error?: string;
}): string {
  const { pending, client, user, account } = options;
  const origin = new URL(pending.redirectUri).origin;
  return layout(
    'Allow access',
    html`<h1>${clientName(client)} wants to access your Worksection account</h1>
<p class="muted">Signed in as ${fullName(user)} (${user.email}) · account <strong>${account.name}</strong></p>
${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
<p>It will be able to:</p>
<ul class="scopes">
${pending.scopes.map((scope) => html`<li>${isScope(scope) ? SCOPE_TEXT[scope] : scope} <span class="muted">(${scope})</span></li>`)}
</ul>
<p class="muted">After your choice you will be sent back to <code>${origin}</code>.</p>
<form method="post" action="${FORM_PATHS.decision}">
${hidden(pending)}
<div class="row"><button type="submit" name="decision" value="deny">Deny</button><button type="submit" name="decision" value="allow" class="primary">Allow</button></div>
</form>`,
  );
}

/** An error the browser is not sent back with (unknown client, unregistered redirect URI, a stale form). */
export function errorPage(title: string, error: string, description: string, detail?: string): string {
  return layout(
    title,
    html`<h1>${title}</h1>
<p class="error" role="alert"><strong>${error}</strong>: ${description}</p>
${detail ? html`<p>${detail}</p>` : ''}
<p class="muted">The application that sent you here is misconfigured or the link is stale. Go back and start again.</p>`,
  );
}

/** The emulator's home page: what it is and which demo sign-ins it knows. Never shows a client secret. */
export function homePage(options: { url: string; clients: EmulatorClient[]; users: EmulatorUser[]; accounts: EmulatorAccount[] }): string {
  return layout(
    'Home',
    html`<h1>Worksection emulator</h1>
<p>A local stand-in for Worksection's OAuth 2.0 server, for development and tests only.</p>
<p class="muted">Authorize at <code>${options.url}/oauth2/authorize</code>; exchange codes at <code>${options.url}/oauth2/token</code>.</p>
<h2>Clients</h2>
<ul>${options.clients.map((c) => html`<li><code>${c.clientId}</code> ${c.redirectUris.map((u) => html`<br><span class="muted">${u}</span>`)}</li>`)}</ul>
<h2>Users</h2>
<ul>${options.users.map((u) => html`<li>${fullName(u)} <span class="muted">${u.email} · ${u.accountIds.join(', ')}</span></li>`)}</ul>
<h2>Accounts</h2>
<ul>${options.accounts.map((a) => html`<li>${a.name} <code>${options.url}/${a.id}</code></li>`)}</ul>`,
  );
}
