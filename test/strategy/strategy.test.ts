import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ACCESS_DENIED_MESSAGE,
  ACCOUNT_URL_MISMATCH,
  CODE_EXPIRED_MESSAGE,
  CODE_USED_MESSAGE,
  INVALID_RESPONSE,
  NO_CODE_MESSAGE,
  SCOPES,
  STATE_MESSAGE,
  Strategy,
  UNEXPECTED_STATUS,
  UNTRUSTED_ACCOUNT_URL,
  WorksectionConfigError,
  WorksectionOAuthError,
  WorksectionResponseError,
  type StrategyOptions,
  type VerifyFunction,
  type VerifyFunctionWithRequest,
  type WorksectionProfile,
} from '../../src';
import { json, startHostileServer, type HostileServer, type ReceivedRequest } from '../helpers/hostile-server';
import { cookieAfter, fakeRequest, runStrategy, setCookies, type Outcome } from '../helpers/strategy-harness';

const fixture = (name: string): string => readFileSync(path.join(__dirname, '..', 'fixtures', `${name}.json`), 'utf8');
const CALLBACK = 'https://localhost:3000/auth/worksection/callback';
const noVerify = (_args: unknown): void => undefined;

/** A verify function that records its calls and signs nobody in. */
function verifySpy(): { fn: (args: unknown) => false; calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    calls,
    fn: (args) => {
      calls.push(args);
      return false;
    },
  };
}

/** A fake Worksection on a real socket: the captured answers unless a test says otherwise. */
let server: HostileServer;
let token: (req: ReceivedRequest) => { status?: number; body: unknown };
beforeEach(async () => {
  token = () => ({ body: { ...JSON.parse(fixture('token-success')), account_url: 'https://acc1234.worksection.com' } });
  server = await startHostileServer((req, res) => {
    if (req.url === '/oauth2/token') {
      const answer = token(req);
      json(res, answer.body, answer.status);
      return;
    }
    if (req.url === '/oauth2/resource') {
      json(res, fixture('resource-success'));
      return;
    }
    res.writeHead(404);
    res.end();
  });
});
afterEach(() => server.close());

const tokenCalls = (): number => server.requests.filter((r) => r.url === '/oauth2/token').length;
const options = (extra: Partial<StrategyOptions> = {}): StrategyOptions => ({
  clientID: 'demo-client',
  clientSecret: 'demo-secret',
  callbackURL: CALLBACK,
  baseURL: server.url,
  timeout: 1000,
  ...extra,
});

function expectOutcome<T extends Outcome['type']>(outcome: Outcome, type: T): Extract<Outcome, { type: T }> {
  if (outcome.type !== type) throw new Error(`expected ${type}, got ${JSON.stringify(outcome)}`);
  return outcome as Extract<Outcome, { type: T }>;
}

/** Starts a sign-in and returns the session, the state cookie and the state it sent to Worksection. */
async function start(strategy: Strategy): Promise<{ session: Record<string, unknown>; cookie: string | undefined; state: string }> {
  const session: Record<string, unknown> = {};
  const req = fakeRequest({ session, url: '/auth/worksection' });
  const { url } = expectOutcome(await runStrategy(strategy, req), 'redirect');
  return { session, cookie: cookieAfter(req), state: new URL(url).searchParams.get('state') ?? '' };
}

