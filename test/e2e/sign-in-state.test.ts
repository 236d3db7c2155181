import { createEmulator, DEMO_CLIENT, type Emulator } from 'worksection-emulator';
import {
  ACCESS_DENIED_MESSAGE,
  MALFORMED_CALLBACK_MESSAGE,
  NO_CODE_MESSAGE,
  STATE_MESSAGE,
  Strategy,
  WorksectionOAuth,
  type VerifyArguments,
} from '../../src';
import { fakeRequest, runStrategy, setCookies as strategySetCookies } from '../helpers/strategy-harness';

// The state rules, run against both entry points: the Passport strategy and the framework-free core share one
// sign-in flow, and each must check the state before anything else, whatever the callback carries.

const CALLBACK_PATH = '/auth/worksection/callback';
const CALLBACK_URL = `http://localhost:3000${CALLBACK_PATH}`;
/** The demo client's https callback: `__Host-` cookies, which the start route sees too. */
const HTTPS_CALLBACK_URL = `https://localhost:3000${CALLBACK_PATH}`;

/** How a callback ended, in the same words for both entry points. */
type Ending = { type: 'signed-in'; accountUrl: unknown } | { type: 'failed'; message: string } | { type: 'error'; err: unknown };

/**
 * One way in: start a sign-in (the authorize URL and the `Set-Cookie` values of the answer), then complete a
 * callback (the ending and the `Set-Cookie` values of the answer). `cookie` is the `Cookie` header sent.
 */
interface EntryPoint {
  start(cookie?: string): Promise<{ authorizeUrl: string; setCookies: string[] }>;
  callback(query: string, cookie: string | undefined): Promise<Ending & { setCookies: string[] }>;
}

/** A browser's cookies for the app: `Set-Cookie` values applied in order, `Max-Age=0` deleting. */
class Jar {
  private readonly cookies = new Map<string, string>();

