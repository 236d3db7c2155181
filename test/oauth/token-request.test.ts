import { readFileSync } from 'node:fs';
import path from 'node:path';
import { INVALID_RESPONSE, OAUTH_ERROR, UNEXPECTED_STATUS, UNTRUSTED_ACCOUNT_URL } from '../../src/errors/codes';
import { WorksectionOAuthError } from '../../src/errors/oauth-error';
import { WorksectionResponseError } from '../../src/errors/response-error';
import { defaultNodeTransport } from '../../src/http/node-transport';
import { requestTokens, type TokenContext } from '../../src/oauth/token-request';
import { json, startHostileServer, type HostileServer } from '../helpers/hostile-server';

const body = (name: string): string => readFileSync(path.join(__dirname, '..', 'fixtures', `${name}.json`), 'utf8');
const SECRET = 'SECRET-MARKER-token-response';
const CODE = 'def50200CODEMARKER0123456789';

let server: HostileServer;
let context: TokenContext;
beforeEach(async () => {
  server = await startHostileServer();
  context = { http: { fetch: globalThis.fetch, transport: defaultNodeTransport, timeout: 1000 }, baseURL: server.url };
});
afterEach(() => server.close());

const exchange = (grant = 'authorization_code') =>
  requestTokens(context, `${server.url}/oauth2/token`, {
    grant_type: grant,
    client_id: 'demo-client',
    client_secret: SECRET,
    ...(grant === 'refresh_token' ? { refresh_token: CODE } : { code: CODE, redirect_uri: 'https://app/cb' }),
  });
const success = JSON.parse(body('token-success')) as Record<string, unknown>;

async function rejection<E = Error>(promise: Promise<unknown>): Promise<E> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err as E,
  );
}

describe('requestTokens', () => {
  it("accepts Worksection's captured token answer and keeps its account_url", async () => {
    server.handle((_, res) => json(res, body('token-success')));
    const tokens = await exchange();
    expect(tokens).toMatchObject({
      accessToken: success.access_token,
      refreshToken: success.refresh_token,
      tokenType: 'Bearer',
      expiresIn: 86400,
      accountUrl: 'https://acc1234.worksection.com',
    });
  });

  it.each([
    ['1e308 (Infinity once in milliseconds)', 1e308],
    ['1e12', 1e12],
    ['a year and a second', 31_536_001],
  ])('refuses an expires_in of %s as an invalid answer', async (_what, expiresIn) => {
    server.handle((_, res) => json(res, { ...success, expires_in: expiresIn }));
    await expect(exchange()).rejects.toMatchObject({ name: 'WorksectionResponseError', code: INVALID_RESPONSE });
  });

  it('keeps a "__proto__" key of the answer from reaching a prototype: no account_url comes from it', async () => {
    const rest: Record<string, unknown> = { ...success };
    delete rest.account_url;
    const crafted = JSON.stringify(rest).replace(/^\{/, '{"__proto__":{"account_url":"https://evil.example","polluted":true},');
    server.handle((_, res) => json(res, crafted));
    const tokens = await exchange();
    expect(tokens.accountUrl).toBeUndefined();
    expect(tokens.json.account_url).toBeUndefined();
    expect(Object.getPrototypeOf(tokens.json)).toBeNull();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('accepts the refresh answer without account_url, as the live server sends it', async () => {
    server.handle((_, res) => json(res, body('refresh-success')));
    const tokens = await exchange('refresh_token');
    expect(tokens.accountUrl).toBeUndefined();
    expect(tokens.refreshToken).toMatch(/^def50200/);
  });

  it('compares token_type without case: the docs say "bearer"', async () => {
    server.handle((_, res) => json(res, { ...success, token_type: 'bearer' }));
    await expect(exchange()).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it.each([
    ['token-invalid-request', 'invalid_request', 'Authorization code has been revoked'],
    ['token-invalid-client', 'invalid_client', 'Client authentication failed'],
    ['refresh-invalid-request', 'invalid_request', 'Cannot decrypt the refresh token'],
  ])(
    "turns the HTTP-200 error body %s into a typed error with our code, Worksection's error and description, and the status",
    async (name, error, description) => {
      server.handle((_, res) => json(res, body(name)));
      const err = await rejection(exchange());
      expect(err).toBeInstanceOf(WorksectionOAuthError);
      expect(err).toMatchObject({ code: OAUTH_ERROR, error, description, status: 200 });
      expect(err.message).toContain(description);
    },
  );

  it('reads the standard error_description too, and keeps a 400 status', async () => {
    server.handle((_, res) => json(res, { error: 'invalid_grant', error_description: 'The code is bad' }, 400));
    await expect(exchange()).rejects.toMatchObject({ error: 'invalid_grant', description: 'The code is bad', status: 400 });
  });

  it('blanks the client secret and the code out of an error description that echoes them', async () => {
    server.handle((req, res) => {
      const form = new URLSearchParams(req.body);
      json(res, { error: 'invalid_client', errorDescription: `bad ${form.get('client_secret')} for ${form.get('code')}` });
    });
    const err = await rejection<WorksectionOAuthError>(exchange());
    expect(err.description).toBe('bad [redacted] for [redacted]');
    for (const text of [err.message, String(err), JSON.stringify(err)]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(CODE);
    }
  });

  it('reports a JSON 500 without an error field as an unexpected status', async () => {
    server.handle((_, res) => json(res, { message: 'Internal error' }, 500));
    await expect(exchange()).rejects.toMatchObject({ code: UNEXPECTED_STATUS, status: 500 });
  });

  it.each([
    ['a missing access_token', { access_token: undefined }, /access_token is missing/],
    ['a numeric access_token', { access_token: 12345 }, /access_token is missing or not a string/],
    ['a MAC token_type', { token_type: 'mac' }, /token_type is not Bearer/],
    ['a string expires_in', { expires_in: '86400' }, /expires_in/],
    ['a numeric refresh_token', { refresh_token: 42 }, /refresh_token/],
    ['a JSON array', null, /not an object/],
  ])('rejects %s as an invalid response', async (_, change, message) => {
    server.handle((__, res) => json(res, change === null ? [success] : { ...success, ...change }));
    const err = await rejection(exchange());
    expect(err).toBeInstanceOf(WorksectionResponseError);
    expect(err).toMatchObject({ code: INVALID_RESPONSE, status: 200 });
    expect(err.message).toMatch(message);
  });

  it('requires a new refresh token on refresh, since Worksection revokes the old one', async () => {
    server.handle((_, res) => json(res, { ...success, refresh_token: undefined }));
    await expect(exchange('refresh_token')).rejects.toMatchObject({ code: INVALID_RESPONSE });
  });

  it.each([
    'http://acc1234.worksection.com',
    'https://worksection.com.evil.example',
    'https://evil.example/acc1234',
    'javascript:alert(1)',
    42,
  ])('refuses the account_url %p', async (accountUrl) => {
    server.handle((_, res) => json(res, { ...success, account_url: accountUrl }));
    await expect(exchange()).rejects.toMatchObject({ code: UNTRUSTED_ACCOUNT_URL, name: 'WorksectionResponseError' });
  });

  it('accepts an account_url on the origin of baseURL, as the emulator hands them out', async () => {
    server.handle((_, res) => json(res, { ...success, account_url: `${server.url}/acc1234` }));
    await expect(exchange()).resolves.toMatchObject({ accountUrl: `${server.url}/acc1234` });
  });
});
