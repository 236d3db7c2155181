import { DEMO_CLIENT } from '../../src/emulator';
import { Strategy, WorksectionClient, WorksectionConfigError, type TokenSet, type WorksectionClientOptions } from '../../src';

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
    expect(client._http.timeout).toBe(1234);
    expect(refusedOption(() => new WorksectionClient(options({ strategy, accountUrl: 'http://127.0.0.1:4001/acc1234' })))).toBe(
      'accountUrl',
    );
  });

  it('refuses a baseURL that is plain http off loopback', () => {
    expect(refusedOption(() => new WorksectionClient(options({ baseURL: 'http://example.com' })))).toBe('baseURL');
  });

  it('names the option at fault: strategy, tokens, minInterval, timeout, hooks', () => {
    expect(refusedOption(() => new WorksectionClient(options({ strategy: {} as never })))).toBe('strategy');
    expect(refusedOption(() => new WorksectionClient(options({ tokens: { accessToken: '', refreshToken: 'x' } })))).toBe('tokens');
    expect(refusedOption(() => new WorksectionClient(options({ tokens: { accessToken: 'a', refreshToken: 'r', expiresAt: NaN } })))).toBe(
      'tokens',
    );
    expect(refusedOption(() => new WorksectionClient(options({ minInterval: -1 })))).toBe('minInterval');
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
});
