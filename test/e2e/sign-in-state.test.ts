import { createEmulator, DEMO_CLIENT, type Emulator } from '../../src/emulator';
import {
  ACCESS_DENIED_MESSAGE,
  MALFORMED_CALLBACK_MESSAGE,
  NO_CODE_MESSAGE,
  STATE_MESSAGE,
  Strategy,
  WorksectionOAuth,
  type VerifyArguments,
} from '../../src';
import { cookieAfter, fakeRequest, runStrategy } from '../helpers/strategy-harness';

// The state rules, run against both entry points: the Passport strategy and the framework-free core share one
// sign-in flow, and each must check the state before anything else, whatever the callback carries.

const CALLBACK_PATH = '/auth/worksection/callback';
const CALLBACK_URL = `http://localhost:3000${CALLBACK_PATH}`;

/** How a callback ended, in the same words for both entry points. */
type Ending = { type: 'signed-in'; accountUrl: unknown } | { type: 'failed'; message: string } | { type: 'error'; err: unknown };

/** One way in: start a sign-in (the authorize URL and the browser's cookie after it), then complete a callback. */
interface EntryPoint {
  start(): Promise<{ authorizeUrl: string; cookie: string | undefined }>;
  callback(query: string, cookie: string | undefined): Promise<Ending>;
}

const options = (emu: Emulator) => ({
  clientID: DEMO_CLIENT.clientId,
  clientSecret: DEMO_CLIENT.clientSecret,
  callbackURL: CALLBACK_URL,
  baseURL: emu.url,
  timeout: 2000,
});

function strategyEntry(emu: Emulator): EntryPoint {
  const strategy = new Strategy(options(emu), ({ params }: VerifyArguments) => ({ accountUrl: params.account_url }));
  return {
    async start() {
      const req = fakeRequest({ url: '/auth/worksection' });
      const outcome = await runStrategy(strategy, req);
      if (outcome.type !== 'redirect') throw new Error(`the start answered ${outcome.type}`);
      return { authorizeUrl: outcome.url, cookie: cookieAfter(req) };
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
      const outcome = await runStrategy(strategy, fakeRequest({ url, query, ...(cookie !== undefined && { cookie }) }));
      if (outcome.type === 'success') return { type: 'signed-in', accountUrl: (outcome.user as { accountUrl: unknown }).accountUrl };
      if (outcome.type === 'fail') return { type: 'failed', message: (outcome.challenge as { message: string }).message };
      if (outcome.type === 'error') return { type: 'error', err: outcome.err };
      throw new Error(`the callback answered ${outcome.type}`);
    },
  };
}

function coreEntry(emu: Emulator): EntryPoint {
  const oauth = new WorksectionOAuth(options(emu));
  return {
    start() {
      const { url, setCookies } = oauth.startSignIn();
      return Promise.resolve({ authorizeUrl: url, cookie: setCookies.map((line) => line.split(';')[0]).join('; ') });
    },
    async callback(search, cookie) {
      try {
        // A Node request's shape: the path and query as `url`, the headers as a record.
        const result = await oauth.finishSignIn({ url: `${CALLBACK_PATH}?${search}`, headers: cookie === undefined ? {} : { cookie } });
        return result.ok
          ? { type: 'signed-in', accountUrl: result.tokens.params.account_url }
          : { type: 'failed', message: result.message };
      } catch (err) {
        return { type: 'error', err };
      }
    },
  };
}

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

  /** Starts a sign-in and lets the emulator approve it: Worksection's code and state, and the browser's cookie. */
  async function approved(): Promise<{ code: string; state: string; cookie: string | undefined }> {
    const { authorizeUrl, cookie } = await entry.start();
    const answer = await fetch(authorizeUrl, { redirect: 'manual' });
    const back = new URL(answer.headers.get('location') ?? '');
    return { code: back.searchParams.get('code') ?? '', state: back.searchParams.get('state') ?? '', cookie };
  }

  const tokenRequests = (): number => emu.stats.requests.token;

  it('signs the user in when the state comes back to the browser that started the sign-in', async () => {
    const { code, state, cookie } = await approved();
    await expect(entry.callback(`code=${code}&state=${state}`, cookie)).resolves.toEqual({
      type: 'signed-in',
      accountUrl: expect.any(String) as unknown,
    });
  });

  it('fails a callback without a state before exchanging its code', async () => {
    const { code, cookie } = await approved();
    await expect(entry.callback(`code=${code}`, cookie)).resolves.toEqual({ type: 'failed', message: STATE_MESSAGE });
    expect(tokenRequests()).toBe(0);
  });

  it('fails a callback with a forged state before exchanging its code', async () => {
    const { code, cookie } = await approved();
    await expect(entry.callback(`code=${code}&state=forged`, cookie)).resolves.toEqual({ type: 'failed', message: STATE_MESSAGE });
    expect(tokenRequests()).toBe(0);
  });

  it("fails a callback that carries another browser's code and state", async () => {
    const victim = await approved();
    await expect(entry.callback(`code=${victim.code}&state=${victim.state}`, undefined)).resolves.toEqual({
      type: 'failed',
      message: STATE_MESSAGE,
    });
    expect(tokenRequests()).toBe(0);
  });

  it('fails a replayed callback: a state is used once', async () => {
    const { code, state, cookie } = await approved();
    await expect(entry.callback(`code=${code}&state=${state}`, cookie)).resolves.toMatchObject({ type: 'signed-in' });
    await expect(entry.callback(`code=${code}&state=${state}`, cookie)).resolves.toEqual({ type: 'failed', message: STATE_MESSAGE });
    expect(tokenRequests()).toBe(1);
  });

  it("checks the state before Worksection's error: a forged denial shows the state message", async () => {
    const { cookie } = await approved();
    await expect(entry.callback('error=access_denied&state=forged', cookie)).resolves.toEqual({ type: 'failed', message: STATE_MESSAGE });
  });

  it("checks the state before Worksection's error: a forged server error is no error for the developer", async () => {
    const { cookie } = await approved();
    await expect(entry.callback('error=invalid_scope&error_description=x', cookie)).resolves.toEqual({
      type: 'failed',
      message: STATE_MESSAGE,
    });
  });

  it('ends a denial with a valid state in the fixed denial message', async () => {
    const { state, cookie } = await approved();
    await expect(entry.callback(`error=access_denied&error_description=Nope&state=${state}`, cookie)).resolves.toEqual({
      type: 'failed',
      message: ACCESS_DENIED_MESSAGE,
    });
  });

  it('fails a callback with a valid state but no code', async () => {
    const { state, cookie } = await approved();
    await expect(entry.callback(`state=${state}`, cookie)).resolves.toEqual({ type: 'failed', message: NO_CODE_MESSAGE });
  });

  it('refuses a repeated state as malformed, without using up the real one', async () => {
    const { code, state, cookie } = await approved();
    await expect(entry.callback(`code=${code}&state=${state}&state=other`, cookie)).resolves.toEqual({
      type: 'failed',
      message: MALFORMED_CALLBACK_MESSAGE,
    });
    expect(tokenRequests()).toBe(0);
    await expect(entry.callback(`code=${code}&state=${state}`, cookie)).resolves.toMatchObject({ type: 'signed-in' });
  });
});
