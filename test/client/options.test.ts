import { DEMO_CLIENT } from 'worksection-emulator';
import { NodeTransport, Strategy, WorksectionConfigError, WorksectionTimeoutError, type FetchFunction, type TokenSet } from '../../src';
import { WorksectionClient, type WorksectionClientOptions } from '../../src/client';
import { CallSpacer } from '../../src/client/call-spacer';

const tokens = { accessToken: 'eyJ.access.token', refreshToken: 'def50200refresh', expiresAt: Date.now() + 60_000 };
const refresher = { refresh: (): Promise<TokenSet> => Promise.reject(new Error('not called')) };

function options(overrides: Partial<WorksectionClientOptions> = {}): WorksectionClientOptions {
  return { strategy: refresher, accountUrl: 'https://acc1234.worksection.com', tokens, ...overrides };
}

/** The option a constructor error names. */
function refusedOption(make: () => unknown): string | undefined {
  try {
    make();
  } catch (err) {
    expect(err).toBeInstanceOf(WorksectionConfigError);
    expect((err as WorksectionConfigError).code).toBe('WORKSECTION_INVALID_OPTION');
    return (err as WorksectionConfigError).option;
  }
  return undefined;
}

describe('new WorksectionClient(options)', () => {
  it('accepts an account on worksection.com, dropping a trailing slash', () => {
    expect(new WorksectionClient(options({ accountUrl: 'https://acc1234.worksection.com/' })).accountUrl).toBe(
      'https://acc1234.worksection.com',
    );
  });

  it('refuses an accountUrl on any other host, or plain http on worksection.com: the bearer token goes there', () => {
    for (const accountUrl of [
      'https://acc1234.worksection.com.evil.example',
      'http://acc1234.worksection.com',
      'https://user:pw@acc1.worksection.com',
      'acc1234',
      42,
    ]) {
      expect(refusedOption(() => new WorksectionClient(options({ accountUrl: accountUrl as string })))).toBe('accountUrl');
    }
  });

  it("trusts accounts on the strategy's baseURL origin (the emulator) without further options", () => {
    const strategy = new Strategy(
      { clientID: DEMO_CLIENT.clientId, clientSecret: DEMO_CLIENT.clientSecret, baseURL: 'http://127.0.0.1:4000', timeout: 1234 },
      (_a, _r, _p, profile, done) => done(null, profile),
    );
    const client = new WorksectionClient(options({ strategy, accountUrl: 'http://127.0.0.1:4000/acc1234' }));
    expect(client.accountUrl).toBe('http://127.0.0.1:4000/acc1234');
    expect(refusedOption(() => new WorksectionClient(options({ strategy, accountUrl: 'http://127.0.0.1:4001/acc1234' })))).toBe(
      'accountUrl',
    );
  });

  it('refuses a baseURL that is plain http off loopback', () => {
    expect(refusedOption(() => new WorksectionClient(options({ baseURL: 'http://example.com' })))).toBe('baseURL');
  });

  it('takes Infinity as maxQueueWait: every call is queued', () => {
    expect(new WorksectionClient(options({ maxQueueWait: Infinity }))._maxQueueWait).toBe(Infinity);
  });

  it('names the option at fault: strategy, tokens, minInterval, maxQueueWait, timeout, hooks', () => {
    expect(refusedOption(() => new WorksectionClient(options({ strategy: {} as never })))).toBe('strategy');
    expect(refusedOption(() => new WorksectionClient(options({ tokens: { accessToken: '', refreshToken: 'x' } })))).toBe('tokens');
    expect(refusedOption(() => new WorksectionClient(options({ tokens: { accessToken: 'a', refreshToken: 'r', expiresAt: NaN } })))).toBe(
      'tokens',
    );
    expect(refusedOption(() => new WorksectionClient(options({ minInterval: -1 })))).toBe('minInterval');
    expect(refusedOption(() => new WorksectionClient(options({ maxQueueWait: -1 })))).toBe('maxQueueWait');
    expect(refusedOption(() => new WorksectionClient(options({ maxQueueWait: NaN })))).toBe('maxQueueWait');
    expect(refusedOption(() => new WorksectionClient(options({ maxQueueWait: '5' as never })))).toBe('maxQueueWait');
    expect(refusedOption(() => new WorksectionClient(options({ timeout: 0 })))).toBe('timeout');
    expect(refusedOption(() => new WorksectionClient(options({ onTokens: 'save' as never })))).toBe('onTokens');
    expect(refusedOption(() => new WorksectionClient(options({ fetch: 'fetch' as never })))).toBe('fetch');
    expect(refusedOption(() => new WorksectionClient(options({ lock: (_k, fn) => fn() })))).toBe('loadTokens');
  });

  it('keeps a copy of the tokens, and shows them only through `tokens`', () => {
    const given = { ...tokens };
    const client = new WorksectionClient(options({ tokens: given }));
    given.accessToken = 'changed';
    expect(client.tokens).toEqual(tokens);
    expect(client.tokens).not.toBe(client.tokens);
  });

  it('the constructor errors show no token', () => {
    try {
      new WorksectionClient(options({ accountUrl: 'https://evil.example', tokens }));
    } catch (err) {
      expect(`${String(err)} ${JSON.stringify(err)}`).not.toContain(tokens.accessToken);
    }
    expect.assertions(1);
  });

  it("inherits the strategy's fetch, transport and timeout, each replaced by the client's own option", async () => {
    const calls: string[] = [];
    const recording =
      (name: string): FetchFunction =>
      (url) => {
        calls.push(`${name} ${url}`);
        return Promise.resolve(Response.json({ status: 'ok', data: { id: '1' } }));
      };
    const transport = new NodeTransport();
    const strategy = new Strategy(
      { clientID: 'c', clientSecret: 's', baseURL: 'http://127.0.0.1:4000', timeout: 1234, fetch: recording('strategy'), transport },
      (_a, _r, _p, profile, done) => done(null, profile),
    );
    expect(strategy).toMatchObject({ baseURL: 'http://127.0.0.1:4000', timeout: 1234, transport });
    const base = { strategy, accountUrl: 'http://127.0.0.1:4000/acc1', minInterval: 0, spacer: new CallSpacer() };
    await new WorksectionClient(options(base)).me();
    await new WorksectionClient(options({ ...base, fetch: recording('client') })).me();
    expect(calls).toEqual([
      'strategy http://127.0.0.1:4000/acc1/api/oauth2?action=me',
      'client http://127.0.0.1:4000/acc1/api/oauth2?action=me',
    ]);
    const inherited = new WorksectionClient(options(base));
    const own = new WorksectionClient(options({ ...base, timeout: 99, transport: new NodeTransport() }));
    expect(inherited._http).toMatchObject({ timeout: 1234, transport });
    expect(own._http).toMatchObject({ timeout: 99, fetch: undefined });
    expect(own._http.transport).not.toBe(transport);
  });
});