describe('new Strategy()', () => {
  it("is named 'worksection'", () => {
    expect(new Strategy(options(), noVerify).name).toBe('worksection');
  });

  it.each(['clientID', 'clientSecret'] as const)('fails fast without %s, naming the option', (option) => {
    const create = () => new Strategy({ ...options(), [option]: undefined }, noVerify);
    expect(create).toThrow(WorksectionConfigError);
    expect(create).toThrow(new RegExp(`The ${option} option is required`));
  });

  it('refuses a verify function that declares no parameters, since its form cannot be told, naming the NestJS arity', () => {
    expect(() => new Strategy(options(), (...args: unknown[]) => args)).toThrow(/declares no parameters[\s\S]*'worksection', 5\)/);
  });

  it('fails fast without a verify callback', () => {
    expect(() => new Strategy(options(), undefined as unknown as () => void)).toThrow(/needs a verify callback/);
  });

  it('names an unknown scope and lists the valid ones', () => {
    const create = () => new Strategy(options({ scope: ['projects_read', 'project_read'] }), noVerify);
    expect(create).toThrow(/Unknown Worksection scope "project_read"/);
    expect(create).toThrow(SCOPES.join(', '));
  });

  it('refuses an http: callbackURL for worksection.com, explaining that HTTPS is required even on localhost', () => {
    const create = () =>
      new Strategy(options({ baseURL: undefined, callbackURL: 'http://localhost:3000/auth/worksection/callback' }), noVerify);
    expect(create).toThrow(WorksectionConfigError);
    expect(create).toThrow(/requires an https: callbackURL, even on localhost/);
  });

  it('accepts an http: callbackURL against the emulator on loopback', () => {
    expect(() => new Strategy(options({ callbackURL: 'http://localhost:3000/cb' }), noVerify)).not.toThrow();
  });

  it('refuses a plain-http baseURL that is not loopback, since the client secret is sent there', () => {
    expect(() => new Strategy(options({ baseURL: 'http://worksection.example' }), noVerify)).toThrow(/must be an https: URL/);
    expect(() => new Strategy(options({ tokenURL: 'not a url' }), noVerify)).toThrow(/tokenURL option must be an absolute URL/);
  });

  it.each([0, -1, Number.NaN, '10' as unknown as number])('refuses the timeout %p', (timeout) => {
    expect(() => new Strategy(options({ timeout }), noVerify)).toThrow(/timeout option must be a positive number/);
  });

  it('refuses a fetch option that is not a function', () => {
    expect(() => new Strategy(options({ fetch: 'fetch' as never }), noVerify)).toThrow(/fetch option must be a fetch function/);
  });
});

describe('starting a sign-in', () => {
  it('redirects to {baseURL}/oauth2/authorize with the code flow parameters, comma-joined scopes and a stored state', async () => {
    const strategy = new Strategy(options({ scope: 'projects_read tasks_read' }), noVerify);
    const session: Record<string, unknown> = {};
    const req = fakeRequest({ session });
    const { url } = expectOutcome(await runStrategy(strategy, req), 'redirect');
    const location = new URL(url);
    expect(`${location.origin}${location.pathname}`).toBe(`${server.url}/oauth2/authorize`);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'demo-client',
      redirect_uri: CALLBACK,
      scope: 'projects_read,tasks_read',
      state: expect.stringMatching(/^[\w-]{32}$/) as unknown,
    });
    // The state travels in a sealed cookie: nothing in the session, and the cookie does not show it.
    expect(session).toEqual({});
    expect(setCookies(req)).toHaveLength(1);
    expect(setCookies(req)[0]).not.toContain(location.searchParams.get('state'));
    expect(url).not.toContain('demo-secret');
  });

  it('derives every endpoint from baseURL unless one is given', async () => {
    const strategy = new Strategy(options({ authorizationURL: 'https://login.example/authorize' }), noVerify);
    const { url } = expectOutcome(await runStrategy(strategy, fakeRequest()), 'redirect');
    expect(url.startsWith('https://login.example/authorize?')).toBe(true);
  });

  it('takes per-request scopes, checked like the option', async () => {
    const strategy = new Strategy(options(), noVerify);
    const { url } = expectOutcome(await runStrategy(strategy, fakeRequest(), { scope: ['users_read', 'administrative'] }), 'redirect');
    expect(new URL(url).searchParams.get('scope')).toBe('users_read,administrative');
    const { err } = expectOutcome(await runStrategy(strategy, fakeRequest(), { scope: ['users:read'] }), 'error');
    expect(err).toMatchObject({ option: 'scope', message: expect.stringContaining('"users:read"') as unknown });
  });

  it('resolves a relative callbackURL against the request, trusting X-Forwarded-Proto only with proxy', async () => {
    const req = () => {
      const r = fakeRequest({ host: 'app.example' });
      r.headers['x-forwarded-proto'] = 'https';
      return r;
    };
    const plain = new Strategy(options({ callbackURL: '/auth/worksection/callback' }), noVerify);
    const proxied = new Strategy(options({ callbackURL: '/auth/worksection/callback', proxy: true }), noVerify);
    const uri = async (s: Strategy) => new URL(expectOutcome(await runStrategy(s, req()), 'redirect').url).searchParams.get('redirect_uri');
    expect(await uri(plain)).toBe('http://app.example/auth/worksection/callback');
    expect(await uri(proxied)).toBe('https://app.example/auth/worksection/callback');
  });

  it("with state: 'session' but no session, errors with a message that says to add express-session", async () => {
    const strategy = new Strategy(options({ state: 'session' }), noVerify);
    const { err } = expectOutcome(await runStrategy(strategy, fakeRequest({ session: null })), 'error');
    expect(err).toBeInstanceOf(WorksectionConfigError);
    expect(err.message).toMatch(/add express-session/);
  });

  it("with state: 'session', keeps the state in the session as passport-oauth2 does", async () => {
    const strategy = new Strategy(options({ state: 'session' }), noVerify);
    const session: Record<string, unknown> = {};
    const req = fakeRequest({ session });
    const { url } = expectOutcome(await runStrategy(strategy, req), 'redirect');
    expect(JSON.stringify(session)).toContain(new URL(url).searchParams.get('state'));
    expect(setCookies(req)).toEqual([]);
  });

  it('with the default cookie state, needs no session at all', async () => {
    const strategy = new Strategy(options(), noVerify);
    const { url } = expectOutcome(await runStrategy(strategy, fakeRequest({ session: null })), 'redirect');
    expect(new URL(url).searchParams.get('state')).toMatch(/^[\w-]{32}$/);
  });

  it('refuses state: false, saying that Worksection requires a state', () => {
    expect(() => new Strategy(options({ state: false as never }), noVerify)).toThrow(/Worksection requires the OAuth state/);
  });

  it('refuses a state string passed to authenticate(), which would go unchecked', async () => {
    const strategy = new Strategy(options(), noVerify);
    const { err } = expectOutcome(await runStrategy(strategy, fakeRequest(), { state: 'fixed' }), 'error');
    expect(err).toMatchObject({ option: 'state' });
  });
});

