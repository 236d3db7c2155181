import { CSRF_FIELD } from '../csrf';
import type { SessionUser } from '../session-user';
import { html } from './html';
import { layout } from './layout';

/**
 * The account's name as its URL gives it: the subdomain at Worksection (`acme` of `https://acme.worksection.com`),
 * the last path segment on the emulator (`acc1234` of `http://127.0.0.1:4000/acc1234`). Shown as text, not a link:
 * the address of an account is not a page of its own (on the emulator it is a 404).
 */
export function accountName(accountUrl: string): string {
  let url: URL;
  try {
    url = new URL(accountUrl);
  } catch {
    return accountUrl;
  }
  const segment = url.pathname.split('/').filter(Boolean).pop();
  return segment ?? url.hostname.split('.')[0] ?? accountUrl;
}

const REFRESH_MESSAGES = {
  done: 'New tokens received from Worksection.',
  failed: 'Worksection could not refresh the tokens just now. Please try again in a moment.',
} as const;

/**
 * `/profile`: who is signed in, and the outcome of the last token refresh if any. Shows no token: they stay
 * in the server-side session.
 */
export function profilePage(user: SessionUser, csrfToken: string, refresh?: keyof typeof REFRESH_MESSAGES): string {
  const scopes = user.scopes?.length
    ? html`<ul class="scopes">${user.scopes.map((s) => html`<li><code>${s}</code></li>`)}</ul>`
    : html`<em>none reported</em>`;
  return layout(
    'Profile',
    html`<h1>Signed in as ${user.displayName}</h1>
${refresh ? html`<p class="notice${refresh === 'done' ? ' ok' : ''}" role="status">${REFRESH_MESSAGES[refresh]}</p>` : undefined}
<dl>
<dt>Name</dt><dd>${user.displayName}</dd>
<dt>Email</dt><dd>${user.email ?? '—'}</dd>
<dt>User id</dt><dd>${user.id}</dd>
<dt>Account</dt><dd>${accountName(user.accountUrl)} <small>${user.accountUrl}</small></dd>
<dt>Granted scopes</dt><dd>${scopes}</dd>
<dt>Access token expires</dt><dd><time datetime="${new Date(user.expiresAt).toISOString()}">${new Date(user.expiresAt).toUTCString()}</time></dd>
</dl>
<div class="actions">
<form method="post" action="/profile/refresh">
<input type="hidden" name="${CSRF_FIELD}" value="${csrfToken}">
<button class="button" type="submit">Refresh tokens</button>
</form>
</div>`,
    { signedIn: { name: user.displayName || user.id, csrfToken } },
  );
}
