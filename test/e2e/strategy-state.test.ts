import { createEmulator, DEMO_CLIENT, type Emulator } from 'worksection-emulator';
import {
  ACCOUNT_NOT_ALLOWED_MESSAGE,
  MALFORMED_CALLBACK_MESSAGE,
  STATE_COOKIE_NAME,
  STATE_MESSAGE,
  Strategy,
  type StrategyOptions,
  type VerifyArguments,
} from '../../src';
import {
  authorizeAtEmulator,
  CALLBACK_URL,
  createStrategyApp,
  EXPRESS_MAJORS,
  type LoginAnswer,
  type StrategyApp,
  type StrategyAppOptions,
} from '../helpers/strategy-app';

type Agent = ReturnType<StrategyApp['agent']>;

let emu: Emulator;
beforeEach(async () => {
  emu = await createEmulator({ autoApprove: true });
});
afterEach(() => emu.close());

function strategy(extra: Partial<StrategyOptions> = {}, verify?: (args: VerifyArguments) => unknown): Strategy {
  return new Strategy(
    {
      clientID: DEMO_CLIENT.clientId,
      clientSecret: DEMO_CLIENT.clientSecret,
      callbackURL: CALLBACK_URL,
      baseURL: emu.url,
      timeout: 2000,
      ...extra,
    },
    verify ?? (({ params, profile }: VerifyArguments) => ({ accountUrl: params.account_url, id: profile.id })),
  );
}

/** The state cookie's `Set-Cookie` line in an answer. */
function stateCookieLine(headers: Record<string, unknown>): string | undefined {
  const lines = (headers['set-cookie'] as string[] | undefined) ?? [];
  return lines.find((line) => line.startsWith(`${STATE_COOKIE_NAME}_`));
}

/** Starts a sign-in with `agent` and gets Worksection's answer (code and state), without coming back yet. */
async function atWorksection(agent: Agent): Promise<{ path: string; code: string; state: string }> {
  return authorizeAtEmulator(agent);
}

/** Starts a sign-in with `agent`: the start answer, its state cookie (`name=value`) and the callback path Worksection sends back. */
async function begin(agent: Agent): Promise<{ start: { headers: Record<string, unknown> }; cookie: string; path: string }> {
  const start = await agent.get('/auth/worksection').expect(302);
  const answer = await fetch(start.headers.location as string, { redirect: 'manual' });
  const back = new URL(answer.headers.get('location') ?? '');
  return { start, cookie: (stateCookieLine(start.headers) ?? '').split(';')[0] ?? '', path: back.pathname + back.search };
}

async function loginMessages(agent: Agent): Promise<string[]> {
  return ((await agent.get('/login')).body as LoginAnswer).messages;
}

