import { createEmulator, DEMO_CLIENT, type Emulator } from 'worksection-emulator';
import {
  ACCESS_DENIED_MESSAGE,
  CODE_EXPIRED_MESSAGE,
  CODE_USED_MESSAGE,
  NO_CODE_MESSAGE,
  STATE_MESSAGE,
  Strategy,
  UNTRUSTED_ACCOUNT_URL,
  type StrategyOptions,
} from '../../src';
import { json, startHostileServer } from '../helpers/hostile-server';
import {
  authorizeAtEmulator,
  CALLBACK_URL,
  createStrategyApp,
  EXPRESS_MAJORS,
  type ErrorAnswer,
  type LoginAnswer,
  type StrategyApp,
} from '../helpers/strategy-app';

let emu: Emulator;
let app: StrategyApp;
const verified: Array<{ accessToken: string; refreshToken: string; params: Record<string, unknown> }> = [];

function strategy(extra: Partial<StrategyOptions> = {}): Strategy {
  return new Strategy(
    {
      clientID: DEMO_CLIENT.clientId,
      clientSecret: DEMO_CLIENT.clientSecret,
      callbackURL: CALLBACK_URL,
      baseURL: emu.url,
      scope: ['projects_read', 'tasks_read'],
      timeout: 2000,
      ...extra,
    },
    (accessToken, refreshToken, params, profile, done) => {
      verified.push({ accessToken, refreshToken, params });
      done(null, { accountUrl: params.account_url, id: profile.id, email: profile.emails[0]?.value, name: profile.displayName });
    },
  );
}