describe('the defaults, as behaviour', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** Whether `promise` has settled, without waiting for it. */
  function settled(promise: Promise<unknown>): () => boolean {
    let done = false;
    promise.then(
      () => (done = true),
      () => (done = true),
    );
    return () => done;
  }

  it('gives up on an unanswered call after 10 s without a timeout option, for the strategy and for its clients', async () => {
    const hanging: FetchFunction = () => new Promise<Response>(() => undefined);
    const strategy = new Strategy({ clientID: 'c', clientSecret: 's', fetch: hanging }, (_a, _r, _p, profile, done) => done(null, profile));
    const client = new WorksectionClient(options({ strategy, minInterval: 0, spacer: new CallSpacer() }));
    const refresh = strategy.refresh('rt');
    const call = client.me();
    const refreshDone = settled(refresh);
    const callDone = settled(call);
    await jest.advanceTimersByTimeAsync(9_999);
    expect([refreshDone(), callDone()]).toEqual([false, false]);
    await jest.advanceTimersByTimeAsync(1);
    await expect(refresh).rejects.toMatchObject({ name: 'WorksectionTimeoutError', timeout: 10_000 });
    await expect(call).rejects.toBeInstanceOf(WorksectionTimeoutError);
  });

  it('starts two calls to one account at least a second apart without a minInterval option', async () => {
    const started: number[] = [];
    const ok: FetchFunction = () => {
      started.push(performance.now());
      return Promise.resolve(Response.json({ status: 'ok', data: { id: '1' } }));
    };
    const client = new WorksectionClient(options({ fetch: ok, spacer: new CallSpacer() }));
    await client.me();
    const second = client.me();
    await jest.advanceTimersByTimeAsync(999);
    expect(started).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    await second;
    expect(started).toHaveLength(2);
    expect(started[1]! - started[0]!).toBeGreaterThanOrEqual(1000);
  });

  it('queues a call to one account for at most 30 s without a maxQueueWait option: a later turn rejects at once', async () => {
    let sent = 0;
    const ok: FetchFunction = () => {
      sent++;
      return Promise.resolve(Response.json({ status: 'ok', data: { id: '1' } }));
    };
    const client = new WorksectionClient(options({ fetch: ok, spacer: new CallSpacer() }));
    // One call a second: the 31st call's turn comes 30 s after the first's, the 32nd's 31 s after.
    const queued = Array.from({ length: 31 }, () => client.me());
    const refused = settled(client.me().catch((err: unknown) => err));
    await jest.advanceTimersByTimeAsync(0);
    expect(refused()).toBe(true);
    await expect(client.me()).rejects.toMatchObject({
      name: 'WorksectionRateLimitError',
      code: 'WORKSECTION_RATE_LIMITED',
      retryAfter: 31_000,
    });
    await jest.advanceTimersByTimeAsync(30_000);
    await Promise.all(queued);
    expect(sent).toBe(31);
  });
});
