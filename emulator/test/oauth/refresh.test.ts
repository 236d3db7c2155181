import { createEmulator, DEMO_CLIENT, type Emulator } from '../../src';
import { frozenClock, getTokens, jwtClaims, postForm } from '../helpers/oauth-flow';

const creds = { client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret };

async function refresh(emu: Emulator, refreshToken: string, extra: Record<string, string> = {}) {
  const res = await postForm(`${emu.url}/oauth2/refresh`, { ...creds, grant_type: 'refresh_token', refresh_token: refreshToken, ...extra });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as Record<string, unknown> };
}

async function resource(emu: Emulator, accessToken: string) {
  const res = await postForm(`${emu.url}/oauth2/resource`, { ...creds, access_token: accessToken });
  return (await res.json()) as Record<string, unknown>;
}

describe('/oauth2/refresh', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await createEmulator({ autoApprove: true, clock: frozenClock() });
  });
  afterEach(() => emu.close());

  it('answers token_type, expires_in, access_token, refresh_token and no account_url, as the live server does', async () => {
    const tokens = await getTokens(emu);
    const { status, json } = await refresh(emu, tokens.refresh_token);
    expect(status).toBe(200);
    expect(Object.keys(json)).toEqual(['token_type', 'expires_in', 'access_token', 'refresh_token']);
    expect(json).toMatchObject({ token_type: 'Bearer', expires_in: 86400 });
    expect(json.refresh_token).toMatch(/^def50200[0-9a-f]{1000,}$/);
  });

  it('rotates: the new tokens differ and keep the user and scopes of the grant', async () => {
    const tokens = await getTokens(emu, { scope: 'projects_read tasks_read' });
    const { json } = await refresh(emu, tokens.refresh_token);
    expect(json.access_token).not.toBe(tokens.access_token);
    expect(json.refresh_token).not.toBe(tokens.refresh_token);
    expect(jwtClaims(json.access_token as string)).toMatchObject({
      sub: '3993',
      aud: 'demo-client',
      scopes: ['projects_read', 'tasks_read'],
    });
    expect((await resource(emu, json.access_token as string)).account_url).toBe(tokens.account_url);
  });

  it("a reused refresh token is answered 'Token has been revoked' with HTTP 200", async () => {
    const tokens = await getTokens(emu);
    await refresh(emu, tokens.refresh_token);
    const again = await refresh(emu, tokens.refresh_token);
    expect(again.status).toBe(200);
    expect(again.text).toBe('{"error":"invalid_request","errorDescription":"Token has been revoked"}');
  });

  it('revokes the old access token on rotation', async () => {
    const tokens = await getTokens(emu);
    expect((await resource(emu, tokens.access_token)).id).toBe('3993');
    await refresh(emu, tokens.refresh_token);
    expect(await resource(emu, tokens.access_token)).toEqual({ error: 'not_authorized', errorDescription: 'Token has been revoked' });
  });

  it('of two refreshes racing with the same token exactly one wins', async () => {
    const tokens = await getTokens(emu);
    const results = await Promise.all([refresh(emu, tokens.refresh_token), refresh(emu, tokens.refresh_token)]);
    expect(results.filter((r) => typeof r.json.access_token === 'string')).toHaveLength(1);
    expect(results.filter((r) => r.json.errorDescription === 'Token has been revoked')).toHaveLength(1);
  });

  it('a garbage refresh token is answered "Cannot decrypt the refresh token" byte for byte', async () => {
    for (const bad of ['garbage', 'def50200', 'def50200zz']) {
      expect((await refresh(emu, bad)).text).toBe('{"error":"invalid_request","errorDescription":"Cannot decrypt the refresh token"}');
    }
  });

  it('a refresh token stays valid for 30 days and is then answered "Token has expired"', async () => {
    const a = await getTokens(emu);
    const b = await getTokens(emu);
    emu.clock.advance(30 * 86_400_000);
    expect((await refresh(emu, a.refresh_token)).json.access_token).toEqual(expect.any(String));
    emu.clock.advance(1_000);
    expect((await refresh(emu, b.refresh_token)).json).toEqual({ error: 'invalid_request', errorDescription: 'Token has expired' });
  });

  it('a refresh token of another client is answered "Token is not linked to client"', async () => {
    emu.addClient({ clientId: 'other', clientSecret: 'other-secret', redirectUris: ['https://other.example/cb'] });
    const tokens = await getTokens(emu);
    const { json } = await refresh(emu, tokens.refresh_token, { client_id: 'other', client_secret: 'other-secret' });
    expect(json).toEqual({ error: 'invalid_request', errorDescription: 'Token is not linked to client' });
  });

  it('a wrong client secret is answered "Client authentication failed" and does not use up the token', async () => {
    const tokens = await getTokens(emu);
    expect((await refresh(emu, tokens.refresh_token, { client_secret: 'nope' })).text).toBe(
      '{"error":"invalid_client","errorDescription":"Client authentication failed"}',
    );
    expect((await refresh(emu, tokens.refresh_token)).json.access_token).toEqual(expect.any(String));
  });

  it('a missing refresh_token is answered "Check the `refresh_token` parameter"', async () => {
    const res = await postForm(`${emu.url}/oauth2/refresh`, { ...creds, grant_type: 'refresh_token' });
    expect(await res.json()).toEqual({ error: 'invalid_request', errorDescription: 'Check the `refresh_token` parameter' });
  });

  it('refuses grant_type authorization_code with unsupported_grant_type', async () => {
    const tokens = await getTokens(emu);
    const { json } = await refresh(emu, tokens.refresh_token, { grant_type: 'authorization_code' });
    expect(json.error).toBe('unsupported_grant_type');
  });

  it('takes its parameters from the query string too, on POST and GET', async () => {
    for (const method of ['POST', 'GET']) {
      const tokens = await getTokens(emu);
      const url = new URL(`${emu.url}/oauth2/refresh`);
      for (const [k, v] of Object.entries({ ...creds, grant_type: 'refresh_token', refresh_token: tokens.refresh_token }))
        url.searchParams.set(k, v);
      const json = (await (await fetch(url, { method })).json()) as Record<string, unknown>;
      expect(json.access_token).toEqual(expect.any(String));
    }
  });

  it('narrows the scopes when asked and refuses to widen them', async () => {
    const tokens = await getTokens(emu, { scope: 'projects_read,tasks_read' });
    const narrowed = await refresh(emu, tokens.refresh_token, { scope: 'tasks_read' });
    expect(jwtClaims(narrowed.json.access_token as string).scopes).toEqual(['tasks_read']);
    const widened = await refresh(emu, narrowed.json.refresh_token as string, { scope: 'tasks_read,users_read' });
    expect(widened.json).toEqual({ error: 'invalid_scope', errorDescription: 'Check the `users_read` scope' });
  });
});

describe('/oauth2/refresh with refreshAccountUrl', () => {
  it('adds account_url last, as the docs example shows', async () => {
    const emu = await createEmulator({ autoApprove: true, refreshAccountUrl: true });
    try {
      const tokens = await getTokens(emu);
      const { json } = await refresh(emu, tokens.refresh_token);
      expect(Object.keys(json)).toEqual(['token_type', 'expires_in', 'access_token', 'refresh_token', 'account_url']);
      expect(json.account_url).toBe(`${emu.url}/acc1234`);
    } finally {
      await emu.close();
    }
  });
});
