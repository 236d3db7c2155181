import { createEmulator, DEMO_CLIENT, type Emulator } from '../../src';
import { authorizeUrl, exchange } from '../helpers/oauth-flow';
import { buttonNames, formTokens, PageSession } from '../helpers/page-session';

describe('interactive authorization pages', () => {
  let emu: Emulator;
  let browser: PageSession;
  beforeEach(async () => {
    emu = await createEmulator();
    browser = new PageSession();
  });
  afterEach(() => emu.close());

  // Every form is answered with a 303 to the next page, which the browser then GETs (POST/redirect/GET).
  const submit = async (path: string, page: string, fields: Record<string, string>) => {
    const posted = await browser.post(`${emu.url}${path}`, { ...formTokens(page), ...fields });
    expect(posted.status).toBe(303);
    const next = new URL(posted.location!, emu.url);
    expect(next.origin).toBe(emu.url);
    return browser.fetch(next.href);
  };
  const login = (page: string, fields: Record<string, string>) => submit('/oauth2/authorize/login', page, fields);
  const pickAccount = (page: string, accountId: string) => submit('/oauth2/authorize/account', page, { account_id: accountId });
  // The last form sends the browser back to the client: not followed.
  const decide = (page: string, decision: string) =>
    browser.post(`${emu.url}/oauth2/authorize/decision`, { ...formTokens(page), decision });

  it('shows a sign-in page with one button per user and an email/password form', async () => {
    const page = await browser.fetch(authorizeUrl(emu));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(buttonNames(page.body)).toEqual([
      'Sign in as Henry Gardner',
      'Sign in as Olivia Bennett',
      'Sign in as Marcus Lee',
      'Sign in',
      'Cancel',
    ]);
    expect(page.body).toContain('name="email"');
    expect(page.body).toContain('name="password"');
    expect(page.body).toContain('Demo App');
    expect(page.body).not.toContain('demo-secret');
  });

  it('breaks long words such as a redirect URI between any two characters rather than overflowing a phone screen', async () => {
    const page = await browser.fetch(authorizeUrl(emu));
    // overflow-wrap:anywhere breaks only where the line would overflow; word-break:break-all broke every line mid-word.
    expect(page.body).toMatch(/main\{[^}]*overflow-wrap:anywhere/);
    expect(page.body).not.toContain('word-break:break-all');
  });

  it('walks a two-account user through sign-in, account picker and consent to a code for the picked account', async () => {
    const signIn = await browser.fetch(authorizeUrl(emu, { state: 'xyz', scope: 'projects_read,users_read' }));
    const picker = await login(signIn.body, { user_id: '3993' });
    expect(picker.status).toBe(200);
    expect(buttonNames(picker.body)).toEqual(['Gardner &amp; Co', 'Northwind Studio', 'Cancel']);
    const consent = await pickAccount(picker.body, 'acc5678');
    expect(buttonNames(consent.body)).toEqual(['Deny', 'Allow']);
    expect(consent.body).toContain('See your projects');
    expect(consent.body).toContain('See the people in your account');
    expect(consent.body).toContain('Northwind Studio');
    const done = await decide(consent.body, 'allow');
    expect(done.status).toBe(303);
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
    expect(again.status).toBe(200);
    expect(again.body).toContain('Wrong email or password.');
    expect(again.body).toContain('value="henry.gardner@ws.com"');
    expect(again.body).not.toContain('value="wrong"');
    expect(buttonNames(again.body)).toContain('Sign in as Henry Gardner');
    // Shown once: a reload of the page no longer says the password was wrong.
    const reloaded = await browser.fetch(new URL(`/oauth2/authorize/login?request=${formTokens(again.body).request}`, emu.url).href);
    expect(reloaded.body).not.toContain('Wrong email or password.');
  });

  it('Deny redirects with error=access_denied, error_description, hint, message and state', async () => {
    const signIn = await browser.fetch(authorizeUrl(emu, { state: 'st' }));
    const consent = await login(signIn.body, { user_id: '2477' });
    const denied = await decide(consent.body, 'deny');
    expect(denied.status).toBe(303);
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
    const res = await browser.post(`${emu.url}/oauth2/authorize/login`, { ...formTokens(signIn.body), user_id: '3993' });
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
    expect(done.status).toBe(303);
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
    expect((await decide(consent.body, 'allow')).status).toBe(303);
    expect((await decide(consent.body, 'allow')).status).toBe(403);
  });

  it('refuses an account the user does not belong to', async () => {
    const signIn = await browser.fetch(authorizeUrl(emu));
    const picker = await login(signIn.body, { user_id: '3993' });
    const res = await pickAccount(picker.body, 'acc9999');
    expect(res.body).toContain('Choose one of your accounts.');
    expect(buttonNames(res.body)).toEqual(['Gardner &amp; Co', 'Northwind Studio', 'Cancel']);
  });

  it('will not issue a code before the user signed in', async () => {
    const signIn = await browser.fetch(authorizeUrl(emu));
    const res = await decide(signIn.body, 'allow');
    expect(res.status).toBe(303);
    expect(new URL(res.location!, emu.url).href).toBe(`${emu.url}/oauth2/authorize/login?request=${formTokens(signIn.body).request}`);
  });

  it('a form page expires after 15 minutes', async () => {
    const signIn = await browser.fetch(authorizeUrl(emu));
    emu.clock.advance(15 * 60_000 + 1);
    expect((await browser.post(`${emu.url}/oauth2/authorize/login`, { ...formTokens(signIn.body), user_id: '3993' })).status).toBe(403);
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
      const posted = await session.post(`${custom.url}/oauth2/authorize/login`, { ...formTokens(signIn.body), user_id: '1' });
      const consent = await session.fetch(new URL(posted.location!, custom.url).href);
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

describe('the pages answer every form with a redirect (POST/redirect/GET)', () => {
  let emu: Emulator;
  let browser: PageSession;
  beforeEach(async () => {
    emu = await createEmulator();
    browser = new PageSession();
  });
  afterEach(() => emu.close());

  const post = (path: string, page: string, fields: Record<string, string> = {}) =>
    browser.post(`${emu.url}${path}`, { ...formTokens(page), ...fields });
  const get = (location: string) => browser.fetch(new URL(location, emu.url).href);

  it('answers sign-in and account POSTs with a 303 to the GET of the next page, and the decision with a 303 to the client', async () => {
    const signIn = await browser.fetch(authorizeUrl(emu, { state: 'prg' }));
    const { request } = formTokens(signIn.body);
    const signedIn = await post('/oauth2/authorize/login', signIn.body, { user_id: '3993' });
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).toBe(`/oauth2/authorize/account?request=${request}`);
    expect(signedIn.body).toBe('');
    const picker = await get(signedIn.location!);
    expect(picker.status).toBe(200);
    expect(buttonNames(picker.body)).toContain('Northwind Studio');
    const picked = await post('/oauth2/authorize/account', picker.body, { account_id: 'acc5678' });
    expect(picked.status).toBe(303);
    expect(picked.location).toBe(`/oauth2/authorize/decision?request=${request}`);
    const consent = await get(picked.location!);
    expect(consent.status).toBe(200);
    expect(consent.body).toContain('Northwind Studio');
    expect(buttonNames(consent.body)).toEqual(['Deny', 'Allow']);
    const allowed = await post('/oauth2/authorize/decision', consent.body, { decision: 'allow' });
    expect(allowed.status).toBe(303);
    const back = new URL(allowed.location!);
    expect(`${back.origin}${back.pathname}`).toBe(DEMO_CLIENT.redirectUris[1]);
    expect(back.searchParams.get('state')).toBe('prg');
    expect(back.searchParams.get('code')).toMatch(/^def50200/);
  });

  it('answers a wrong password with a 303 to the sign-in page, which shows the error and keeps the email', async () => {
    const signIn = await browser.fetch(authorizeUrl(emu));
    const refused = await post('/oauth2/authorize/login', signIn.body, { email: 'marcus.lee@ws.com', password: 'nope' });
    expect(refused.status).toBe(303);
    expect(refused.location).toBe(`/oauth2/authorize/login?request=${formTokens(signIn.body).request}`);
    const again = await get(refused.location!);
    expect(again.body).toContain('Wrong email or password.');
    expect(again.body).toContain('value="marcus.lee@ws.com"');
  });

  it('shows the page of the step the sign-in has reached when a later one is asked for', async () => {
    const signIn = await browser.fetch(authorizeUrl(emu));
    const { request } = formTokens(signIn.body);
    const early = await get(`/oauth2/authorize/decision?request=${request}`);
    expect(early.status).toBe(303);
    expect(early.location).toBe(`/oauth2/authorize/login?request=${request}`);
    await post('/oauth2/authorize/login', signIn.body, { user_id: '3993' });
    expect((await get(`/oauth2/authorize/decision?request=${request}`)).location).toBe(`/oauth2/authorize/account?request=${request}`);
  });

  it('shows a page only to the browser holding its CSRF cookie, without a form for anyone else', async () => {
    const signIn = await browser.fetch(authorizeUrl(emu));
    const { request } = formTokens(signIn.body);
    const stranger = await fetch(`${emu.url}/oauth2/authorize/login?request=${request}`, { redirect: 'manual' });
    const body = await stranger.text();
    expect(stranger.status).toBe(403);
    expect(body).not.toContain('name="csrf"');
    expect(body).not.toContain(formTokens(signIn.body).csrf);
  });

  it('shows Back to the consent page, once the browser went on to the client, as a finished sign-in and not as a form', async () => {
    const signIn = await browser.fetch(authorizeUrl(emu));
    const consent = await get((await post('/oauth2/authorize/login', signIn.body, { user_id: '2477' })).location!);
    const consentUrl = `/oauth2/authorize/decision?request=${formTokens(consent.body).request}`;
    expect((await post('/oauth2/authorize/decision', consent.body, { decision: 'allow' })).status).toBe(303);
    const back = await get(consentUrl);
    expect(back.status).toBe(403);
    expect(back.body).toContain('This sign-in has finished or expired');
    expect(back.body).not.toContain('name="csrf"');
  });

  it('takes no GET at the cancel path and no other method at the page paths', async () => {
    expect((await browser.fetch(`${emu.url}/oauth2/authorize/cancel`)).status).toBe(405);
    const put = await browser.fetch(`${emu.url}/oauth2/authorize/login`, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
  });
});

describe('Cancel on the sign-in and account pages', () => {
  let emu: Emulator;
  let browser: PageSession;
  beforeEach(async () => {
    emu = await createEmulator();
    browser = new PageSession();
  });
  afterEach(() => emu.close());

  const DENIED = {
    error: 'access_denied',
    error_description: 'The resource owner or authorization server denied the request.',
    hint: 'The user denied the request',
    message: 'The resource owner or authorization server denied the request.',
  };

  it('sends the browser back to the redirect_uri with error=access_denied and the state, as league does on deny', async () => {
    const signIn = await browser.fetch(authorizeUrl(emu, { state: 'keep me' }));
    const cancelled = await browser.post(`${emu.url}/oauth2/authorize/cancel`, formTokens(signIn.body));
    expect(cancelled.status).toBe(303);
    const back = new URL(cancelled.location!);
    expect(`${back.origin}${back.pathname}`).toBe(DEMO_CLIENT.redirectUris[1]);
    expect(Object.fromEntries(back.searchParams)).toEqual({ ...DENIED, state: 'keep me' });
    expect(cancelled.headers.getSetCookie().join('\n')).toMatch(/wsemu_csrf_[^=]+=; Path=\/oauth2\/authorize; Max-Age=0/);
  });

  it('ends the sign-in: its forms no longer work', async () => {
    const signIn = await browser.fetch(authorizeUrl(emu));
    const tokens = formTokens(signIn.body);
    await browser.post(`${emu.url}/oauth2/authorize/cancel`, tokens);
    // The cookie is gone with the sign-in; even sent back by hand, the form is refused.
    const replay = await fetch(`${emu.url}/oauth2/authorize/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `wsemu_csrf_${tokens.request}=${tokens.csrf}` },
      body: new URLSearchParams({ ...tokens, user_id: '3993' }).toString(),
      redirect: 'manual',
    });
    expect(replay.status).toBe(403);
  });

  it('is on the account picker too', async () => {
    const signIn = await browser.fetch(authorizeUrl(emu, { state: 'picker' }));
    const signedIn = await browser.post(`${emu.url}/oauth2/authorize/login`, { ...formTokens(signIn.body), user_id: '3993' });
    const picker = await browser.fetch(new URL(signedIn.location!, emu.url).href);
    expect(buttonNames(picker.body)).toContain('Cancel');
    const cancelled = await browser.post(`${emu.url}/oauth2/authorize/cancel`, formTokens(picker.body));
    expect(Object.fromEntries(new URL(cancelled.location!).searchParams)).toEqual({ ...DENIED, state: 'picker' });
  });

  it('keeps the CSRF check: without the cookie it is refused and the browser is not sent anywhere', async () => {
    const signIn = await browser.fetch(authorizeUrl(emu));
    browser.clearCookies();
    const refused = await browser.post(`${emu.url}/oauth2/authorize/cancel`, formTokens(signIn.body));
    expect(refused.status).toBe(403);
    expect(refused.location).toBeUndefined();
  });
});

describe('the demo password on the sign-in page', () => {
  it('is shown beside each demo user and above the password field', async () => {
    const emu = await createEmulator();
    try {
      const page = await new PageSession().fetch(authorizeUrl(emu));
      expect(page.body).toContain('Henry.Gardner@ws.com · password <code>demo</code>');
      expect(page.body).toContain('marcus.lee@ws.com · password <code>demo</code>');
      expect(page.body).toContain("The demo users' password is <code>demo</code>.");
    } finally {
      await emu.close();
    }
  });

  it('is never shown for users given to the emulator, even one with the id and email of a demo user', async () => {
    const emu = await createEmulator({
      users: [
        {
          id: '3993',
          email: 'Henry.Gardner@ws.com',
          password: 's3cret-pass',
          firstName: 'Henry',
          lastName: 'Gardner',
          accountIds: ['acc1234'],
        },
        { id: '77', email: 'ann@example.com', password: 'hunter2-x', firstName: 'Ann', lastName: 'Other', accountIds: ['acc1234'] },
      ],
    });
    try {
      const page = await new PageSession().fetch(authorizeUrl(emu));
      expect(page.body).toContain('Sign in as Ann Other');
      expect(page.body).not.toContain('s3cret-pass');
      expect(page.body).not.toContain('hunter2-x');
      expect(page.body).not.toMatch(/password <code>|password is/);
    } finally {
      await emu.close();
    }
  });
});