  apply(lines: readonly string[]): void {
    for (const line of lines) {
      const pair = line.split(';')[0] ?? '';
      const eq = pair.indexOf('=');
      if (/; Max-Age=0(;|$)/.test(line)) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }

  get header(): string | undefined {
    return this.cookies.size === 0 ? undefined : [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

const options = (emu: Emulator, callbackURL = CALLBACK_URL) => ({
  clientID: DEMO_CLIENT.clientId,
  clientSecret: DEMO_CLIENT.clientSecret,
  callbackURL,
  baseURL: emu.url,
  timeout: 2000,
});

function strategyEntry(emu: Emulator, callbackURL?: string): EntryPoint {
  const strategy = new Strategy(options(emu, callbackURL), ({ params }: VerifyArguments) => ({ accountUrl: params.account_url }));
  return {
    async start(cookie) {
      const req = fakeRequest({ url: '/auth/worksection', ...(cookie !== undefined && { cookie }) });
      const outcome = await runStrategy(strategy, req);
      if (outcome.type !== 'redirect') throw new Error(`the start answered ${outcome.type}`);
      return { authorizeUrl: outcome.url, setCookies: strategySetCookies(req) };
    },
    async callback(search, cookie) {
      const url = `${CALLBACK_PATH}?${search}`;
      const params = new URLSearchParams(search);
      // As Express's query parser hands it over: a repeated field as a list.
      const fields: Record<string, string | string[]> = {};
      for (const name of new Set(params.keys())) {
        const values = params.getAll(name);
        fields[name] = values.length === 1 ? (values[0] ?? '') : values;
      }
      const query = fields as Record<string, string>;
      const req = fakeRequest({ url, query, ...(cookie !== undefined && { cookie }) });
      const outcome = await runStrategy(strategy, req);
      const setCookies = strategySetCookies(req);
      if (outcome.type === 'success')
        return { type: 'signed-in', accountUrl: (outcome.user as { accountUrl: unknown }).accountUrl, setCookies };
      if (outcome.type === 'fail') return { type: 'failed', message: (outcome.challenge as { message: string }).message, setCookies };
      if (outcome.type === 'error') return { type: 'error', err: outcome.err, setCookies };
      throw new Error(`the callback answered ${outcome.type}`);
    },
  };
}

function coreEntry(emu: Emulator, callbackURL?: string): EntryPoint {
  const oauth = new WorksectionOAuth(options(emu, callbackURL));
  return {
    start(cookie) {
      const { url, setCookies } = oauth.startSignIn({ request: { headers: cookie === undefined ? {} : { cookie } } });
      return Promise.resolve({ authorizeUrl: url, setCookies });
    },
    async callback(search, cookie) {
      try {
        // A Node request's shape: the path and query as `url`, the headers as a record.
        const result = await oauth.finishSignIn({ url: `${CALLBACK_PATH}?${search}`, headers: cookie === undefined ? {} : { cookie } });
        const { setCookies } = result;
        return result.ok
          ? { type: 'signed-in', accountUrl: result.tokens.params.account_url, setCookies }
          : { type: 'failed', message: result.message, setCookies };
      } catch (err) {
        return { type: 'error', err, setCookies: [] };
      }
    },
  };
}

/** The ending alone, for the tests that look at nothing else. */
const ending = async (answer: Promise<Ending & { setCookies: string[] }>): Promise<Ending> => {
  const rest: Partial<Ending & { setCookies: string[] }> = { ...(await answer) };
  delete rest.setCookies;
  return rest as Ending;
};

describe.each([
  ['the Passport strategy', strategyEntry],
  ['the framework-free core', coreEntry],
] as const)('%s', (_name, entryFor) => {
  let emu: Emulator;
  let entry: EntryPoint;
  beforeEach(async () => {
    emu = await createEmulator({ autoApprove: true });
    entry = entryFor(emu);
  });
  afterEach(() => emu.close());

  /**
   * Starts a sign-in in `jar`'s browser (a fresh one by default) and lets the emulator approve it: Worksection's
   * code and state, and the browser's cookie after the start.
   */
  async function approved(jar = new Jar(), from = entry): Promise<{ code: string; state: string; cookie: string | undefined }> {
    const { authorizeUrl, setCookies } = await from.start(jar.header);
    jar.apply(setCookies);
    const answer = await fetch(authorizeUrl, { redirect: 'manual' });
    const back = new URL(answer.headers.get('location') ?? '');
    return { code: back.searchParams.get('code') ?? '', state: back.searchParams.get('state') ?? '', cookie: jar.header };
  }

  const tokenRequests = (): number => emu.stats.requests.token;

  it('signs the user in when the state comes back to the browser that started the sign-in', async () => {
    const { code, state, cookie } = await approved();
    await expect(ending(entry.callback(`code=${code}&state=${state}`, cookie))).resolves.toEqual({
      type: 'signed-in',
      accountUrl: expect.any(String) as unknown,
    });
  });

  it('fails a callback without a state before exchanging its code', async () => {
    const { code, cookie } = await approved();
    await expect(ending(entry.callback(`code=${code}`, cookie))).resolves.toEqual({ type: 'failed', message: STATE_MESSAGE });
    expect(tokenRequests()).toBe(0);
  });

  it('fails a callback with a forged state before exchanging its code', async () => {
    const { code, cookie } = await approved();
    await expect(ending(entry.callback(`code=${code}&state=forged`, cookie))).resolves.toEqual({ type: 'failed', message: STATE_MESSAGE });
    expect(tokenRequests()).toBe(0);
  });

  it("fails a callback that carries another browser's code and state", async () => {
    const victim = await approved();
    await expect(ending(entry.callback(`code=${victim.code}&state=${victim.state}`, undefined))).resolves.toEqual({
      type: 'failed',
      message: STATE_MESSAGE,
    });
    expect(tokenRequests()).toBe(0);
  });

  it('fails a replayed callback: a state is used once', async () => {
    const { code, state, cookie } = await approved();
    await expect(ending(entry.callback(`code=${code}&state=${state}`, cookie))).resolves.toMatchObject({ type: 'signed-in' });
    await expect(ending(entry.callback(`code=${code}&state=${state}`, cookie))).resolves.toEqual({
      type: 'failed',
      message: STATE_MESSAGE,
    });
    expect(tokenRequests()).toBe(1);
  });

  it("checks the state before Worksection's error: a forged denial shows the state message", async () => {
    const { cookie } = await approved();
    await expect(ending(entry.callback('error=access_denied&state=forged', cookie))).resolves.toEqual({
      type: 'failed',
      message: STATE_MESSAGE,
    });
  });

  it("checks the state before Worksection's error: a forged server error is no error for the developer", async () => {
    const { cookie } = await approved();
    await expect(ending(entry.callback('error=invalid_scope&error_description=x', cookie))).resolves.toEqual({
      type: 'failed',
      message: STATE_MESSAGE,
    });
  });

  it('ends a denial with a valid state in the fixed denial message', async () => {
    const { state, cookie } = await approved();
    await expect(ending(entry.callback(`error=access_denied&error_description=Nope&state=${state}`, cookie))).resolves.toEqual({
      type: 'failed',
      message: ACCESS_DENIED_MESSAGE,
    });
  });

  it('fails a callback with a valid state but no code', async () => {
    const { state, cookie } = await approved();
    await expect(ending(entry.callback(`state=${state}`, cookie))).resolves.toEqual({ type: 'failed', message: NO_CODE_MESSAGE });
  });

  it('refuses a repeated state as malformed, without using up the real one', async () => {
    const { code, state, cookie } = await approved();
    await expect(ending(entry.callback(`code=${code}&state=${state}&state=other`, cookie))).resolves.toEqual({
      type: 'failed',
      message: MALFORMED_CALLBACK_MESSAGE,
    });
    expect(tokenRequests()).toBe(0);
    await expect(ending(entry.callback(`code=${code}&state=${state}`, cookie))).resolves.toMatchObject({ type: 'signed-in' });
  });

  describe.each([
    ['a plain-http callback', CALLBACK_URL],
    ['an https callback', HTTPS_CALLBACK_URL],
  ] as const)('on %s', (_what, callbackURL) => {
    let browserEntry: EntryPoint;
    beforeEach(() => {
      browserEntry = entryFor(emu, callbackURL);
    });

    /** Completes a callback in `jar`'s browser, keeping the cookies its answer sets. */
    async function complete(jar: Jar, query: string): Promise<Ending> {
      const answer = await browserEntry.callback(query, jar.header);
      jar.apply(answer.setCookies);
      return ending(Promise.resolve(answer));
    }

    it('a forged callback cancels nothing', async () => {
      const jar = new Jar();
      const pending = await approved(jar, browserEntry);
      const attackers = await approved(new Jar(), browserEntry);
      for (const forged of [
        `code=${attackers.code}&state=${attackers.state}`,
        'code=x&state=forged',
        `code=x&state=${pending.state.slice(0, 8)}${'A'.repeat(24)}`,
        'error=access_denied',
        'code=x',
      ]) {
        await expect(complete(jar, forged)).resolves.toEqual({ type: 'failed', message: STATE_MESSAGE });
      }
      await expect(complete(jar, `code=${pending.code}&state=${pending.state}`)).resolves.toMatchObject({ type: 'signed-in' });
      expect(tokenRequests()).toBe(1);
    });

    it.each([
      ['in the order they started', [0, 1]],
      ['the second first', [1, 0]],
    ] as const)('two sign-ins in one browser both complete, in either order: %s', async (_order, order) => {
      const jar = new Jar();
      const started = [await approved(jar, browserEntry), await approved(jar, browserEntry)];
      for (const i of order) {
        const { code, state } = started[i] ?? { code: '', state: '' };
        await expect(complete(jar, `code=${code}&state=${state}`)).resolves.toMatchObject({ type: 'signed-in' });
      }
      expect(jar.header).toBeUndefined();
    });
  });
});
