import { EXAMPLE_SESSION_SECRET, isStrongSecret, loadConfig } from '../../example-app/config';
import { ConfigError } from '../../example-app/errors/config-error';

const STRONG = 'Zq3v9Lr1Xk7Tb2Nw8Pm4Hc6Yd0Fs5GjE';
const OTHER_STRONG = 'u8Kd2Qx7Wm1Rz5Ty9Bn3Vc6Hf0Lp4SgJ';
const CREDENTIALS = {
  WORKSECTION_CLIENT_ID: 'my-client',
  WORKSECTION_CLIENT_SECRET: 'super-secret-value-MARKER',
  WORKSECTION_CALLBACK_URL: 'https://app.example.com/auth/worksection/callback',
};

function refusal(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('loadConfig accepted the configuration');
}

describe('loadConfig', () => {
  test('with nothing set: port 3000, the emulator with a loopback callback, SQLite, no proxy trusted', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.worksection).toEqual({ kind: 'emulator', callbackURL: 'http://localhost:3000/auth/worksection/callback' });
    expect(config.sessions).toEqual({ kind: 'sqlite', file: 'example-app-sessions.sqlite' });
    expect(config.trustProxy).toBe(0);
    expect(config.sessionSecret).toBeUndefined();
    expect(config.production).toBe(false);
  });

  test('PORT moves the default callback URL along', () => {
    expect(loadConfig({ PORT: '8080' }).worksection.callbackURL).toBe('http://localhost:8080/auth/worksection/callback');
  });

  test('with credentials it talks to Worksection, optionally through WORKSECTION_BASE_URL', () => {
    const config = loadConfig({ ...CREDENTIALS, WORKSECTION_BASE_URL: 'https://staging.example.com/' });
    expect(config.worksection).toEqual({
      kind: 'worksection',
      clientID: 'my-client',
      clientSecret: 'super-secret-value-MARKER',
      callbackURL: CREDENTIALS.WORKSECTION_CALLBACK_URL,
      baseURL: 'https://staging.example.com',
    });
  });

  test('REDIS_URL selects Redis, and SESSION_DB a SQLite file', () => {
    expect(loadConfig({ REDIS_URL: 'redis://cache:6379', SESSION_SECRET: STRONG }).sessions).toEqual({
      kind: 'redis',
      url: 'redis://cache:6379',
    });
    expect(loadConfig({ SESSION_DB: '/var/lib/app/s.sqlite' }).sessions).toEqual({ kind: 'sqlite', file: '/var/lib/app/s.sqlite' });
  });

  test('SIGNIN_LIMIT_PER_IP and SIGNIN_LIMIT_GLOBAL set the sign-in limits a minute; anything but a count is refused', () => {
    expect(loadConfig({}).signInLimits).toEqual({ perIp: 30, global: 600, windowMs: 60_000 });
    expect(loadConfig({ SIGNIN_LIMIT_PER_IP: '5', SIGNIN_LIMIT_GLOBAL: '50' }).signInLimits).toEqual({
      perIp: 5,
      global: 50,
      windowMs: 60_000,
    });
    for (const bad of ['0', '-1', '1e3', 'many', '99999999']) {
      expect(() => loadConfig({ SIGNIN_LIMIT_PER_IP: bad })).toThrow(/SIGNIN_LIMIT_PER_IP must be/);
    }
  });

  test('TRUST_PROXY is a hop count', () => {
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });

  test.each([
    [{ PORT: 'http' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '-1' }, 'TRUST_PROXY'],
    [{ WORKSECTION_CLIENT_ID: 'x' }, 'WORKSECTION_CLIENT_SECRET'],
    [{ WORKSECTION_CLIENT_SECRET: 'super-secret-value-MARKER' }, 'WORKSECTION_CLIENT_ID'],
    [{ ...CREDENTIALS, WORKSECTION_CALLBACK_URL: '' }, 'WORKSECTION_CALLBACK_URL'],
    [{ ...CREDENTIALS, WORKSECTION_CALLBACK_URL: 'not a url' }, 'WORKSECTION_CALLBACK_URL'],
    [{ WORKSECTION_BASE_URL: 'http://127.0.0.1:1' }, 'WORKSECTION_BASE_URL'],
    [{ REDIS_URL: 'redis://x', SESSION_DB: 'a.sqlite', SESSION_SECRET: STRONG }, 'REDIS_URL'],
    [{ REDIS_URL: 'http://x', SESSION_SECRET: STRONG }, 'REDIS_URL'],
    [{ REDIS_URL: 'redis://x' }, 'SESSION_SECRET'],
  ])('refuses %j, naming %s', (env, variable) => {
    expect(refusal(env).message).toContain(variable);
  });

  describe('in production (NODE_ENV=production)', () => {
    const production = { NODE_ENV: 'production', ...CREDENTIALS };

    test('starts with credentials and a strong SESSION_SECRET', () => {
      const config = loadConfig({ ...production, SESSION_SECRET: STRONG });
      expect(config.production).toBe(true);
      expect(config.sessionSecret).toBe(STRONG);
    });

    test('refuses to start without SESSION_SECRET', () => {
      expect(refusal(production).message).toMatch(/SESSION_SECRET is required in production/);
    });

    test.each([
      ['too short', 'abc123'],
      ['the .env.example placeholder', EXAMPLE_SESSION_SECRET],
      ['the placeholder made longer', `${EXAMPLE_SESSION_SECRET}-please`],
      ['one repeated character', 'a'.repeat(64)],
      ['a short pattern repeated', 'ab12'.repeat(16)],
      ['"0123456789" four times', '0123456789'.repeat(4)],
      ['the alphabet and the digits in order', 'abcdefghijklmnopqrstuvwxyz0123456789'],
    ])('refuses a weak SESSION_SECRET (%s) without printing it', (_label, secret) => {
      const err = refusal({ ...production, SESSION_SECRET: secret });
      expect(err.message).toMatch(/SESSION_SECRET is too weak/);
      expect(err.message).not.toContain(secret);
    });

    test('refuses a list of secrets with a weak one, even an old one that only verifies, naming the entry and not its value', () => {
      const weak = '0123456789'.repeat(4);
      for (const env of [{ SESSION_SECRET: `${STRONG},${weak}` }, { SESSION_SECRETS: `${STRONG}, ${weak}` }]) {
        const err = refusal({ ...production, ...env });
        expect(err.message).toMatch(/SESSION_SECRETS? \(entry 2 of 2\) is too weak/);
        expect(err.message).not.toContain(weak);
        expect(err.message).not.toContain(STRONG);
      }
    });

    test('accepts a list of strong secrets for rotation', () => {
      const config = loadConfig({ ...production, SESSION_SECRETS: `${STRONG},${OTHER_STRONG}` });
      expect(config.sessionSecrets).toEqual([STRONG, OTHER_STRONG]);
    });

    test('refuses an http callback URL: Worksection requires HTTPS, and the sign-in cookie would not be Secure', () => {
      const err = refusal({
        ...production,
        SESSION_SECRET: STRONG,
        WORKSECTION_CALLBACK_URL: 'http://app.example.com/auth/worksection/callback',
      });
      expect(err.message).toMatch(/WORKSECTION_CALLBACK_URL must be an https:\/\/ URL in production/);
    });

    test('refuses to run the emulator', () => {
      expect(refusal({ NODE_ENV: 'production', SESSION_SECRET: STRONG }).message).toMatch(/emulator is for development/);
    });
  });

  test('no refusal message contains the client secret', () => {
    const messages = [
      refusal({ WORKSECTION_CLIENT_SECRET: CREDENTIALS.WORKSECTION_CLIENT_SECRET }),
      refusal({ ...CREDENTIALS, WORKSECTION_CALLBACK_URL: 'nope' }),
      refusal({ ...CREDENTIALS, NODE_ENV: 'production' }),
    ].map((e) => e.message);
    for (const message of messages) expect(message).not.toContain('MARKER');
  });
});

