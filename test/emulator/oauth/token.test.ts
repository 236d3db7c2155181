import { createEmulator, DEMO_CLIENT, type Emulator } from '../../../src/emulator';
import { exchange, frozenClock, getCode, postForm } from '../../helpers/emulator';

const REDIRECT = DEMO_CLIENT.redirectUris[1]!;
const creds = { client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret };

describe('/oauth2/token', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await createEmulator({ autoApprove: true, clock: frozenClock() });
  });
  afterEach(() => emu.close());

  const exchangeFields = (code: string, extra: Record<string, string> = {}) => ({
    ...creds,
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
    ...extra,
  });

  it('exchanges a code for tokens with keys in the order token_type, expires_in, access_token, refresh_token, account_url', async () => {
    const { status, json, text } = await exchange(emu, exchangeFields(await getCode(emu)));
    expect(status).toBe(200);
    expect(Object.keys(json)).toEqual(['token_type', 'expires_in', 'access_token', 'refresh_token', 'account_url']);
    expect(json.token_type).toBe('Bearer');
    expect(json.expires_in).toBe(86400);
    expect(json.access_token).toMatch(/^eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9\./);
    expect(json.refresh_token).toMatch(/^def50200[0-9a-f]{1000,}$/);
    expect(json.account_url).toBe(`${emu.url}/acc1234`);
    expect(json.account_url).toBe(emu.accountUrl('acc1234'));
    expect(text).not.toMatch(/scope/);
  });

  it("answers with Worksection's headers: JSON in UTF-8, never cached, not frameable", async () => {
    const res = await postForm(`${emu.url}/oauth2/token`, exchangeFields(await getCode(emu)));
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store, no-cache, must-revalidate');
    expect(res.headers.get('pragma')).toBe('no-cache');
    expect(res.headers.get('expires')).toBe('Thu, 19 Nov 1981 08:52:00 GMT');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('issues codes that start with def50200 and are over 1000 hex characters', async () => {
    const code = await getCode(emu);
    expect(code).toMatch(/^def50200[0-9a-f]+$/);
    expect(code.length).toBeGreaterThan(1000);
  });

  it('takes the parameters from the query string of a POST, as the Postman collection sends them', async () => {
    const url = new URL(`${emu.url}/oauth2/token`);
    for (const [k, v] of Object.entries(exchangeFields(await getCode(emu)))) url.searchParams.set(k, v);
    const res = await fetch(url, { method: 'POST' });
    expect(Object.keys((await res.json()) as object)).toContain('access_token');
  });

  it('takes the parameters from the query string of a GET', async () => {
    const url = new URL(`${emu.url}/oauth2/token`);
    for (const [k, v] of Object.entries(exchangeFields(await getCode(emu)))) url.searchParams.set(k, v);
    const res = await fetch(url);
    expect(Object.keys((await res.json()) as object)).toContain('access_token');
  });

  it('takes the client credentials from HTTP Basic when the body has none', async () => {
    const code = await getCode(emu);
    const basic = Buffer.from(`${DEMO_CLIENT.clientId}:${DEMO_CLIENT.clientSecret}`).toString('base64');
    const res = await postForm(
      `${emu.url}/oauth2/token`,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT },
      { authorization: `Basic ${basic}` },
    );
    expect(Object.keys((await res.json()) as object)).toContain('access_token');
  });

  it("a reused code is answered 'Authorization code has been revoked' with HTTP 200, byte for byte", async () => {
    const code = await getCode(emu);
    await exchange(emu, exchangeFields(code));
    const second = await exchange(emu, exchangeFields(code));
    expect(second.status).toBe(200);
    expect(second.text).toBe('{"error":"invalid_request","errorDescription":"Authorization code has been revoked"}');
  });

  it('a wrong client secret is answered invalid_client "Client authentication failed" with HTTP 200, byte for byte', async () => {
    const res = await exchange(emu, exchangeFields(await getCode(emu), { client_secret: 'wrong' }));
    expect(res.status).toBe(200);
    expect(res.text).toBe('{"error":"invalid_client","errorDescription":"Client authentication failed"}');
  });

  it('an unknown client is answered "Client authentication failed"', async () => {
    const res = await exchange(emu, exchangeFields(await getCode(emu), { client_id: 'nobody' }));
    expect(res.text).toBe('{"error":"invalid_client","errorDescription":"Client authentication failed"}');
  });

  it('a missing client_id is answered "Check the `client_id` parameter"', async () => {
    const fields: Record<string, string> = exchangeFields(await getCode(emu));
    delete fields.client_id;
    const res = await exchange(emu, fields);
    expect(res.json).toEqual({ error: 'invalid_request', errorDescription: 'Check the `client_id` parameter' });
  });

  it('a code is valid for 600 seconds and then answered "Authorization code has expired"', async () => {
    const fresh = await getCode(emu);
    const old = await getCode(emu);
    emu.clock.advance(600_000);
    expect((await exchange(emu, exchangeFields(fresh))).json.access_token).toEqual(expect.any(String));
    emu.clock.advance(1_000);
    const res = await exchange(emu, exchangeFields(old));
    expect(res.text).toBe('{"error":"invalid_request","errorDescription":"Authorization code has expired"}');
  });

  it('a code issued to another client is answered "Authorization code was not issued to this client"', async () => {
    emu.addClient({ clientId: 'other', clientSecret: 'other-secret', redirectUris: [REDIRECT] });
    const res = await exchange(emu, exchangeFields(await getCode(emu), { client_id: 'other', client_secret: 'other-secret' }));
    expect(res.json).toEqual({ error: 'invalid_request', errorDescription: 'Authorization code was not issued to this client' });
  });

  it('a registered redirect_uri other than the one the code was issued for is answered "Invalid redirect URI"', async () => {
    const res = await exchange(emu, exchangeFields(await getCode(emu), { redirect_uri: DEMO_CLIENT.redirectUris[0]! }));
    expect(res.json).toEqual({ error: 'invalid_request', errorDescription: 'Invalid redirect URI' });
  });

  it('a redirect_uri the client never registered fails client authentication, as league checks it first', async () => {
    const res = await exchange(emu, exchangeFields(await getCode(emu), { redirect_uri: 'https://evil.example/cb' }));
    expect(res.json).toEqual({ error: 'invalid_client', errorDescription: 'Client authentication failed' });
  });

  it('a missing redirect_uri is answered "Check the `redirect_uri` parameter"', async () => {
    const fields: Record<string, string> = exchangeFields(await getCode(emu));
    delete fields.redirect_uri;
    expect((await exchange(emu, fields)).json).toEqual({
      error: 'invalid_request',
      errorDescription: 'Check the `redirect_uri` parameter',
    });
  });

  it('a missing code is answered "Check the `code` parameter"', async () => {
    const fields: Record<string, string> = exchangeFields('x');
    delete fields.code;
    expect((await exchange(emu, fields)).json).toEqual({ error: 'invalid_request', errorDescription: 'Check the `code` parameter' });
  });

  it('a forged or edited code is answered "Cannot decrypt the authorization code"', async () => {
    const code = await getCode(emu);
    const edited = code.slice(0, -2) + (code.endsWith('00') ? '11' : '00');
    for (const bad of ['def50200abcdef', edited, 'garbage']) {
      expect((await exchange(emu, exchangeFields(bad))).json).toEqual({
        error: 'invalid_request',
        errorDescription: 'Cannot decrypt the authorization code',
      });
    }
  });

  it('a code from another emulator instance cannot be decrypted', async () => {
    const other = await createEmulator({ autoApprove: true });
    try {
      const foreign = await getCode(other);
      expect((await exchange(emu, exchangeFields(foreign))).json.errorDescription).toBe('Cannot decrypt the authorization code');
    } finally {
      await other.close();
    }
  });

  it('refuses any grant_type but authorization_code with unsupported_grant_type', async () => {
    for (const grant of ['refresh_token', 'client_credentials', '']) {
      const res = await exchange(emu, exchangeFields(await getCode(emu), { grant_type: grant }));
      expect(res.json).toEqual({
        error: 'unsupported_grant_type',
        errorDescription: 'Check that all required parameters have been provided',
      });
    }
  });

  it('keeps the client secret and the code out of every error body', async () => {
    const code = await getCode(emu);
    const bodies = [
      (await exchange(emu, exchangeFields(code, { client_secret: 'wrong-secret-value' }))).text,
      (await exchange(emu, exchangeFields(code))).text,
      (await exchange(emu, exchangeFields(code))).text,
    ];
    for (const body of bodies) {
      expect(body).not.toContain('wrong-secret-value');
      expect(body).not.toContain(DEMO_CLIENT.clientSecret);
      expect(body).not.toContain(code.slice(8, 40));
    }
  });

  it('answers PUT with 405', async () => {
    const res = await fetch(`${emu.url}/oauth2/token`, { method: 'PUT' });
    expect(res.status).toBe(405);
    await res.arrayBuffer();
  });
});