describe('the callback', () => {
  it('signs the user in with the four-argument verify', async () => {
    const verify: VerifyFunction = (accessToken, refreshToken, profile, done) => {
      done(null, { id: profile.id, accessToken, refreshToken });
    };
    const strategy = new Strategy(options(), verify);
    const { session, cookie, state } = await start(strategy);
    const { user } = expectOutcome(
      await runStrategy(strategy, fakeRequest({ session, cookie, query: { code: 'def50200abc', state } })),
      'success',
    );
    const captured = JSON.parse(fixture('token-success')) as { access_token: string; refresh_token: string };
    expect(user).toEqual({ id: '3993', accessToken: captured.access_token, refreshToken: captured.refresh_token });
    const exchange = new URLSearchParams(server.requests.find((r) => r.url === '/oauth2/token')?.body);
    expect(Object.fromEntries(exchange)).toEqual({
      grant_type: 'authorization_code',
      redirect_uri: CALLBACK,
      client_id: 'demo-client',
      client_secret: 'demo-secret',
      code: 'def50200abc',
    });
  });

  it('hands the five-argument verify the checked account_url and expires_at, without refresh_token', async () => {
    let seen: unknown;
    const strategy = new Strategy(options(), (_a, _r, params, _p, done) => {
      seen = params;
      done(null, {});
    });
    const { session, cookie, state } = await start(strategy);
    const before = Date.now();
    expectOutcome(await runStrategy(strategy, fakeRequest({ session, cookie, query: { code: 'c0de42', state } })), 'success');
    expect(seen).toMatchObject({ account_url: 'https://acc1234.worksection.com', token_type: 'Bearer', expires_in: 86400 });
    const { expires_at } = seen as { expires_at: number };
    expect(expires_at).toBeGreaterThanOrEqual(before + 86_400_000);
    expect(expires_at).toBeLessThanOrEqual(Date.now() + 86_400_000);
    expect(seen).not.toHaveProperty('refresh_token');
  });

  it('passes the request first with passReqToCallback, in both arities', async () => {
    const req = (s: { session: Record<string, unknown>; cookie: string | undefined; state: string }) =>
      fakeRequest({ session: s.session, cookie: s.cookie, query: { code: 'c0de42', state: s.state } });
    const verifyFive: VerifyFunctionWithRequest = (r, _a, _rt, profile, done) => done(null, { url: r.url, id: profile.id });
    const five = new Strategy({ ...options(), passReqToCallback: true }, verifyFive);
    const six = new Strategy({ ...options(), passReqToCallback: true }, (r, _a, _rt, params, profile, done) =>
      done(null, { url: r.url, account: params.account_url, email: profile.emails[0]?.value }),
    );
    let s = await start(five);
    expect(expectOutcome(await runStrategy(five, req(s)), 'success').user).toEqual({
      url: '/auth/worksection/callback',
      id: '3993',
    });
    s = await start(six);
    expect(expectOutcome(await runStrategy(six, req(s)), 'success').user).toEqual({
      url: '/auth/worksection/callback',
      account: 'https://acc1234.worksection.com',
      email: 'henry.gardner@ws.com',
    });
  });

  it('honours skipUserProfile: no /oauth2/resource call, no profile', async () => {
    let profileSeen: unknown = 'unset';
    const verify: VerifyFunction<WorksectionProfile | undefined> = (_a, _r, profile, done) => {
      profileSeen = profile;
      done(null, {});
    };
    const strategy = new Strategy({ ...options(), skipUserProfile: true }, verify);
    const { session, cookie, state } = await start(strategy);
    expectOutcome(await runStrategy(strategy, fakeRequest({ session, cookie, query: { code: 'c0de42', state } })), 'success');
    expect(profileSeen).toBeUndefined();
    expect(server.requests.some((r) => r.url === '/oauth2/resource')).toBe(false);
  });

  it('fails with no token call when the state is missing', async () => {
    const strategy = new Strategy(options(), noVerify);
    const { session, cookie } = await start(strategy);
    const { status } = expectOutcome(await runStrategy(strategy, fakeRequest({ session, cookie, query: { code: 'c0de42' } })), 'fail');
    expect(status).toBe(403);
    expect(tokenCalls()).toBe(0);
  });

  it('fails with no token call when the state is forged', async () => {
    const strategy = new Strategy(options(), noVerify);
    const { session, cookie } = await start(strategy);
    const outcome = await runStrategy(strategy, fakeRequest({ session, cookie, query: { code: 'c0de42', state: 'forged' } }));
    expect(expectOutcome(outcome, 'fail').challenge).toEqual({ message: STATE_MESSAGE });
    expect(tokenCalls()).toBe(0);
  });

  it('fails a replayed callback because the state was consumed by the first', async () => {
    const strategy = new Strategy(options(), (_a, _r, _params, _p, done) => done(null, {}));
    const { session, cookie, state } = await start(strategy);
    const first = fakeRequest({ session, cookie, query: { code: 'c0de42', state } });
    expectOutcome(await runStrategy(strategy, first), 'success');
    // The browser's cookie after the first callback (cleared), and the old cookie replayed by someone who kept it.
    const again = cookieAfter(first);
    expect(again).toBeUndefined();
    expectOutcome(await runStrategy(strategy, fakeRequest({ session, cookie: again, query: { code: 'c0de42', state } })), 'fail');
    expectOutcome(await runStrategy(strategy, fakeRequest({ session, cookie, query: { code: 'c0de42', state } })), 'fail');
    expect(tokenCalls()).toBe(1);
  });

  it("fails a denial with a fixed message, never reflecting Worksection's error_description", async () => {
    const strategy = new Strategy(options(), noVerify);
    const { session, cookie, state } = await start(strategy);
    const query = { error: 'access_denied', error_description: '<script>alert(1)</script>', state };
    const { challenge } = expectOutcome(await runStrategy(strategy, fakeRequest({ session, cookie, query })), 'fail');
    expect(challenge).toEqual({ message: ACCESS_DENIED_MESSAGE });
    expect(tokenCalls()).toBe(0);
  });

  it('errors on any other error in the callback, keeping the description out of the message', async () => {
    const strategy = new Strategy(options(), noVerify);
    const { cookie, state } = await start(strategy);
    const query = { error: 'invalid_scope', error_description: '<b>evil</b>', state };
    const { err } = expectOutcome(await runStrategy(strategy, fakeRequest({ cookie, query })), 'error');
    expect(err).toBeInstanceOf(WorksectionOAuthError);
    expect(err).toMatchObject({ code: 'WORKSECTION_OAUTH_ERROR', error: 'invalid_scope', description: '<b>evil</b>' });
    expect(err.message).not.toContain('evil');
  });

  it.each([
    ['markup', '<script>alert(1)</script>'],
    ['a line break', 'server_error\r\nX-Injected: 1'],
    ['capitals', 'INVALID_SCOPE'],
    ['an absurd length', 'a'.repeat(65)],
  ])('reports a callback error code with %s as invalid_response, never putting it in the message', async (_what, error) => {
    const strategy = new Strategy(options(), noVerify);
    const { cookie, state } = await start(strategy);
    const { err } = expectOutcome(await runStrategy(strategy, fakeRequest({ cookie, query: { error, state } })), 'error');
    expect(err).toMatchObject({ code: 'WORKSECTION_OAUTH_ERROR', error: 'invalid_response' });
    expect(err.message).not.toContain(error);
  });

  it('fails a callback with a state but neither code nor error, instead of redirecting to Worksection again', async () => {
    const strategy = new Strategy(options(), noVerify);
    const { session, cookie, state } = await start(strategy);
    const { challenge } = expectOutcome(await runStrategy(strategy, fakeRequest({ session, cookie, query: { state } })), 'fail');
    expect(challenge).toEqual({ message: NO_CODE_MESSAGE });
  });

  it.each([
    ['Authorization code has been revoked', CODE_USED_MESSAGE],
    ['Authorization code has expired', CODE_EXPIRED_MESSAGE],
  ])('fails (failureRedirect, not a 500) when Worksection answers "%s" with HTTP 200', async (description, message) => {
    token = () => ({ body: { error: 'invalid_request', errorDescription: description } });
    const strategy = new Strategy(options(), noVerify);
    const { session, cookie, state } = await start(strategy);
    const { challenge } = expectOutcome(
      await runStrategy(strategy, fakeRequest({ session, cookie, query: { code: 'c0de42', state } })),
      'fail',
    );
    expect(challenge).toEqual({ message });
  });

  it('routes errors for that one request only, leaving the shared strategy untouched', async () => {
    token = () => ({ body: { error: 'invalid_request', errorDescription: 'Authorization code has been revoked' } });
    const strategy = new Strategy(options(), noVerify);
    const { session, cookie, state } = await start(strategy);
    expectOutcome(await runStrategy(strategy, fakeRequest({ session, cookie, query: { code: 'c0de42', state } })), 'fail');
    expect(Object.prototype.hasOwnProperty.call(strategy, 'error')).toBe(false);
  });

  it('errors with the typed invalid_client error when the client credentials are wrong', async () => {
    token = () => ({ body: fixture('token-invalid-client') });
    const strategy = new Strategy(options(), noVerify);
    const { session, cookie, state } = await start(strategy);
    const { err } = expectOutcome(await runStrategy(strategy, fakeRequest({ session, cookie, query: { code: 'c0de42', state } })), 'error');
    expect(err).toBeInstanceOf(WorksectionOAuthError);
    expect(err).toMatchObject({ error: 'invalid_client', description: 'Client authentication failed', status: 200 });
    expect(err.message).toMatch(/Check the clientID and clientSecret options/);
    expect(err.message).not.toContain('demo-secret');
  });

  it('errors with a typed response error on a 502 from the token endpoint', async () => {
    token = () => ({ status: 502, body: { message: 'Bad gateway' } });
    const strategy = new Strategy(options(), noVerify);
    const { session, cookie, state } = await start(strategy);
    const { err } = expectOutcome(await runStrategy(strategy, fakeRequest({ session, cookie, query: { code: 'c0de42', state } })), 'error');
    expect(err).toBeInstanceOf(WorksectionResponseError);
    expect(err).toMatchObject({ code: UNEXPECTED_STATUS, status: 502 });
  });

  it('signs nobody in when the account_url is not Worksection’s', async () => {
    token = () => ({ body: { ...JSON.parse(fixture('token-success')), account_url: 'https://acc1234.worksection.com.evil.example' } });
    const verify = verifySpy();
    const strategy = new Strategy(options(), verify.fn);
    const { session, cookie, state } = await start(strategy);
    const { err } = expectOutcome(await runStrategy(strategy, fakeRequest({ session, cookie, query: { code: 'c0de42', state } })), 'error');
    expect(err).toMatchObject({ code: UNTRUSTED_ACCOUNT_URL });
    expect(verify.calls).toEqual([]);
  });

  it('signs nobody in when the profile names an account_url that is not Worksection’s, even with a trusted token', async () => {
    server.handle((req, res) =>
      req.url === '/oauth2/token'
        ? json(res, { ...JSON.parse(fixture('token-success')), account_url: 'https://acc1234.worksection.com' })
        : json(res, { ...JSON.parse(fixture('resource-success')), account_url: 'https://evil.example' }),
    );
    const verify = verifySpy();
    const strategy = new Strategy(options(), verify.fn);
    const { session, cookie, state } = await start(strategy);
    const { err } = expectOutcome(await runStrategy(strategy, fakeRequest({ session, cookie, query: { code: 'c0de42', state } })), 'error');
    expect(err).toMatchObject({ code: UNTRUSTED_ACCOUNT_URL });
    expect(err.message).toMatch(/user-info endpoint/);
    expect(verify.calls).toEqual([]);
  });

  it('signs nobody in when the token answer has no account_url, which Worksection always sends with a code', async () => {
    const rest = JSON.parse(fixture('token-success')) as Record<string, unknown>;
    delete rest.account_url;
    token = () => ({ body: rest });
    const verify = verifySpy();
    const strategy = new Strategy(options(), verify.fn);
    const { session, cookie, state } = await start(strategy);
    const { err } = expectOutcome(await runStrategy(strategy, fakeRequest({ session, cookie, query: { code: 'c0de42', state } })), 'error');
    expect(err).toBeInstanceOf(WorksectionResponseError);
    expect(err).toMatchObject({ code: INVALID_RESPONSE });
    expect(err.message).toMatch(/no account_url/);
    expect(verify.calls).toEqual([]);
  });

  it('takes no account_url smuggled in through a "__proto__" key of the token answer: nobody is signed in', async () => {
    const rest = JSON.parse(fixture('token-success')) as Record<string, unknown>;
    delete rest.account_url;
    const crafted = JSON.stringify(rest).replace(/^\{/, '{"__proto__":{"account_url":"https://evil.example"},');
    token = () => ({ body: crafted });
    const verify = verifySpy();
    const strategy = new Strategy(options(), verify.fn);
    const { session, cookie, state } = await start(strategy);
    const { err } = expectOutcome(await runStrategy(strategy, fakeRequest({ session, cookie, query: { code: 'c0de42', state } })), 'error');
    expect(err).toMatchObject({ code: INVALID_RESPONSE });
    expect(verify.calls).toEqual([]);
  });

  it('signs nobody in when the profile and the token answer name different accounts', async () => {
    server.handle((req, res) =>
      req.url === '/oauth2/token'
        ? json(res, { ...JSON.parse(fixture('token-success')), account_url: 'https://acc1234.worksection.com' })
        : json(res, { ...JSON.parse(fixture('resource-success')), account_url: 'https://acc9999.worksection.com' }),
    );
    const verify = verifySpy();
    const strategy = new Strategy(options(), verify.fn);
    const { session, cookie, state } = await start(strategy);
    const { err } = expectOutcome(await runStrategy(strategy, fakeRequest({ session, cookie, query: { code: 'c0de42', state } })), 'error');
    expect(err).toMatchObject({ code: ACCOUNT_URL_MISMATCH, name: 'WorksectionResponseError' });
    expect(verify.calls).toEqual([]);
  });

  it('treats a profile error body answered with HTTP 200 as an error, not a user', async () => {
    server.handle((req, res) => json(res, req.url === '/oauth2/token' ? fixture('token-success') : fixture('resource-not-authorized')));
    const verify = verifySpy();
    const strategy = new Strategy(options(), verify.fn);
    const { session, cookie, state } = await start(strategy);
    const { err } = expectOutcome(await runStrategy(strategy, fakeRequest({ session, cookie, query: { code: 'c0de42', state } })), 'error');
    expect(err).toMatchObject({ error: 'not_authorized', description: 'Malformed UTF-8 characters', name: 'WorksectionOAuthError' });
    expect(verify.calls).toEqual([]);
  });

  it('posts the client credentials and the token as a form to /oauth2/resource', async () => {
    const strategy = new Strategy(options(), noVerify);
    await new Promise((resolve) => strategy.userProfile('eyJ.token.sig', resolve));
    const request = server.requests.find((r) => r.url === '/oauth2/resource');
    expect(request?.method).toBe('POST');
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      client_id: 'demo-client',
      client_secret: 'demo-secret',
      access_token: 'eyJ.token.sig',
    });
  });

  it('reads error bodies the Worksection way in parseErrorResponse', () => {
    const strategy = new Strategy(options(), noVerify);
    expect(strategy.parseErrorResponse(fixture('token-invalid-request'), 200)).toMatchObject({
      code: 'WORKSECTION_OAUTH_ERROR',
      error: 'invalid_request',
      description: 'Authorization code has been revoked',
      status: 200,
    });
    expect(strategy.parseErrorResponse('<html>', 502)).toBeNull();
    expect(strategy.parseErrorResponse('{"access_token":"x"}', 200)).toBeNull();
  });
});
