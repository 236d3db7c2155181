import { createEmulator, DEMO_CLIENT, type Emulator } from '../../src';
import { exchange, frozenClock, getCode, postForm } from '../helpers/oauth-flow';

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

describe('/oauth2/token with PKCE, as league/oauth2-server 8.x checks it', () => {
  // RFC 7636 appendix B: this verifier's S256 challenge.
  const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  const S256_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
  const s256 = { code_challenge: S256_CHALLENGE, code_challenge_method: 'S256' };

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

  it('exchanges an S256 code when the code_verifier hashes to the challenge', async () => {
    const res = await exchange(emu, exchangeFields(await getCode(emu, s256), { code_verifier: VERIFIER }));
    expect(res.json.access_token).toEqual(expect.any(String));
    expect(res.json.account_url).toBe(emu.accountUrl('acc1234'));
  });

  it('exchanges a plain code when the code_verifier equals the challenge, plain being the default method', async () => {
    const explicit = await getCode(emu, { code_challenge: VERIFIER, code_challenge_method: 'plain' });
    const byDefault = await getCode(emu, { code_challenge: VERIFIER });
    for (const code of [explicit, byDefault]) {
      expect((await exchange(emu, exchangeFields(code, { code_verifier: VERIFIER }))).json.access_token).toEqual(expect.any(String));
    }
    const hashed = await getCode(emu, { code_challenge: S256_CHALLENGE });
    expect((await exchange(emu, exchangeFields(hashed, { code_verifier: VERIFIER }))).json.error).toBe('invalid_grant');
  });

  it('accepts verifiers of exactly 43 and 128 characters using every allowed character', async () => {
    for (const verifier of ['A'.repeat(43), `${'aZ09-._~'.repeat(15)}abcdefgh`]) {
      const code = await getCode(emu, { code_challenge: verifier, code_challenge_method: 'plain' });
      expect((await exchange(emu, exchangeFields(code, { code_verifier: verifier }))).json.access_token).toEqual(expect.any(String));
    }
  });

  it('a PKCE code exchanged without code_verifier is answered invalid_request "Check the `code_verifier` parameter", byte for byte', async () => {
    const res = await exchange(emu, exchangeFields(await getCode(emu, s256)));
    expect(res.status).toBe(200);
    expect(res.text).toBe('{"error":"invalid_request","errorDescription":"Check the `code_verifier` parameter"}');
  });

  it('a code_verifier that is not 43 to 128 of [A-Za-z0-9-._~] is answered "Code Verifier must follow the specifications of RFC-7636."', async () => {
    const code = await getCode(emu, s256);
    for (const bad of ['', 'a'.repeat(42), 'a'.repeat(129), `${VERIFIER.slice(0, -1)}+`, `${VERIFIER.slice(0, -1)}=`, `${VERIFIER} `]) {
      const res = await exchange(emu, exchangeFields(code, { code_verifier: bad }));
      expect(res.text).toBe('{"error":"invalid_request","errorDescription":"Code Verifier must follow the specifications of RFC-7636."}');
    }
  });

  it('a wrong code_verifier is answered invalid_grant "Failed to verify `code_verifier`.", byte for byte', async () => {
    const s256Code = await getCode(emu, s256);
    const plainCode = await getCode(emu, { code_challenge: VERIFIER, code_challenge_method: 'plain' });
    for (const code of [s256Code, plainCode]) {
      const res = await exchange(emu, exchangeFields(code, { code_verifier: `${VERIFIER.slice(0, -1)}Y` }));
      expect(res.status).toBe(200);
      expect(res.text).toBe('{"error":"invalid_grant","errorDescription":"Failed to verify `code_verifier`."}');
    }
    // A plain code does not take the challenge's S256 hash as its verifier, nor an S256 code its own challenge.
    expect((await exchange(emu, exchangeFields(s256Code, { code_verifier: S256_CHALLENGE }))).json.error).toBe('invalid_grant');
  });

  it('a code_verifier sent for a code without a challenge is answered "code_verifier received when no code_challenge is present" (league 8.4+)', async () => {
    const res = await exchange(emu, exchangeFields(await getCode(emu), { code_verifier: VERIFIER }));
    expect(res.status).toBe(200);
    expect(res.text).toBe('{"error":"invalid_request","errorDescription":"code_verifier received when no code_challenge is present"}');
    const empty = await exchange(emu, exchangeFields(await getCode(emu), { code_verifier: '' }));
    expect(empty.json.errorDescription).toBe('code_verifier received when no code_challenge is present');
  });

  it('a PKCE failure does not use up the code: after a missing, malformed and wrong verifier the right one still works, once', async () => {
    const code = await getCode(emu, s256);
    await exchange(emu, exchangeFields(code));
    await exchange(emu, exchangeFields(code, { code_verifier: 'short' }));
    expect((await exchange(emu, exchangeFields(code, { code_verifier: 'x'.repeat(43) }))).json.error).toBe('invalid_grant');
    expect((await exchange(emu, exchangeFields(code, { code_verifier: VERIFIER }))).json.access_token).toEqual(expect.any(String));
    expect((await exchange(emu, exchangeFields(code, { code_verifier: VERIFIER }))).json.errorDescription).toBe(
      'Authorization code has been revoked',
    );
  });

  it('a refused verifier for a code without a challenge does not use up the code either', async () => {
    const code = await getCode(emu);
    expect((await exchange(emu, exchangeFields(code, { code_verifier: VERIFIER }))).json.error).toBe('invalid_request');
    expect((await exchange(emu, exchangeFields(code))).json.access_token).toEqual(expect.any(String));
  });

  it('checks the code before the verifier, as league does: an expired PKCE code is "Authorization code has expired"', async () => {
    const code = await getCode(emu, s256);
    emu.clock.advance(601_000);
    expect((await exchange(emu, exchangeFields(code, { code_verifier: 'wrong' }))).json.errorDescription).toBe(
      'Authorization code has expired',
    );
  });

  it("accepts a challenge and verifier with one trailing newline, as league's PHP regular expression does", async () => {
    const withNewline = `${VERIFIER}\n`;
    const code = await getCode(emu, { code_challenge: withNewline, code_challenge_method: 'plain' });
    expect((await exchange(emu, exchangeFields(code, { code_verifier: VERIFIER }))).json.error).toBe('invalid_grant');
    expect((await exchange(emu, exchangeFields(code, { code_verifier: withNewline }))).json.access_token).toEqual(expect.any(String));
  });
});

