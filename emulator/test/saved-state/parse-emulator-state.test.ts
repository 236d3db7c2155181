import { parseEmulatorState } from '../../src/saved-state/parse-emulator-state';

const valid = {
  version: 1,
  port: 41234,
  keys: { signingKey: '-----BEGIN PRIVATE KEY-----\n…\n-----END PRIVATE KEY-----\n', sealingKey: Buffer.alloc(32, 7).toString('base64') },
  grants: {
    codes: [
      {
        id: 'c1',
        clientId: 'demo-client',
        userId: '3993',
        accountId: 'acc1234',
        expireTime: 1_700_000_600,
        revoked: true,
        issued: { jti: 'j1', refreshTokenId: 'r1' },
      },
    ],
    refreshTokens: [{ id: 'r1', clientId: 'demo-client', userId: '3993', accountId: 'acc1234', expireTime: 1_702_592_000, revoked: false }],
    accessTokens: [
      {
        jti: 'j1',
        clientId: 'demo-client',
        userId: '3993',
        accountId: 'acc1234',
        scopes: ['projects_read'],
        expireTime: 1_700_086_400,
        revoked: false,
      },
    ],
  },
  accountApi: null,
};

/** `valid` with one field replaced, through JSON as a file would be. */
function withField(path: string[], value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(valid)) as Record<string, unknown>;
  let at: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[path.at(-1)!] = value;
  return copy;
}

describe('parseEmulatorState', () => {
  test('returns an equal copy of a valid state, with a missing accountApi read as null', () => {
    expect(parseEmulatorState(JSON.parse(JSON.stringify(valid)))).toEqual(valid);
    const without: Partial<typeof valid> = JSON.parse(JSON.stringify(valid)) as typeof valid;
    delete without.accountApi;
    expect(parseEmulatorState(without).accountApi).toBeNull();
  });

  test('refuses a state of another version, and anything that is not an object', () => {
    expect(() => parseEmulatorState(withField(['version'], 2))).toThrow('Emulator state: version 2 is not 1');
    for (const bad of [null, [], 'state', 42]) expect(() => parseEmulatorState(bad)).toThrow(TypeError);
  });

  test.each([
    [['port'], 65_536, 'state.port must be a whole number from 0 to 65535'],
    [['port'], '3000', 'state.port must be a whole number'],
    [['keys', 'sealingKey'], Buffer.alloc(16).toString('base64'), 'keys.sealingKey must be 32 bytes in base64'],
    [['keys', 'sealingKey'], 'not base64 at all!', 'keys.sealingKey must be 32 bytes in base64'],
    [['keys', 'signingKey'], '', 'keys.signingKey must be a non-empty string'],
    [['grants', 'codes'], {}, 'grants.codes must be an array'],
    [['grants', 'refreshTokens', 0, 'revoked'], 'no', 'grants.refreshTokens[0].revoked must be true or false'],
    [['grants', 'accessTokens', 0, 'scopes'], [1], 'grants.accessTokens[0].scopes must be an array of strings'],
    [['grants', 'accessTokens', 0, 'expireTime'], 1e300, 'grants.accessTokens[0].expireTime must be a whole number'],
    [['grants', 'codes', 0, 'issued'], { jti: 'j1' }, 'grants.codes[0].issued.refreshTokenId must be a non-empty string'],
  ])('refuses %j = %j, naming the field', (path, value, message) => {
    expect(() => parseEmulatorState(withField(path.map(String), value))).toThrow(message);
  });

  test('keeps only the known fields: a __proto__ key in the file reaches no object', () => {
    const hostile = JSON.parse(
      JSON.stringify(valid).replace('"id":"r1",', '"id":"r1","__proto__":{"revoked":true},"polluted":1,'),
    ) as Record<string, unknown>;
    const parsed = parseEmulatorState(hostile);
    const record = parsed.grants.refreshTokens[0]!;
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(record).toEqual(valid.grants.refreshTokens[0]);
    expect(({} as { revoked?: unknown }).revoked).toBeUndefined();
  });
});
