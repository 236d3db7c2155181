import { CSRF_FIELD } from '../csrf';
import { html, type SafeHtml } from './html';

/** What the header of a page shows: who is signed in (with the token of the Sign out form), and the page's scripts. */
export interface PageFrame {
  /** Set for a signed-in user: their name, and the session's CSRF token for the Sign out form. */
  signedIn?: { name: string; csrfToken: string };
  /** Scripts of the page, same-origin paths (the CSP allows no inline script), loaded deferred. */
  scripts?: readonly string[];
}

/** The app's icon, an SVG served at `/favicon.ico` (browsers ask for it on a first visit) and linked from every page. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1d2733"/><path d="M6 9l4 14 4-10 4 10 4-14" fill="none" stroke="#3b8a3e" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/><circle cx="25" cy="23" r="2.5" fill="#fff"/></svg>`;

/**
 * The page frame: title, the stylesheet (a file, so the CSP needs no inline styles), the icon, and a header on every
 * page: for a signed-in user who they are, Projects, Profile and Sign out (a POST form with the CSRF token), else
 * Sign in.
 */
export function layout(title: string, body: SafeHtml, frame: PageFrame = {}): string {
  const user = frame.signedIn;
  const nav = user
    ? html`<nav aria-label="Account"><span class="who">Signed in as <strong>${user.name}</strong></span>
<a href="/projects">Projects</a>
<a href="/profile">Profile</a>
<form method="post" action="/logout" class="inline">
<input type="hidden" name="${CSRF_FIELD}" value="${user.csrfToken}">
<button class="link" type="submit">Sign out</button>
</form></nav>`
    : html`<nav aria-label="Account"><a href="/auth/worksection">Sign in</a></nav>`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · passport-worksection example</title>
<link rel="icon" href="/favicon.ico" type="image/svg+xml">
<link rel="stylesheet" href="/style.css">
${(frame.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</head>
<body>
<header><a class="brand" href="/">passport-worksection example</a>
${nav}
</header>
<main>
${body}
</main>
</body>
</html>
`.value;
}
