import { createEmulator, DEMO_CLIENT, type Emulator, type EmulatorOptions } from 'worksection-emulator';
import { Strategy, WorksectionConfigError, type StrategyOptions } from '../../src';
import { CALLBACK_URL, createStrategyApp, type ErrorAnswer, type StrategyApp } from '../helpers/strategy-app';

type Agent = ReturnType<StrategyApp['agent']>;

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

async function start(options: EmulatorOptions = {}): Promise<Emulator> {
  emu = await createEmulator({ autoApprove: true, ...options });
  return emu;
}

function strategy(at: Emulator, extra: Partial<StrategyOptions> = {}): Strategy {
  return new Strategy(
    {
      clientID: DEMO_CLIENT.clientId,
      clientSecret: DEMO_CLIENT.clientSecret,
      callbackURL: CALLBACK_URL,
      baseURL: at.url,
      scope: ['projects_read'],
      timeout: 2000,
      ...extra,
    },
    (_accessToken, _refreshToken, params, profile, done) => done(null, { accountUrl: params.account_url, id: profile.id }),
  );
}

/**
 * Starts a sign-in with `agent`, keeps the authorize URL the strategy sent the browser to, and brings back
 * what the auto-approving emulator redirected to.
 */
async function signInAt(agent: Agent): Promise<{ authorize: URL; path: string; code: string }> {
  const begin = await agent.get('/auth/worksection').expect(302);
  const authorize = new URL(begin.headers.location as string);
  const answer = await fetch(authorize, { redirect: 'manual' });
  await answer.arrayBuffer();
  const back = new URL(answer.headers.get('location') ?? '');
  return { authorize, path: back.pathname + back.search, code: back.searchParams.get('code') ?? '' };
}

describe('the strategy with pkce: true against the emulator', () => {
  it('signs in, sending an S256 code_challenge to authorize and the matching code_verifier with the code', async () => {
    const at = await start();
    const app = createStrategyApp(strategy(at, { pkce: true }));
    const agent = app.agent();
    const { authorize, path, code } = await signInAt(agent);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The code is bound to the challenge: without the verifier the emulator refuses it (and does not use it up).
    const bare = await fetch(`${at.url}/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: DEMO_CLIENT.clientId,
        client_secret: DEMO_CLIENT.clientSecret,
        grant_type: 'authorization_code',
        code,
        redirect_uri: CALLBACK_URL,
      }),
    });
    expect(await bare.json()).toEqual({ error: 'invalid_request', errorDescription: 'Check the `code_verifier` parameter' });
    await agent.get(path).expect(302).expect('location', '/');
    expect((await agent.get('/me').expect(200)).body).toEqual({ accountUrl: at.accountUrl('acc1234'), id: '3993' });
    expect(app.errors).toEqual([]);
  });

  it('signs in with pkce: true and state: "session", the verifier kept in the session', async () => {
    const at = await start();
    const app = createStrategyApp(strategy(at, { pkce: true, state: 'session' }));
    const agent = app.agent();
    const { authorize, path } = await signInAt(agent);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    await agent.get(path).expect(302).expect('location', '/');
    expect((await agent.get('/me').expect(200)).body).toEqual({ accountUrl: at.accountUrl('acc1234'), id: '3993' });
    expect(app.errors).toEqual([]);
  });

  it('sends no code_challenge without pkce, the default', async () => {
    const at = await start();
    const app = createStrategyApp(strategy(at));
    const { authorize } = await signInAt(app.agent());
    expect(authorize.searchParams.has('code_challenge')).toBe(false);
    expect(authorize.searchParams.has('code_challenge_method')).toBe(false);
  });

  it('ends in a WorksectionConfigError for the pkce option when the server drops the challenge (league 8.4+)', async () => {
    const at = await start({ ignoreCodeChallenge: true });
    const app = createStrategyApp(strategy(at, { pkce: true }));
    const agent = app.agent();
    const { path } = await signInAt(agent);
    const callback = await agent.get(path).expect(500);
    expect((callback.body as ErrorAnswer).name).toBe('WorksectionConfigError');
    expect(app.errors).toHaveLength(1);
    const [error] = app.errors;
    expect(error).toBeInstanceOf(WorksectionConfigError);
    expect((error as WorksectionConfigError).option).toBe('pkce');
    expect(error?.message).toMatch(/does not support PKCE/);
    expect(error?.message).toContain('code_verifier received when no code_challenge is present');
    expect((await agent.get('/me').expect(200)).body).toBeNull();
  });

  it('signs in without PKCE protection when the server drops the challenge and ignores the verifier (league 8.3)', async () => {
    const at = await start({ ignoreCodeChallenge: true, pkceDowngradeProtection: false });
    const app = createStrategyApp(strategy(at, { pkce: true }));
    const agent = app.agent();
    const { path } = await signInAt(agent);
    await agent.get(path).expect(302).expect('location', '/');
    expect(app.errors).toEqual([]);
  });
});