describe('/oauth2/token with pkceDowngradeProtection: false (league up to 8.3)', () => {
  it('ignores a code_verifier sent for a code without a challenge', async () => {
    const emu = await createEmulator({ autoApprove: true, pkceDowngradeProtection: false });
    try {
      const code = await getCode(emu);
      const fields = { ...creds, grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: 'a'.repeat(43) };
      expect((await exchange(emu, fields)).json.access_token).toEqual(expect.any(String));
    } finally {
      await emu.close();
    }
  });

  it('still checks the verifier of a code that has a challenge', async () => {
    const emu = await createEmulator({ autoApprove: true, pkceDowngradeProtection: false });
    try {
      const code = await getCode(emu, { code_challenge: 'a'.repeat(43) });
      const fields = { ...creds, grant_type: 'authorization_code', code, redirect_uri: REDIRECT };
      expect((await exchange(emu, fields)).json.errorDescription).toBe('Check the `code_verifier` parameter');
      expect((await exchange(emu, { ...fields, code_verifier: 'a'.repeat(43) })).json.access_token).toEqual(expect.any(String));
    } finally {
      await emu.close();
    }
  });
});

describe('/oauth2/token with ignoreCodeChallenge (a front end that does not pass the challenge on)', () => {
  it('issues codes without a challenge, so a client that sends its verifier gets the downgrade answer', async () => {
    const emu = await createEmulator({ autoApprove: true, ignoreCodeChallenge: true });
    try {
      const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
      const code = await getCode(emu, { code_challenge: challenge, code_challenge_method: 'S256' });
      const fields = { ...creds, grant_type: 'authorization_code', code, redirect_uri: REDIRECT };
      const withVerifier = await exchange(emu, { ...fields, code_verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk' });
      expect(withVerifier.text).toBe(
        '{"error":"invalid_request","errorDescription":"code_verifier received when no code_challenge is present"}',
      );
      expect((await exchange(emu, fields)).json.access_token).toEqual(expect.any(String));
    } finally {
      await emu.close();
    }
  });

  it('with pkceDowngradeProtection: false too, the verifier is ignored and the exchange succeeds, as on league 8.3', async () => {
    const emu = await createEmulator({ autoApprove: true, ignoreCodeChallenge: true, pkceDowngradeProtection: false });
    try {
      const code = await getCode(emu, { code_challenge: 'b'.repeat(43), code_challenge_method: 'S256' });
      const fields = { ...creds, grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: 'a'.repeat(43) };
      expect((await exchange(emu, fields)).json.access_token).toEqual(expect.any(String));
    } finally {
      await emu.close();
    }
  });
});
