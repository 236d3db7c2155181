import refresh from 'passport-oauth2-refresh';
import { createEmulator, DEMO_CLIENT, type Emulator, type EmulatorOptions } from 'worksection-emulator';
import { INVALID_JSON, Strategy, WorksectionOAuthError, WorksectionReauthError, WorksectionTimeoutError, type TokenSet } from '../../src';
import { authorizeAtEmulator, CALLBACK_URL, createStrategyApp } from '../helpers/strategy-app';

let emu: Emulator;
let strategy: Strategy;
let signedIn: { accessToken: string; refreshToken: string };

/** Signs in through Express against the emulator and keeps the tokens the verify callback got. */
async function setUp(options: EmulatorOptions = {}): Promise<void> {
  emu = await createEmulator({ autoApprove: true, ...options });
  strategy = new Strategy(
    {
      clientID: DEMO_CLIENT.clientId,
      clientSecret: DEMO_CLIENT.clientSecret,
      callbackURL: CALLBACK_URL,
      baseURL: emu.url,
      scope: 'projects_read,tasks_read',
      timeout: 300,
    },
    (accessToken, refreshToken, _params, profile, done) => {
      signedIn = { accessToken, refreshToken };
      done(null, { id: profile.id });
    },
  );
  const { agent } = createStrategyApp(strategy);
  const browser = agent();
  const { path } = await authorizeAtEmulator(browser);
  await browser.get(path).expect(302).expect('location', '/');
  emu.stats.reset();
}

afterEach(() => emu.close());

describe('strategy.refresh()', () => {
  beforeEach(() => setUp());

  it('posts to /oauth2/refresh and resolves a new token set, scopes read from the JWT', async () => {
    const before = Date.now();
    const tokens = await strategy.refresh(signedIn.refreshToken);
    expect(tokens).toEqual({
      accessToken: expect.any(String) as unknown,
      refreshToken: expect.stringMatching(/^def50200/) as unknown,
      expiresIn: 86400,
      expiresAt: expect.any(Number) as unknown,
      tokenType: 'Bearer',
      scopes: ['projects_read', 'tasks_read'],
    });
    expect(tokens.accessToken).not.toBe(signedIn.accessToken);
    expect(tokens.refreshToken).not.toBe(signedIn.refreshToken);
    expect(tokens.expiresAt).toBeGreaterThanOrEqual(before + 86_400_000);
    expect(emu.stats.requests.refresh).toBe(1);
    expect(emu.stats.requests.token).toBe(0);
  });

  it('rejects the rotated-out refresh token as the end of the grant, with Worksection’s error answer (HTTP 200) as cause', async () => {
    const tokens = await strategy.refresh(signedIn.refreshToken);
    const err = await strategy.refresh(signedIn.refreshToken).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorksectionReauthError);
    expect(err).toMatchObject({ reason: 'invalid_request' });
    expect((err as Error).cause).toBeInstanceOf(WorksectionOAuthError);
    expect((err as Error).cause).toMatchObject({ error: 'invalid_request', status: 200 });
    await expect(strategy.refresh(tokens.refreshToken)).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('rejects a refresh token Worksection cannot decrypt as the end of the grant', async () => {
    const err = await strategy.refresh('def50200garbage').catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'WorksectionReauthError', cause: { name: 'WorksectionOAuthError', status: 200 } });
  });

  it("rejects Worksection's server_error as the OAuth error it is, not as the end of the grant: the token may still work", async () => {
    emu.faults.set('refresh', {
      type: 'respond',
      status: 200,
      body: '{"error":"server_error","errorDescription":"The authorization server encountered an unexpected condition"}',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      times: 1,
    });
    const err = await strategy.refresh(signedIn.refreshToken).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorksectionOAuthError);
    expect(err).toMatchObject({ error: 'server_error' });
    await expect(strategy.refresh(signedIn.refreshToken)).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('shares one request between concurrent calls with the same refresh token', async () => {
    const [a, b] = await Promise.all([strategy.refresh(signedIn.refreshToken), strategy.refresh(signedIn.refreshToken)]);
    expect(a).toBe(b);
    expect(emu.stats.requests.refresh).toBe(1);
  });

  it('shares the request across the per-request copies Passport makes of the strategy', async () => {
    const copy = Object.create(strategy) as Strategy;
    const results = await Promise.all([strategy.refresh(signedIn.refreshToken), copy.refresh(signedIn.refreshToken)]);
    expect(results[0]).toBe(results[1]);
    expect(emu.stats.requests.refresh).toBe(1);
  });

  it('sends a new request once the shared one has settled', async () => {
    await strategy.refresh(signedIn.refreshToken);
    await strategy.refresh(signedIn.refreshToken).catch(() => undefined);
    expect(emu.stats.requests.refresh).toBe(2);
  });

  it('gives up on a hung refresh endpoint within the timeout', async () => {
    emu.faults.set('refresh', { type: 'hang' });
    const started = Date.now();
    await expect(strategy.refresh(signedIn.refreshToken)).rejects.toBeInstanceOf(WorksectionTimeoutError);
    expect(Date.now() - started).toBeLessThan(300 + 1500);
  });

  it('rejects a truncated refresh answer, never resolving half a token set', async () => {
    emu.faults.set('refresh', { type: 'truncate' });
    await expect(strategy.refresh(signedIn.refreshToken)).rejects.toMatchObject({ code: INVALID_JSON });
  });
});