describe.each(EXPRESS_MAJORS)('under %s', (_major, express) => {
  /** The test app, built with this Express major. */
  const appWith = (given: Strategy, options: Omit<StrategyAppOptions, 'express'> = {}): StrategyApp =>
    createStrategyApp(given, { ...options, express });

  describe('the sealed state cookie', () => {
    it('is HttpOnly, SameSite=Lax, lives 600 s, limited to the callback path over http, and a Secure __Host- cookie for an https callback', async () => {
      const plain = await appWith(strategy()).agent().get('/auth/worksection').expect(302);
      const line = stateCookieLine(plain.headers);
      expect(line).toMatch(/; Path=\/auth\/worksection\/callback; Max-Age=600; HttpOnly; SameSite=Lax$/);
      const https = strategy({ callbackURL: 'https://app.example/auth/worksection/callback' });
      const secure = await appWith(https).agent().get('/auth/worksection').expect(302);
      expect(secure.headers['set-cookie']).toEqual([
        expect.stringMatching(
          new RegExp(`^__Host-${STATE_COOKIE_NAME}_[\\w-]+=[\\w-]+; Path=/; Max-Age=600; HttpOnly; SameSite=Lax; Secure$`),
        ),
      ]);
    });

    it('does not show the state, and the start redirect and the callback answer are not cacheable', async () => {
      const app = appWith(strategy());
      const agent = app.agent();
      const { start, path } = await begin(agent);
      const state = new URLSearchParams(path.split('?')[1]).get('state') ?? '';
      expect(stateCookieLine(start.headers)).not.toContain(state);
      expect(start.headers['cache-control']).toBe('no-store');
      const callback = await agent.get(path).expect(302);
      expect(callback.headers['cache-control']).toBe('no-store');
    });

    it('is cleared by the callback that consumed it, and by no forged one', async () => {
      const app = appWith(strategy());
      const agent = app.agent();
      const { code, path } = await atWorksection(agent);
      const forged = await agent.get(`/auth/worksection/callback?code=${code}&state=forged`).expect(302);
      expect(stateCookieLine(forged.headers)).toBeUndefined();
      const done = await agent.get(path).expect(302);
      expect(stateCookieLine(done.headers)).toMatch(
        new RegExp(`^${STATE_COOKIE_NAME}_[\\w-]+=; Path=/auth/worksection/callback; Max-Age=0`),
      );
    });

    it('signs in, leaving no session for anyone until the sign-in succeeded', async () => {
      const app = appWith(strategy(), { failureMessage: false });
      for (let i = 0; i < 20; i++) await app.agent().get('/auth/worksection').expect(302);
      for (let i = 0; i < 20; i++) await app.agent().get('/auth/worksection/callback?code=x&state=y').expect(302);
      for (let i = 0; i < 5; i++) await app.agent().get('/auth/worksection/callback').expect(302);
      expect(await app.sessionCount()).toBe(0);
      const agent = app.agent();
      const { path } = await atWorksection(agent);
      await agent.get(path).expect(302).expect('location', '/');
      expect(await app.sessionCount()).toBe(1);
      expect((await agent.get('/me')).body).toEqual({ accountUrl: emu.accountUrl('acc1234'), id: '3993' });
    });

    it('fails a tampered cookie, without a token call', async () => {
      const app = appWith(strategy());
      const agent = app.agent();
      const { cookie, path } = await begin(agent);
      const [name, value = ''] = cookie.split('=');
      const flipped = value.slice(0, 30) + (value[30] === 'A' ? 'B' : 'A') + value.slice(31);
      const tampered = app.agent();
      await tampered.get(path).set('Cookie', `${name}=${flipped}`).expect(302).expect('location', '/login');
      expect(emu.stats.requests.token).toBe(0);
    });

    it("fails a callback brought with another browser's cookie (swapped), without a token call", async () => {
      const app = appWith(strategy());
      const victim = app.agent();
      const attacker = app.agent();
      const { path } = await atWorksection(victim);
      await atWorksection(attacker);
      await attacker.get(path).expect(302).expect('location', '/login');
      expect(await loginMessages(attacker)).toEqual([STATE_MESSAGE]);
      expect(emu.stats.requests.token).toBe(0);
    });

    it('fails an expired cookie: a sign-in left for more than 10 minutes', async () => {
      const app = appWith(strategy());
      const agent = app.agent();
      const { path } = await atWorksection(agent);
      const later = Date.now() + 601_000;
      const clock = jest.spyOn(Date, 'now').mockImplementation(() => later);
      try {
        await agent.get(path).expect(302).expect('location', '/login');
      } finally {
        clock.mockRestore();
      }
      expect(await loginMessages(agent)).toEqual([STATE_MESSAGE]);
      expect(emu.stats.requests.token).toBe(0);
    });

    it('fails a replayed callback, in the same browser or with a kept copy of the cookie', async () => {
      const app = appWith(strategy());
      const agent = app.agent();
      const { cookie: kept, path } = await begin(agent);
      await agent.get(path).expect(302).expect('location', '/');
      await agent.get(path).expect(302).expect('location', '/login');
      await app.agent().get(path).set('Cookie', kept).expect(302).expect('location', '/login');
      expect(emu.stats.requests.token).toBe(1);
    });

    it('lets a sign-in started in two tabs finish in either', async () => {
      const app = appWith(strategy());
      for (const finish of [0, 1]) {
        const agent = app.agent();
        const tabs = [await atWorksection(agent), await atWorksection(agent)];
        await agent
          .get(tabs[finish]?.path ?? '')
          .expect(302)
          .expect('location', '/');
      }
    });

    it('checks the state before reporting an error=: a forged state fails quietly, never an error', async () => {
      const app = appWith(strategy());
      const agent = app.agent();
      await agent.get('/auth/worksection/callback?error=invalid_scope&state=forged').expect(302).expect('location', '/login');
      expect(await loginMessages(agent)).toEqual([STATE_MESSAGE]);
      expect(app.errors).toEqual([]);
    });

    it('reports error= with a good state as the typed error', async () => {
      const app = appWith(strategy());
      const agent = app.agent();
      const start = await agent.get('/auth/worksection').expect(302);
      const state = new URL(start.headers.location as string).searchParams.get('state') ?? '';
      await agent.get(`/auth/worksection/callback?error=invalid_scope&state=${state}`).expect(500);
      expect(app.errors).toMatchObject([{ name: 'WorksectionOAuthError', error: 'invalid_scope' }]);
    });

    it.each([
      ['a repeated code', (code: string, state: string) => `code=${code}&code=other&state=${state}`],
      ['a repeated state', (code: string, state: string) => `code=${code}&state=${state}&state=${state}`],
      ['a nested code', (code: string, state: string) => `code[x]=${code}&state=${state}`],
    ])('refuses a callback with %s, forwarding nothing to Worksection', async (_what, query) => {
      const app = appWith(strategy());
      // qs, which nests `code[x]`: Express 4's default parser (a no-op there), asked for under Express 5.
      app.app.set('query parser', 'extended');
      const agent = app.agent();
      const { code, state } = await atWorksection(agent);
      await agent
        .get(`/auth/worksection/callback?${query(code, state)}`)
        .expect(302)
        .expect('location', '/login');
      expect(await loginMessages(agent)).toEqual([MALFORMED_CALLBACK_MESSAGE]);
      expect(emu.stats.requests.token).toBe(0);
    });

    it('signs in with no session middleware at all, with session: false', async () => {
      const app = appWith(strategy(), { sessions: false });
      const agent = app.agent();
      const { path } = await atWorksection(agent);
      const answer = await agent.get(path).expect(200);
      expect(answer.body).toEqual({ accountUrl: emu.accountUrl('acc1234'), id: '3993' });
    });

    it("keeps passport-oauth2's session store with state: 'session'", async () => {
      const app = appWith(strategy({ state: 'session' }));
      const agent = app.agent();
      const { start, path } = await begin(agent);
      expect(stateCookieLine(start.headers)).toBeUndefined();
      expect(await app.sessionCount()).toBe(1);
      await agent.get(path).expect(302).expect('location', '/');
    });

    it('reads a rotated stateSecret list: a sign-in started under the old secret finishes under the new one', async () => {
      const old = appWith(strategy({ stateSecret: 'the-old-state-secret-0123456789' }));
      const { cookie, path } = await begin(old.agent());
      const rotated = appWith(strategy({ stateSecret: ['the-new-state-secret-0123456789', 'the-old-state-secret-0123456789'] }));
      await rotated.agent().get(path).set('Cookie', cookie).expect(302).expect('location', '/');
    });
  });

  describe('allowedAccounts', () => {
    it('signs in a user of an allowed account', async () => {
      const app = appWith(strategy({ allowedAccounts: [emu.accountUrl('acc1234')] }));
      const agent = app.agent();
      const { path } = await atWorksection(agent);
      await agent.get(path).expect(302).expect('location', '/');
    });

    it('fails any other account with a fixed message, before verify runs', async () => {
      const calls: VerifyArguments[] = [];
      const verify = (args: VerifyArguments): object => {
        calls.push(args);
        return { id: 'x' };
      };
      const app = appWith(strategy({ allowedAccounts: ['acme.worksection.com'] }, verify));
      const agent = app.agent();
      const { path } = await atWorksection(agent);
      await agent.get(path).expect(302).expect('location', '/login');
      expect(await loginMessages(agent)).toEqual([ACCOUNT_NOT_ALLOWED_MESSAGE]);
      expect(calls).toEqual([]);
    });
  });

  describe('a verify function of one object', () => {
    async function signIn(verify: (args: VerifyArguments) => unknown): Promise<{ app: StrategyApp; agent: Agent; location: string }> {
      const app = appWith(strategy({}, verify));
      const agent = app.agent();
      const { path } = await atWorksection(agent);
      const answer = await agent.get(path);
      return { app, agent, location: String(answer.headers.location ?? answer.status) };
    }

    it('receives the tokens, the params, the profile and the request, and may resolve to the user', async () => {
      let seen: VerifyArguments | undefined;
      const { agent, location } = await signIn((args) => {
        seen = args;
        return Promise.resolve({ id: args.profile.id });
      });
      expect(location).toBe('/');
      expect((await agent.get('/me')).body).toEqual({ id: '3993' });
      expect(typeof seen?.accessToken).toBe('string');
      expect(typeof seen?.refreshToken).toBe('string');
      expect(seen?.params.account_url).toBe(emu.accountUrl('acc1234'));
      expect(seen?.req.path).toBe('/auth/worksection/callback');
    });

    it('fails the sign-in when it returns false', async () => {
      const { location } = await signIn((_args) => false);
      expect(location).toBe('/login');
    });

    it('errors when it throws or rejects', async () => {
      const thrown = await signIn((_args) => {
        throw new Error('database down');
      });
      expect(thrown.location).toBe('500');
      expect(thrown.app.errors.map((e) => e.message)).toEqual(['database down']);
      const rejected = await signIn((_args) => Promise.reject(new Error('database down')));
      expect(rejected.app.errors.map((e) => e.message)).toEqual(['database down']);
    });
  });
});
