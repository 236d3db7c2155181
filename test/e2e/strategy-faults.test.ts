import { createEmulator, DEMO_CLIENT, type Emulator, type EmulatorEndpoint, type Fault } from 'worksection-emulator';
import {
  BODY_TOO_LARGE,
  INVALID_JSON,
  INVALID_RESPONSE,
  NETWORK_ERROR,
  Strategy,
  TIMEOUT,
  UNEXPECTED_CONTENT_TYPE,
  UNEXPECTED_REDIRECT,
  UNEXPECTED_STATUS,
  WorksectionError,
} from '../../src';
import { authorizeAtEmulator, CALLBACK_URL, createStrategyApp, type ErrorAnswer, type StrategyApp } from '../helpers/strategy-app';

const TIMEOUT_MS = 300;
const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0 (Ubuntu)</center>\r\n</body>\r\n</html>\r\n';
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

let emu: Emulator;
let app: StrategyApp;
beforeEach(async () => {
  emu = await createEmulator({ autoApprove: true });
  const strategy = new Strategy(
    {
      clientID: DEMO_CLIENT.clientId,
      clientSecret: DEMO_CLIENT.clientSecret,
      callbackURL: CALLBACK_URL,
      baseURL: emu.url,
      scope: 'projects_read',
      timeout: TIMEOUT_MS,
    },
    (_accessToken, _refreshToken, _params, profile, done) => done(null, { id: profile.id }),
  );
  app = createStrategyApp(strategy);
});
afterEach(() => emu.close());

const cases: Array<[string, Fault, string, Partial<Record<'status' | 'contentType', unknown>>?]> = [
  ['hangs', { type: 'hang' }, TIMEOUT],
  ['answers after the timeout', { type: 'delay', ms: 2000 }, TIMEOUT],
  [
    "serves nginx's HTML 502 page",
    { type: 'respond', status: 502, body: NGINX_502, headers: { 'content-type': 'text/html' } },
    UNEXPECTED_STATUS,
    { status: 502, contentType: 'text/html' },
  ],
  [
    'serves an HTML page with HTTP 200',
    { type: 'respond', status: 200, body: '<html>maintenance</html>', headers: { 'content-type': 'text/html; charset=utf-8' } },
    UNEXPECTED_CONTENT_TYPE,
    { status: 200 },
  ],
  [
    'redirects',
    { type: 'respond', status: 302, body: '', headers: { location: 'https://elsewhere.example/' } },
    UNEXPECTED_REDIRECT,
    { status: 302 },
  ],
  ['resets the connection mid-body', { type: 'reset' }, NETWORK_ERROR],
  ['cuts its JSON in half', { type: 'truncate' }, INVALID_JSON, { status: 200 }],
  ['sends a 2 MiB body', { type: 'oversized' }, BODY_TOO_LARGE, { status: 200 }],
  [
    'answers JSON 500 without an error field',
    { type: 'respond', status: 500, body: '{"message":"Internal Server Error"}', headers: JSON_HEADERS },
    UNEXPECTED_STATUS,
    { status: 500 },
  ],
];

describe.each<EmulatorEndpoint>(['token', 'resource'])('when /oauth2/%s misbehaves', (endpoint) => {
  it.each(cases)('and %s, the callback ends in a typed error within the timeout', async (_, fault, code, facts = {}) => {
    const agent = app.agent();
    const { path } = await authorizeAtEmulator(agent);
    emu.faults.set(endpoint, fault);
    const started = Date.now();
    const res = await agent.get(path).expect(500);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1500);
    expect((res.body as ErrorAnswer).code).toBe(code);
    const [err] = app.errors;
    expect(err).toBeInstanceOf(WorksectionError);
    expect(err).toMatchObject(facts);
    expect((await agent.get('/me')).body).toBeNull();
  });
});

describe('wrong types from the token endpoint', () => {
  it.each([
    ['a numeric access_token', '{"token_type":"Bearer","expires_in":86400,"access_token":12345,"refresh_token":"def50200aa"}'],
    ['a MAC token_type', '{"token_type":"mac","expires_in":86400,"access_token":"eyJ.a.b","refresh_token":"def50200aa"}'],
    ['no access_token at all', '{"token_type":"Bearer","expires_in":86400}'],
  ])('%s is an invalid response, and nobody is signed in', async (_, body) => {
    const agent = app.agent();
    const { path } = await authorizeAtEmulator(agent);
    emu.faults.set('token', { type: 'respond', status: 200, body, headers: JSON_HEADERS });
    const res = await agent.get(path).expect(500);
    expect((res.body as ErrorAnswer).code).toBe(INVALID_RESPONSE);
  });

  it('an OAuth error with HTTP 500 keeps its error, description and status', async () => {
    const agent = app.agent();
    const { path } = await authorizeAtEmulator(agent);
    const body = '{"error":"server_error","errorDescription":"The authorization server encountered an unexpected condition"}';
    emu.faults.set('token', { type: 'respond', status: 500, body, headers: JSON_HEADERS });
    const res = await agent.get(path).expect(500);
    expect(res.body).toEqual({ name: 'WorksectionOAuthError', code: 'WORKSECTION_OAUTH_ERROR', error: 'server_error' });
    expect(app.errors[0]).toMatchObject({ status: 500, description: 'The authorization server encountered an unexpected condition' });
  });

  it('a profile error answered with HTTP 200 is an error, not a user', async () => {
    const agent = app.agent();
    const { path } = await authorizeAtEmulator(agent);
    const body = '{"error":"not_authorized","errorDescription":"Malformed UTF-8 characters"}';
    emu.faults.set('resource', { type: 'respond', status: 200, body, headers: JSON_HEADERS });
    const res = await agent.get(path).expect(500);
    expect(res.body).toEqual({ name: 'WorksectionOAuthError', code: 'WORKSECTION_OAUTH_ERROR', error: 'not_authorized' });
  });
});
