import { createEmulator, DEMO_CLIENT, type Emulator } from '../../src';
import { SCOPES } from '../../src/oauth/scopes';
import { authorizeUrl, exchange, jwtClaims } from '../helpers/oauth-flow';

async function authorize(url: string) {
  const res = await fetch(url, { redirect: 'manual' });
  const body = await res.text();
  const location = res.headers.get('location');
  return { status: res.status, body, location: location ? new URL(location) : undefined, headers: res.headers };
}

describe('/oauth2/authorize with autoApprove', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await createEmulator({ autoApprove: true });
  });
  afterEach(() => emu.close());

  it('redirects at once to the redirect_uri with a code and the state', async () => {
    const { status, location } = await authorize(authorizeUrl(emu, { state: 'a b&c' }));
    expect(status).toBe(302);
    expect(`${location!.origin}${location!.pathname}`).toBe(DEMO_CLIENT.redirectUris[1]);
    expect(location!.searchParams.get('code')).toMatch(/^def50200[0-9a-f]{1000,}$/);
    expect(location!.searchParams.get('state')).toBe('a b&c');
  });

  it('keeps a query the registered redirect_uri already has', async () => {
    emu.addClient({ clientId: 'q', clientSecret: 's', redirectUris: ['https://app.example/cb?tenant=7'] });
    const { location } = await authorize(authorizeUrl(emu, { client_id: 'q', redirect_uri: 'https://app.example/cb?tenant=7' }));
    expect(location!.searchParams.get('tenant')).toBe('7');
    expect(location!.searchParams.get('code')).toBeTruthy();
  });

  it('accepts comma- or space-separated scopes', async () => {
    for (const scope of ['projects_read,tasks_read', 'projects_read tasks_read', 'projects_read, tasks_read']) {
      expect((await authorize(authorizeUrl(emu, { scope }))).location!.searchParams.get('code')).toBeTruthy();
    }
  });

  it('shows an HTML error page for an unknown client and never redirects', async () => {
    const { status, body, location, headers } = await authorize(authorizeUrl(emu, { client_id: 'nobody' }));
    expect(status).toBe(401);
    expect(location).toBeUndefined();
    expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(body).toContain('invalid_client');
    expect(body).toContain('Client authentication failed');
  });

  it('shows an error page for a missing client_id', async () => {
    const { status, location, body } = await authorize(authorizeUrl(emu, { client_id: undefined }));
    expect(status).toBe(400);
    expect(location).toBeUndefined();
    expect(body).toContain('Check the `client_id` parameter');
  });

  it('shows an error page for a redirect_uri the client did not register, even one differing only by a slash', async () => {
    for (const redirect of ['https://evil.example/cb', `${DEMO_CLIENT.redirectUris[1]}/`, DEMO_CLIENT.redirectUris[1]!.toUpperCase()]) {
      const { status, location } = await authorize(authorizeUrl(emu, { redirect_uri: redirect }));
      expect(status).toBe(401);
      expect(location).toBeUndefined();
    }
  });

  it('shows an error page for a missing redirect_uri', async () => {
    const { status, location, body } = await authorize(authorizeUrl(emu, { redirect_uri: undefined }));
    expect(status).toBe(400);
    expect(location).toBeUndefined();
    expect(body).toContain('Check the `redirect_uri` parameter');
  });

  it('redirects an unknown scope back with error=invalid_scope and the state, and no code', async () => {
    const { status, location } = await authorize(authorizeUrl(emu, { scope: 'projects_read,email', state: 's1' }));
    expect(status).toBe(302);
    expect(Object.fromEntries(location!.searchParams)).toEqual({
      error: 'invalid_scope',
      error_description: 'The requested scope is invalid, unknown, or malformed',
      hint: 'Check the `email` scope',
      message: 'The requested scope is invalid, unknown, or malformed',
      state: 's1',
    });
  });

  it('refuses a scope in the wrong letter case', async () => {
    const { location } = await authorize(authorizeUrl(emu, { scope: 'Projects_Read' }));
    expect(location!.searchParams.get('error')).toBe('invalid_scope');
    expect(location!.searchParams.get('code')).toBeNull();
  });

  it('grants all 17 scopes to a request with an empty scope, as the live capture in the Postman collection shows', async () => {
    const { location } = await authorize(authorizeUrl(emu, { scope: '' }));
    const code = location!.searchParams.get('code')!;
    const { json } = await exchange(emu, {
      grant_type: 'authorization_code',
      client_id: DEMO_CLIENT.clientId,
      client_secret: DEMO_CLIENT.clientSecret,
      redirect_uri: DEMO_CLIENT.redirectUris[1]!,
      code,
    });
    expect(jwtClaims(json.access_token as string).scopes).toEqual([...SCOPES]);
  });

  it('redirects an empty scope back with invalid_scope when defaultScopes is null, as league does', async () => {
    const strict = await createEmulator({ autoApprove: true, defaultScopes: null });
    try {
      const { location } = await authorize(authorizeUrl(strict, { scope: '' }));
      expect(location!.searchParams.get('error')).toBe('invalid_scope');
      expect(location!.searchParams.get('hint')).toBe('Specify a scope in the request or set a default scope');
      expect(location!.searchParams.get('code')).toBeNull();
    } finally {
      await strict.close();
    }
  });

  it('refuses a defaultScopes option with an unknown scope at start', async () => {
    await expect(createEmulator({ defaultScopes: ['email'] })).rejects.toThrow(/"email" is not one of the 17 Worksection scopes/);
  });

  it('redirects a missing state back with invalid_request and no code', async () => {
    const { location } = await authorize(authorizeUrl(emu, { state: undefined }));
    expect(location!.searchParams.get('error')).toBe('invalid_request');
    expect(location!.searchParams.get('hint')).toBe('Check the `state` parameter');
    expect(location!.searchParams.get('code')).toBeNull();
    expect(location!.searchParams.has('state')).toBe(false);
  });

  it('redirects a response_type other than code back with unsupported_response_type', async () => {
    const { location } = await authorize(authorizeUrl(emu, { response_type: 'token', state: 's2' }));
    expect(location!.searchParams.get('error')).toBe('unsupported_response_type');
    expect(location!.searchParams.get('state')).toBe('s2');
    expect(location!.searchParams.get('code')).toBeNull();
  });

  it('accepts http redirect URIs on loopback hosts only', async () => {
    emu.addClient({
      clientId: 'loop',
      clientSecret: 's',
      redirectUris: [
        'http://127.0.0.1:9/cb',
        'http://[::1]:9/cb',
        'http://localhost:9/cb',
        'http://app.example/cb',
        'http://127.example/cb',
      ],
    });
    for (const ok of ['http://127.0.0.1:9/cb', 'http://[::1]:9/cb', 'http://localhost:9/cb']) {
      expect((await authorize(authorizeUrl(emu, { client_id: 'loop', redirect_uri: ok }))).location!.searchParams.get('code')).toBeTruthy();
    }
    for (const bad of ['http://app.example/cb', 'http://127.example/cb']) {
      const { status, location, body } = await authorize(authorizeUrl(emu, { client_id: 'loop', redirect_uri: bad }));
      expect(status).toBe(400);
      expect(location).toBeUndefined();
      expect(body).toContain('must use HTTPS');
    }
  });

  it('escapes a reflected client_id and redirect_uri on the error page', async () => {
    const byClient = await authorize(authorizeUrl(emu, { client_id: '<script>alert(1)</script>' }));
    expect(byClient.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(byClient.body).not.toContain('<script>');
    const byRedirect = await authorize(authorizeUrl(emu, { redirect_uri: 'https://x.example/"><script>alert(1)</script>' }));
    expect(byRedirect.body).toContain('&quot;&gt;&lt;script&gt;');
    expect(byRedirect.body).not.toContain('<script>');
  });

  it('signs in the user and account autoApprove names', async () => {
    const other = await createEmulator({ autoApprove: { userId: '2477' } });
    try {
      const { location } = await authorize(authorizeUrl(other));
      const code = location!.searchParams.get('code')!;
      const res = await fetch(`${other.url}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: 'demo-client',
          client_secret: 'demo-secret',
          grant_type: 'authorization_code',
          code,
          redirect_uri: DEMO_CLIENT.redirectUris[1]!,
        }),
      });
      const tokens = (await res.json()) as { access_token: string };
      const me = await fetch(`${other.url}/oauth2/resource`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: 'demo-client', client_secret: 'demo-secret', access_token: tokens.access_token }),
      });
      expect(await me.json()).toMatchObject({ id: '2477', first_name: 'Olivia' });
    } finally {
      await other.close();
    }
  });

  it('refuses to start with an autoApprove user or account that does not exist', async () => {
    await expect(createEmulator({ autoApprove: { userId: 'nobody' } })).rejects.toThrow(/autoApprove\.userId/);
    await expect(createEmulator({ autoApprove: { userId: '2477', accountId: 'acc5678' } })).rejects.toThrow(/autoApprove\.accountId/);
  });
});

describe('/oauth2/authorize with strictHttps', () => {
  it('refuses http redirect URIs even on localhost, exactly like Worksection', async () => {
    const emu = await createEmulator({ autoApprove: true, strictHttps: true });
    try {
      const { status, location } = await authorize(authorizeUrl(emu, { redirect_uri: DEMO_CLIENT.redirectUris[0] }));
      expect(status).toBe(400);
      expect(location).toBeUndefined();
      expect((await authorize(authorizeUrl(emu))).location!.searchParams.get('code')).toBeTruthy();
    } finally {
      await emu.close();
    }
  });
});

describe('/oauth2/authorize with a PKCE code_challenge, as league/oauth2-server 8.x checks it', () => {
  const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
  let emu: Emulator;
  beforeEach(async () => {
    emu = await createEmulator({ autoApprove: true });
  });
  afterEach(() => emu.close());

  it('issues a code for an S256 or plain challenge, or one without a method', async () => {
    for (const method of ['S256', 'plain', undefined]) {
      const { location } = await authorize(authorizeUrl(emu, { code_challenge: CHALLENGE, code_challenge_method: method }));
      expect(location!.searchParams.get('code')).toMatch(/^def50200[0-9a-f]+$/);
    }
  });

  it('refuses a method other than S256 or plain, letter case included, with an invalid_request page and no redirect', async () => {
    for (const method of ['s256', 'SHA256', 'PLAIN', '']) {
      const { status, location, body } = await authorize(authorizeUrl(emu, { code_challenge: CHALLENGE, code_challenge_method: method }));
      expect(status).toBe(400);
      expect(location).toBeUndefined();
      expect(body).toContain('invalid_request');
      expect(body).toContain('Code challenge method must be one of `S256`, `plain`');
    }
  });

  it('refuses a challenge that is not 43 to 128 of [A-Za-z0-9-._~] with an invalid_request page and no redirect', async () => {
    for (const challenge of ['', 'a'.repeat(42), 'a'.repeat(129), `${CHALLENGE.slice(0, -1)}=`, `${CHALLENGE.slice(0, -1)}+`]) {
      const { status, location, body } = await authorize(authorizeUrl(emu, { code_challenge: challenge, code_challenge_method: 'S256' }));
      expect(status).toBe(400);
      expect(location).toBeUndefined();
      expect(body).toContain('invalid_request');
      expect(body).toContain('Code challenge must follow the specifications of RFC-7636.');
    }
  });

  it('checks the method before the challenge, and both after the client, redirect URI and scopes', async () => {
    const both = await authorize(authorizeUrl(emu, { code_challenge: 'short', code_challenge_method: 'S512' }));
    expect(both.body).toContain('Code challenge method must be one of');
    const badScope = await authorize(authorizeUrl(emu, { scope: 'email', code_challenge: 'short' }));
    expect(badScope.location!.searchParams.get('error')).toBe('invalid_scope');
    const badClient = await authorize(authorizeUrl(emu, { client_id: 'nobody', code_challenge: 'short' }));
    expect(badClient.body).toContain('Client authentication failed');
  });

  it('ignores code_challenge_method when there is no code_challenge', async () => {
    const { location } = await authorize(authorizeUrl(emu, { code_challenge_method: 'nonsense' }));
    expect(location!.searchParams.get('code')).toBeTruthy();
  });

  it('with ignoreCodeChallenge, does not read the challenge at all: a malformed one still gets a code', async () => {
    const lax = await createEmulator({ autoApprove: true, ignoreCodeChallenge: true });
    try {
      const { location } = await authorize(authorizeUrl(lax, { code_challenge: 'short', code_challenge_method: 'S512' }));
      expect(location!.searchParams.get('code')).toBeTruthy();
    } finally {
      await lax.close();
    }
  });
});
