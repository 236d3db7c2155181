import { OAuth2 } from 'oauth';
import { WorksectionOAuthError } from '../../src/errors/oauth-error';
import { defaultNodeTransport } from '../../src/http/node-transport';
import { createOAuth2Class, type ClientSettings } from '../../src/strategy/node-oauth-bridge';
import { json, startHostileServer, type HostileServer } from '../helpers/hostile-server';

const TOKENS = { token_type: 'Bearer', expires_in: 60, access_token: 'eyJ.a.b', refresh_token: 'def50200rt' };

let server: HostileServer;
let settings: ClientSettings;
beforeEach(async () => {
  server = await startHostileServer((_, res) => json(res, TOKENS));
  settings = {
    http: { fetch: globalThis.fetch, transport: defaultNodeTransport, timeout: 1000 },
    baseURL: server.url,
    tokenURL: `${server.url}/oauth2/token`,
    refreshURL: `${server.url}/oauth2/refresh`,
  };
});
afterEach(() => server.close());

type Result = { err: unknown; accessToken?: string; refreshToken?: string; results?: Record<string, unknown> };
const call = (client: OAuth2, code: string, params: Record<string, string>) =>
  new Promise<Result>((resolve) =>
    client.getOAuthAccessToken(code, params, (err, accessToken, refreshToken, results) =>
      resolve({ err, accessToken, refreshToken, results: results as Result['results'] }),
    ),
  );

describe('the node-oauth client subclass', () => {
  it("extends the OAuth2 class it is given and exchanges a code on node-oauth's callback contract", async () => {
    const Client = createOAuth2Class(OAuth2, settings);
    const client = new Client('id', 'secret', '', `${server.url}/oauth2/authorize`, settings.tokenURL);
    expect(client).toBeInstanceOf(OAuth2);
    const before = Date.now();
    const { err, accessToken, refreshToken, results } = await call(client, 'c0de', {
      grant_type: 'authorization_code',
      redirect_uri: 'https://app/cb',
    });
    expect(err).toBeNull();
    expect([accessToken, refreshToken]).toEqual(['eyJ.a.b', 'def50200rt']);
    expect(results).toEqual({ token_type: 'Bearer', expires_in: 60, access_token: 'eyJ.a.b', expires_at: expect.any(Number) as unknown });
    expect(results?.expires_at as number).toBeGreaterThanOrEqual(before + 60_000);
    expect(server.requests[0]?.url).toBe('/oauth2/token');
    expect(Object.fromEntries(new URLSearchParams(server.requests[0]?.body))).toEqual({
      grant_type: 'authorization_code',
      redirect_uri: 'https://app/cb',
      client_id: 'id',
      client_secret: 'secret',
      code: 'c0de',
    });
  });

  it('sends a refresh grant to /oauth2/refresh even from a client built for the token endpoint', async () => {
    const Client = createOAuth2Class(OAuth2, settings);
    const { err } = await call(new Client('id', 'secret', '', '', settings.tokenURL), 'def50200rt', { grant_type: 'refresh_token' });
    expect(err).toBeNull();
    expect(server.requests[0]?.url).toBe('/oauth2/refresh');
    expect(new URLSearchParams(server.requests[0]?.body).get('refresh_token')).toBe('def50200rt');
  });

  it('keeps its settings when rebuilt from its constructor with the six node-oauth arguments', async () => {
    server.handle((_, res) => json(res, { error: 'invalid_request', errorDescription: 'Token has been revoked' }));
    const Client = createOAuth2Class(OAuth2, settings);
    const original = new Client('id', 'secret', '', '', settings.tokenURL);
    const Rebuilt = original.constructor as typeof Client;
    const rebuilt = new Rebuilt('id', 'secret', '', '', settings.refreshURL, {});
    const { err } = await call(rebuilt, 'def50200rt', { grant_type: 'refresh_token' });
    expect(err).toBeInstanceOf(WorksectionOAuthError);
    expect(err).toMatchObject({ description: 'Token has been revoked', status: 200 });
  });
});