describe.each(EXPRESS_MAJORS)('signing in through %s against the emulator', (_major, express) => {
  beforeEach(async () => {
    emu = await createEmulator({ autoApprove: true });
    app = createStrategyApp(strategy(), { express });
    verified.length = 0;
  });
  afterEach(() => emu.close());

  it('signs Henry in to his first account, keyed on (accountUrl, id), with a lowercased email', async () => {
    const agent = app.agent();
    const { path, state } = await authorizeAtEmulator(agent);
    expect(state).not.toBe('');
    await agent.get(path).expect(302).expect('location', '/');
    const me = await agent.get('/me').expect(200);
    expect(me.body).toEqual({
      accountUrl: emu.accountUrl('acc1234'),
      id: '3993',
      email: 'henry.gardner@ws.com',
      name: 'Henry Gardner',
    });
    expect(verified[0]?.params.expires_at).toEqual(expect.any(Number));
    expect(emu.stats.requests.token).toBe(1);
    expect(emu.stats.requests.resource).toBe(1);
  });

  it('fails a callback whose state is missing, without calling the token endpoint', async () => {
    const agent = app.agent();
    const { code } = await authorizeAtEmulator(agent);
    await agent.get(`/auth/worksection/callback?code=${code}`).expect(302).expect('location', '/login');
    expect(emu.stats.requests.token).toBe(0);
  });

  it('fails a callback whose state is forged, without calling the token endpoint', async () => {
    const agent = app.agent();
    const { code } = await authorizeAtEmulator(agent);
    await agent.get(`/auth/worksection/callback?code=${code}&state=forged`).expect(302).expect('location', '/login');
    const login = await agent.get('/login');
    expect((login.body as LoginAnswer).messages).toEqual([STATE_MESSAGE]);
    expect(emu.stats.requests.token).toBe(0);
  });

  it('fails a callback brought by another browser (no state in its session), without a token call', async () => {
    const { path } = await authorizeAtEmulator(app.agent());
    await app.agent().get(path).expect(302).expect('location', '/login');
    expect(emu.stats.requests.token).toBe(0);
  });

  it('fails a replayed callback because the state was consumed by the first', async () => {
    const agent = app.agent();
    const { path } = await authorizeAtEmulator(agent);
    await agent.get(path).expect(302).expect('location', '/');
    await agent.get(path).expect(302).expect('location', '/login');
    expect(emu.stats.requests.token).toBe(1);
  });

  it('fails a denial with a fixed message, whatever Worksection describes', async () => {
    const agent = app.agent();
    const { state } = await authorizeAtEmulator(agent);
    const query = new URLSearchParams({ error: 'access_denied', error_description: '<img src=x onerror=alert(1)>', state });
    await agent.get(`/auth/worksection/callback?${query.toString()}`).expect(302).expect('location', '/login');
    const login = await agent.get('/login');
    expect((login.body as LoginAnswer).messages).toEqual([ACCESS_DENIED_MESSAGE]);
    expect(JSON.stringify(login.body)).not.toContain('onerror');
  });

  it('fails a callback with a state but neither code nor error, rather than redirecting to Worksection again', async () => {
    const agent = app.agent();
    const { state } = await authorizeAtEmulator(agent);
    await agent.get(`/auth/worksection/callback?state=${state}`).expect(302).expect('location', '/login');
    expect(((await agent.get('/login')).body as LoginAnswer).messages).toEqual([NO_CODE_MESSAGE]);
  });

  it('sends a reused code to failureRedirect: Worksection answers "Authorization code has been revoked" with HTTP 200', async () => {
    const first = app.agent();
    const { code } = await authorizeAtEmulator(first);
    await first
      .get(`/auth/worksection/callback?${new URLSearchParams({ code, state: (await authorizeAtEmulator(first)).state }).toString()}`)
      .expect(302)
      .expect('location', '/');
    const second = app.agent();
    const { state } = await authorizeAtEmulator(second);
    await second
      .get(`/auth/worksection/callback?${new URLSearchParams({ code, state }).toString()}`)
      .expect(302)
      .expect('location', '/login');
    expect(((await second.get('/login')).body as LoginAnswer).messages).toEqual([CODE_USED_MESSAGE]);
    expect(app.errors).toEqual([]);
  });

  it('sends an expired code (over 10 minutes) to failureRedirect', async () => {
    const agent = app.agent();
    const { path } = await authorizeAtEmulator(agent);
    emu.clock.advance(601_000);
    await agent.get(path).expect(302).expect('location', '/login');
    expect(((await agent.get('/login')).body as LoginAnswer).messages).toEqual([CODE_EXPIRED_MESSAGE]);
  });

  it('answers a wrong client secret with an invalid_client error (a 500), not a failed sign-in', async () => {
    app = createStrategyApp(strategy({ clientSecret: 'not-the-secret' }), { express });
    const agent = app.agent();
    const { path } = await authorizeAtEmulator(agent);
    const res = await agent.get(path).expect(500);
    expect(res.body).toEqual({ name: 'WorksectionOAuthError', code: 'WORKSECTION_OAUTH_ERROR', error: 'invalid_client' });
    expect(app.errors[0]).toMatchObject({ description: 'Client authentication failed', status: 200 });
  });

  it('signs in with no scope option: Worksection then grants its default scopes', async () => {
    app = createStrategyApp(strategy({ scope: undefined }), { express });
    const agent = app.agent();
    const { path } = await authorizeAtEmulator(agent);
    await agent.get(path).expect(302).expect('location', '/');
    expect(verified).toHaveLength(1);
  });

  it('errors (not a new redirect) when Worksection refuses an empty scope with invalid_scope', async () => {
    await emu.close();
    emu = await createEmulator({ autoApprove: true, defaultScopes: null });
    app = createStrategyApp(strategy({ scope: undefined }), { express });
    const agent = app.agent();
    const { path } = await authorizeAtEmulator(agent);
    expect(path).toContain('error=invalid_scope');
    const res = await agent.get(path).expect(500);
    expect(res.body).toEqual({ name: 'WorksectionOAuthError', code: 'WORKSECTION_OAUTH_ERROR', error: 'invalid_scope' });
    expect(app.errors[0]?.message).toMatch(/Check the scope option/);
    expect(emu.stats.requests.token).toBe(0);
  });

  it('signs nobody in when a token server hands out an account_url that is not Worksection’s', async () => {
    const impostor = await startHostileServer((_, res) =>
      json(res, {
        token_type: 'Bearer',
        expires_in: 86400,
        access_token: 'eyJ.impostor.sig',
        refresh_token: 'def50200impostor',
        account_url: 'https://acc1234.worksection.com.attacker.example',
      }),
    );
    try {
      app = createStrategyApp(strategy({ tokenURL: `${impostor.url}/oauth2/token` }), { express });
      const agent = app.agent();
      const { path } = await authorizeAtEmulator(agent);
      const res = await agent.get(path).expect(500);
      expect((res.body as ErrorAnswer).code).toBe(UNTRUSTED_ACCOUNT_URL);
      expect(verified).toEqual([]);
      expect((await agent.get('/me')).body).toBeNull();
    } finally {
      await impostor.close();
    }
  });
});
