import { escapeHtml, html, raw } from '../../example-app/views/html';
import { homePage, SIGN_IN_MESSAGES } from '../../example-app/views/home';
import { accountName, profilePage } from '../../example-app/views/profile';
import { errorPage } from '../../example-app/views/error';
import type { SessionUser } from '../../example-app/session-user';

const user: SessionUser = {
  id: '3993',
  accountUrl: 'https://acc1234.worksection.com',
  displayName: '<img src=x onerror=alert(1)>',
  email: 'henry"@ws.com',
  scopes: ['projects_read', '<b>x</b>'],
  expiresAt: Date.UTC(2026, 10, 29, 12, 0, 0),
  tokens: { accessToken: 'eyJ-ACCESS-MARKER', refreshToken: 'def50200-REFRESH-MARKER' },
};

describe('html', () => {
  test('escapes every interpolated value and keeps SafeHtml as is', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\``)).toBe('&#60;a href=&#34;x&#34; onclick=&#39;y&#39;&#62;&#38;&#96;');
    expect(html`<p>${'<b>'}${raw('<i>')}${['<', raw('>')]}${undefined}${false}${0}</p>`.value).toBe('<p>&#60;b&#62;<i>&#60;>0</p>');
  });
});

describe('pages', () => {
  test('the profile page escapes what Worksection sent and never shows a token', () => {
    const page = profilePage(user, 'csrf-token');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(page).not.toContain('<b>x</b>');
    expect(page).not.toContain('MARKER');
    expect(page).toContain('Sun, 29 Nov 2026 12:00:00 GMT');
    expect(page).toContain('name="_csrf" value="csrf-token"');
  });

  test('an account URL that is not http(s) is shown as text, never as a link', () => {
    const page = profilePage({ ...user, accountUrl: 'javascript:alert(1)' }, 't');
    expect(page).not.toContain('href="javascript:');
  });

  test('the home page links to /auth/worksection (a GET: a POST form would be blocked by form-action)', () => {
    expect(homePage({ usingEmulator: false })).toContain('href="/auth/worksection"');
    expect(homePage({ usingEmulator: true, demoHint: 'Demo users sign in with "demo".' })).toContain('built-in Worksection emulator');
  });

  test('the signed-in home page names the user and links to Profile and Projects, with no sign-in button or "Sign in" title', () => {
    const page = homePage({
      usingEmulator: true,
      demoHint: 'Demo users sign in with "demo".',
      frame: { signedIn: { name: 'Henry <Gardner>', csrfToken: 't' } },
    });
    expect(page).toContain('Welcome, Henry &#60;Gardner&#62;');
    expect(page).toContain('<a href="/profile">Profile</a>');
    expect(page).toContain('<a href="/projects">Projects</a>');
    expect(page).not.toContain('href="/auth/worksection"');
    expect(page).not.toContain('<title>Sign in');
  });

  test('the profile shows the account by name, as text: the account URL is not a page and links nowhere', () => {
    const page = profilePage({ ...user, accountUrl: 'http://127.0.0.1:4000/acc1234' }, 't');
    expect(page).toMatch(/<dt>Account<\/dt><dd>acc1234 /);
    expect(page).not.toContain('href="http://127.0.0.1:4000');
    expect(accountName('https://acme.worksection.com')).toBe('acme');
    expect(page).toContain('<a href="/projects">Projects</a>');
  });

  test('"You are signed out." is a success notice; a failed sign-in is an error notice', () => {
    expect(homePage({ usingEmulator: false, reason: 'signed-out' })).toContain(
      `<p class="notice ok" role="status">${SIGN_IN_MESSAGES['signed-out']}</p>`,
    );
    expect(homePage({ usingEmulator: false, reason: 'denied' })).toContain('<p class="notice" role="status">');
  });

  test('error pages have a fixed sentence per status', () => {
    expect(errorPage(503)).toContain('briefly unavailable');
    expect(errorPage(500)).toContain('Something went wrong');
  });
});
