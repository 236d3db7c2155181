import { createEmulator, DEMO_CLIENT, type Emulator } from '../../../src/emulator';
import { authorizeUrl, exchange } from '../../helpers/emulator';
import { buttonNames, formTokens, PageSession } from '../../helpers/emulator-pages';

describe('interactive authorization pages', () => {
  let emu: Emulator;
  let browser: PageSession;
  beforeEach(async () => {
    emu = await createEmulator();
    browser = new PageSession();
  });
  afterEach(() => emu.close());

  const login = (page: string, fields: Record<string, string>) =>
    browser.post(`${emu.url}/oauth2/authorize/login`, { ...formTokens(page), ...fields });
  const pickAccount = (page: string, accountId: string) =>
    browser.post(`${emu.url}/oauth2/authorize/account`, { ...formTokens(page), account_id: accountId });
  const decide = (page: string, decision: string) =>
    browser.post(`${emu.url}/oauth2/authorize/decision`, { ...formTokens(page), decision });

  it('shows a sign-in page with one button per user and an email/password form', async () => {
    const page = await browser.fetch(authorizeUrl(emu));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(buttonNames(page.body)).toEqual(['Sign in as Henry Gardner', 'Sign in as Olivia Bennett', 'Sign in as Marcus Lee', 'Sign in']);
    expect(page.body).toContain('name="email"');
    expect(page.body).toContain('name="password"');
    expect(page.body).toContain('Demo App');
    expect(page.body).not.toContain('demo-secret');
  });

  it('walks a two-account user through sign-in, account picker and consent to a code for the picked account', async () => {
    const signIn = await browser.fetch(authorizeUrl(emu, { state: 'xyz', scope: 'projects_read,users_read' }));
    const picker = await login(signIn.body, { user_id: '3993' });
    expect(picker.status).toBe(200);
    expect(buttonNames(picker.body)).toEqual(['Gardner &amp; Co', 'Northwind Studio']);
    const consent = await pickAccount(picker.body, 'acc5678');
    expect(buttonNames(consent.body)).toEqual(['Deny', 'Allow']);
    expect(consent.body).toContain('See your projects');
    expect(consent.body).toContain('See the people in your account');
    expect(consent.body).toContain('Northwind Studio');
    const done = await decide(consent.body, 'allow');
    expect(done.status).toBe(302);
    const location = new URL(done.location!);
    expect(`${location.origin}${location.pathname}`).toBe(DEMO_CLIENT.redirectUris[1]);
    expect(location.searchParams.get('state')).toBe('xyz');
    const { json } = await exchange(emu, {
      client_id: DEMO_CLIENT.clientId,
      client_secret: DEMO_CLIENT.clientSecret,
      grant_type: 'authorization_code',
      code: location.searchParams.get('code')!,
      redirect_uri: DEMO_CLIENT.redirectUris[1]!,
    });
    expect(json.account_url).toBe(`${emu.url}/acc5678`);
  });

  it('skips the account picker for a user of one account', async () => {
    const signIn = await browser.fetch(authorizeUrl(emu));
    const consent = await login(signIn.body, { user_id: '2477' });
    expect(buttonNames(consent.body)).toEqual(['Deny', 'Allow']);
    expect(consent.body).toContain('Gardner &amp; Co');
  });

  it('signs in by email in any letter case and password', async () => {
    const signIn = await browser.fetch(authorizeUrl(emu));
    const consent = await login(signIn.body, { email: 'OLIVIA.BENNETT@WS.COM', password: 'demo' });
    expect(consent.status).toBe(200);
    expect(consent.body).toContain('Olivia Bennett');
    expect(buttonNames(consent.body)).toContain('Allow');
  });

  it('shows the sign-in page again with an error for a wrong password', async () => {
    const signIn = await browser.fetch(authorizeUrl(emu));
    const again = await login(signIn.body, { email: 'henry.gardner@ws.com', password: 'wrong' });
    expect(again.status).toBe(401);
    expect(again.body).toContain('Wrong email or password.');
    expect(again.body).not.toContain('value="wrong"');
    expect(buttonNames(again.body)).toContain('Sign in as Henry Gardner');
  });

  it('Deny redirects with error=access_denied, error_description, hint, message and state', async () => {
    const signIn = await browser.fetch(authorizeUrl(emu, { state: 'st' }));
    const consent = await login(signIn.body, { user_id: '2477' });
    const denied = await decide(consent.body, 'deny');
    expect(denied.status).toBe(302);
    expect(Object.fromEntries(new URL(denied.location!).searchParams)).toEqual({
      error: 'access_denied',
      error_description: 'The resource owner or authorization server denied the request.',
      hint: 'The user denied the request',
      message: 'The resource owner or authorization server denied the request.',
      state: 'st',
    });
  });

  it('refuses a form posted without the CSRF cookie, as from another site or browser', async () => {
    const signIn = await browser.fetch(authorizeUrl(emu));
    browser.clearCookies();
    const res = await login(signIn.body, { user_id: '3993' });
    expect(res.status).toBe(403);
    expect(res.body).toContain('CSRF');
  });

  it('refuses a form whose CSRF token does not match', async () => {
    const signIn = await browser.fetch(authorizeUrl(emu));
    const res = await browser.post(`${emu.url}/oauth2/authorize/login`, {
      request: formTokens(signIn.body).request,
      csrf: 'forged',
      user_id: '3993',
    });
    expect(res.status).toBe(403);
  });

  it('refuses a CSRF token off by one character in the form or in the cookie, on every form, and still takes the right one', async () => {
    const wrong = (token: string) => `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    // A browser request whose CSRF cookie is set by hand, with every other cookie the session holds left out.
    const postWithCookie = async (path: string, fields: Record<string, string>, cookieToken: string) => {
      const res = await fetch(`${emu.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `wsemu_csrf_${fields.request}=${cookieToken}` },
        body: new URLSearchParams(fields).toString(),
        redirect: 'manual',
      });
      await res.arrayBuffer();
      return res.status;
    };
    const signIn = await browser.fetch(authorizeUrl(emu));
    const picker = await login(signIn.body, { user_id: '3993' });
    const consent = await pickAccount(picker.body, 'acc1234');
    const forms: Array<[string, string, Record<string, string>]> = [
      ['/oauth2/authorize/login', signIn.body, { user_id: '3993' }],
      ['/oauth2/authorize/account', picker.body, { account_id: 'acc1234' }],
      ['/oauth2/authorize/decision', consent.body, { decision: 'allow' }],
    ];
    for (const [path, page, extra] of forms) {
      const { request, csrf } = formTokens(page);
      expect(wrong(csrf)).toHaveLength(csrf.length);
      expect(await postWithCookie(path, { request, csrf: wrong(csrf), ...extra }, csrf)).toBe(403);
      expect(await postWithCookie(path, { request, csrf, ...extra }, wrong(csrf))).toBe(403);
      expect(await postWithCookie(path, { request, csrf: wrong(csrf), ...extra }, wrong(csrf))).toBe(403);
    }
    // The refusals were about the tokens: the same request with the right ones goes through.
    const done = await decide(consent.body, 'allow');
    expect(done.status).toBe(302);
    expect(new URL(done.location!).searchParams.get('code')).toBeTruthy();
  });

  it('carries the PKCE code challenge through sign-in, account picker and consent into the code', async () => {
    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    const signIn = await browser.fetch(
      authorizeUrl(emu, { code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' }),
    );
    expect(signIn.body).not.toContain('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    const picker = await login(signIn.body, { user_id: '3993' });
    const consent = await pickAccount(picker.body, 'acc5678');
    const done = await decide(consent.body, 'allow');
    const fields = {
      client_id: DEMO_CLIENT.clientId,
      client_secret: DEMO_CLIENT.clientSecret,
      grant_type: 'authorization_code',
      code: new URL(done.location!).searchParams.get('code')!,
      redirect_uri: DEMO_CLIENT.redirectUris[1]!,
    };
    expect((await exchange(emu, fields)).json).toEqual({
      error: 'invalid_request',
      errorDescription: 'Check the `code_verifier` parameter',
    });
    const { json } = await exchange(emu, { ...fields, code_verifier: verifier });
    expect(json.account_url).toBe(`${emu.url}/acc5678`);
  });

  it('refuses a malformed PKCE challenge before showing the sign-in page', async () => {
    const page = await browser.fetch(authorizeUrl(emu, { code_challenge: 'too-short', code_challenge_method: 'S256' }));
    expect(page.status).toBe(400);
    expect(page.body).toContain('Code challenge must follow the specifications of RFC-7636.');
    expect(page.body).not.toContain('name="csrf"');
  });

  it('refuses to replay the consent form once it was answered', async () => {
    const signIn = await browser.fetch(authorizeUrl(emu));
    const consent = await login(signIn.body, { user_id: '2477' });
    expect((await decide(consent.body, 'allow')).status).toBe(302);
    expect((await decide(consent.body, 'allow')).status).toBe(403);
  });

  it('refuses an account the user does not belong to', async () => {
    const signIn = await browser.fetch(authorizeUrl(emu));
    const picker = await login(signIn.body, { user_id: '3993' });
    const res = await pickAccount(picker.body, 'acc9999');
    expect(res.status).toBe(400);
    expect(buttonNames(res.body)).toEqual(['Gardner &amp; Co', 'Northwind Studio']);
  });

  it('will not issue a code before the user signed in', async () => {
    const signIn = await browser.fetch(authorizeUrl(emu));
    const res = await decide(signIn.body, 'allow');
    expect(res.status).toBe(400);
    expect(res.location).toBeUndefined();
  });

  it('a form page expires after 15 minutes', async () => {
    const signIn = await browser.fetch(authorizeUrl(emu));
    emu.clock.advance(15 * 60_000 + 1);
    expect((await login(signIn.body, { user_id: '3993' })).status).toBe(403);
  });

  it('escapes a client name, state and email that carry markup', async () => {
    const evil = '<script>alert(1)</script>';
    const custom = await createEmulator({
      clients: [{ clientId: 'evil', clientSecret: 's', name: evil, redirectUris: ['https://app.example/cb'] }],
      users: [{ id: '1', email: `"><img src=x onerror=alert(1)>@x.y`, password: 'p', firstName: evil, lastName: '&', accountIds: ['a'] }],
      accounts: [{ id: 'a', name: evil }],
    });
    try {
      const session = new PageSession();
      const signIn = await session.fetch(authorizeUrl(custom, { client_id: 'evil', redirect_uri: 'https://app.example/cb', state: evil }));
      const consent = await session.post(`${custom.url}/oauth2/authorize/login`, { ...formTokens(signIn.body), user_id: '1' });
      for (const page of [signIn.body, consent.body]) {
        expect(page).not.toContain('<script>');
        expect(page).not.toContain('<img');
        expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      }
      const done = await session.post(`${custom.url}/oauth2/authorize/decision`, { ...formTokens(consent.body), decision: 'allow' });
      expect(new URL(done.location!).searchParams.get('state')).toBe(evil);
    } finally {
      await custom.close();
    }
  });

  it('sends pages with a strict Content-Security-Policy and no framing', async () => {
    const page = await browser.fetch(authorizeUrl(emu));
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(page.body).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1|localhost)[a-z]/i);
  });

  it('still validates the query before showing any page', async () => {
    const page = await browser.fetch(authorizeUrl(emu, { redirect_uri: 'https://evil.example/cb' }));
    expect(page.status).toBe(401);
    expect(page.body).not.toContain('name="csrf"');
  });
});