describe('session secret rotation', () => {
  test('SESSION_SECRET="new,old" lists the secrets newest first; the newest is the one that signs', () => {
    const config = loadConfig({ SESSION_SECRET: ` ${STRONG} , ${OTHER_STRONG} ` });
    expect(config.sessionSecret).toBe(STRONG);
    expect(config.sessionSecrets).toEqual([STRONG, OTHER_STRONG]);
  });

  test('SESSION_SECRETS does the same', () => {
    const config = loadConfig({ SESSION_SECRETS: `${OTHER_STRONG},${STRONG}` });
    expect(config.sessionSecret).toBe(OTHER_STRONG);
    expect(config.sessionSecrets).toEqual([OTHER_STRONG, STRONG]);
  });

  test('one secret is a list of one', () => {
    expect(loadConfig({ SESSION_SECRET: STRONG }).sessionSecrets).toEqual([STRONG]);
  });

  test('refuses both variables at once, and an empty entry, without printing a secret', () => {
    const both = refusal({ SESSION_SECRET: STRONG, SESSION_SECRETS: OTHER_STRONG });
    expect(both.message).toMatch(/either SESSION_SECRET or SESSION_SECRETS/);
    for (const env of [{ SESSION_SECRET: `${STRONG},,${OTHER_STRONG}` }, { SESSION_SECRETS: `${STRONG},` }, { SESSION_SECRETS: ',' }]) {
      const err = refusal(env);
      expect(err.message).toMatch(/has an empty entry/);
      expect(err.message).not.toContain(STRONG);
    }
    expect(both.message).not.toContain(STRONG);
  });

  test('SESSION_SECRETS satisfies the Redis requirement for a shared secret', () => {
    expect(loadConfig({ REDIS_URL: 'redis://x', SESSION_SECRETS: STRONG }).sessionSecrets).toEqual([STRONG]);
  });
});

describe('isStrongSecret', () => {
  test('accepts 32 random characters and the output of `openssl rand -hex 32`', () => {
    expect(isStrongSecret(STRONG)).toBe(true);
    expect(isStrongSecret('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08')).toBe(true);
    // `openssl rand -base64 24`
    expect(isStrongSecret('q0hX3mZ9v+Lr2Tb8Nw4Pc6Yd1Fs5GjEk')).toBe(true);
  });

  test.each([
    ['a repeated phrase', 'my secret phrase! my secret phrase! my secret phrase!'],
    ['keyboard rows', 'qwertyuiopasdfghjklzxcvbnm1234567890'],
    ['keyboard rows, shifted and backwards', 'QWERTYUIOP{}|ASDFGHJKL:"ZXCVBNM<>?poiuytrewq'],
    ['numbered words', 'password1password2password3password4password5'],
    ['a word and its capitalised repeats', 'SecretSecretSECRETsecret2024Secret2025secret'],
  ])('refuses %s, however long, by its estimated randomness', (_label, secret) => {
    expect(isStrongSecret(secret)).toBe(false);
  });
});