describe('strategy.refresh() with account_url in the answer, as the docs show it', () => {
  beforeEach(() => setUp({ refreshAccountUrl: true }));

  it('keeps the checked account_url', async () => {
    const tokens: TokenSet = await strategy.refresh(signedIn.refreshToken);
    expect(tokens.accountUrl).toBe(emu.accountUrl('acc1234'));
  });
});

// @types/passport-oauth2-refresh types the process-wide refresher only; the package also exports its class, whose
// instances keep their own strategies, so tests do not share one registry. Same methods, same types.
const { AuthTokenRefresh } = refresh as typeof refresh & { AuthTokenRefresh: new () => typeof refresh };

describe('passport-oauth2-refresh', () => {
  beforeEach(() => setUp());

  const requestNew = (refresher: typeof refresh, token: string) =>
    new Promise<{ err: unknown; accessToken?: string; refreshToken?: string; results?: Record<string, unknown> }>((resolve) => {
      // @types/oauth types the results as `any`: they are the token answer, an object.
      refresher.requestNewAccessToken('worksection', token, (err: unknown, accessToken?: string, refreshToken?: string, results?: object) =>
        resolve({ err, accessToken, refreshToken, results: results as Record<string, unknown> | undefined }),
      );
    });

  it('refreshes through /oauth2/refresh with the strategy’s client', async () => {
    const refresher = new AuthTokenRefresh();
    refresher.use(strategy);
    const { err, accessToken, refreshToken, results } = await requestNew(refresher, signedIn.refreshToken);
    expect(err).toBeNull();
    expect(accessToken).toEqual(expect.any(String));
    expect(refreshToken).toMatch(/^def50200/);
    expect(refreshToken).not.toBe(signedIn.refreshToken);
    expect(results).toMatchObject({ token_type: 'Bearer', expires_in: 86400, expires_at: expect.any(Number) as unknown });
    expect(emu.stats.requests.refresh).toBe(1);
    expect(emu.stats.requests.token).toBe(0);
  });

  it('reports an HTTP-200 error body as an error, not as a token', async () => {
    const refresher = new AuthTokenRefresh();
    refresher.use(strategy);
    const { err, accessToken } = await requestNew(refresher, 'def50200garbage');
    expect(err).toBeInstanceOf(WorksectionOAuthError);
    expect(err).toMatchObject({ error: 'invalid_request', status: 200 });
    expect(accessToken).toBeUndefined();
  });

  it('keeps the strategy’s timeout', async () => {
    const refresher = new AuthTokenRefresh();
    refresher.use(strategy);
    emu.faults.set('refresh', { type: 'hang' });
    const { err } = await requestNew(refresher, signedIn.refreshToken);
    expect(err).toBeInstanceOf(WorksectionTimeoutError);
  });
});