describe('/oauth2/token with revokeTokensOnCodeReuse', () => {
  it('revokes the tokens a code issued when the code is presented again', async () => {
    const emu = await createEmulator({ autoApprove: true, revokeTokensOnCodeReuse: true });
    try {
      const code = await getCode(emu);
      const fields = { ...creds, grant_type: 'authorization_code', code, redirect_uri: REDIRECT };
      const first = (await exchange(emu, fields)).json;
      await exchange(emu, fields);
      const resource = await postForm(`${emu.url}/oauth2/resource`, { ...creds, access_token: first.access_token as string });
      expect(await resource.json()).toEqual({ error: 'not_authorized', errorDescription: 'Token has been revoked' });
      const refresh = await postForm(`${emu.url}/oauth2/refresh`, {
        ...creds,
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token as string,
      });
      expect(await refresh.json()).toEqual({ error: 'invalid_request', errorDescription: 'Token has been revoked' });
    } finally {
      await emu.close();
    }
  });

  it('leaves them alone by default, as league/oauth2-server 8.x does', async () => {
    const emu = await createEmulator({ autoApprove: true });
    try {
      const code = await getCode(emu);
      const fields = { ...creds, grant_type: 'authorization_code', code, redirect_uri: REDIRECT };
      const first = (await exchange(emu, fields)).json;
      await exchange(emu, fields);
      const resource = await postForm(`${emu.url}/oauth2/resource`, { ...creds, access_token: first.access_token as string });
      expect(((await resource.json()) as Record<string, unknown>).id).toBe('3993');
    } finally {
      await emu.close();
    }
  });
});

describe('/oauth2/token transfer encoding', () => {
  it('streams its JSON with Transfer-Encoding: chunked and no Content-Length, as Worksection does', async () => {
    const emu = await createEmulator({ autoApprove: true });
    try {
      const res = await postForm(`${emu.url}/oauth2/token`, { grant_type: 'authorization_code' });
      expect(res.headers.get('transfer-encoding')).toBe('chunked');
      expect(res.headers.get('content-length')).toBeNull();
      await res.arrayBuffer();
    } finally {
      await emu.close();
    }
  });
});
