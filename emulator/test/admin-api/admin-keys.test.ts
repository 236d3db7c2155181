import { createEmulator, DEMO_ACCOUNTS, type Emulator, type EmulatorState } from '../../src';
import { parseEmulatorState } from '../../src/saved-state/parse-emulator-state';
import { adminCall } from '../helpers/admin-call';

const emulators: Emulator[] = [];
async function start(options: Parameters<typeof createEmulator>[0] = {}): Promise<Emulator> {
  const emu = await createEmulator(options);
  emulators.push(emu);
  return emu;
}
afterEach(async () => {
  for (const emu of emulators.splice(0)) await emu.close();
});

describe("each account's admin API key", () => {
  it('is random per emulator and per account unless given', async () => {
    const [one, two] = [await start(), await start()];
    const keys = [one.adminApiKey('acc1234'), one.adminApiKey('acc5678'), two.adminApiKey('acc1234')];
    expect(new Set(keys).size).toBe(3);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{32}$/);
  });

  it('is the one given in accounts[].adminApiKey, and only it signs', async () => {
    const emu = await start({ accounts: [{ ...DEMO_ACCOUNTS[0]!, adminApiKey: 'given-key-1234' }, DEMO_ACCOUNTS[1]!] });
    expect(emu.adminApiKey('acc1234')).toBe('given-key-1234');
    expect((await adminCall(emu, 'get_users', {}, { key: 'given-key-1234' })).json.status).toBe('ok');
    expect((await adminCall(emu, 'get_users', {}, { key: emu.adminApiKey('acc5678') })).json.status_code).toBe(2);
  });

  it('comes back after a restart from the saved state, which an account option overrides', async () => {
    const first = await start();
    const key = first.adminApiKey('acc1234');
    const state = JSON.parse(JSON.stringify(first.exportState())) as EmulatorState;
    expect(state.keys.adminApiKeys).toEqual({ acc1234: key, acc5678: first.adminApiKey('acc5678') });
    await first.close();
    const second = await start({ state: parseEmulatorState(state), port: 0 });
    expect(second.adminApiKey('acc1234')).toBe(key);
    expect((await adminCall(second, 'get_users', {}, { key })).json.status).toBe('ok');
    const third = await start({ state, port: 0, accounts: [{ ...DEMO_ACCOUNTS[0]!, adminApiKey: 'configured' }, DEMO_ACCOUNTS[1]!] });
    expect(third.adminApiKey('acc5678')).toBe(state.keys.adminApiKeys!.acc5678);
    expect(third.adminApiKey('acc1234')).toBe('configured');
  });

  it('is new for every account when a saved state predates the admin API', async () => {
    const first = await start();
    const state = JSON.parse(JSON.stringify(first.exportState())) as EmulatorState;
    delete state.keys.adminApiKeys;
    const second = await start({ state: parseEmulatorState(state), port: 0 });
    expect(second.adminApiKey('acc1234')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('refuses a blank or spaced key option, and a bad saved one, without echoing it', async () => {
    for (const adminApiKey of ['', 'two words-secret']) {
      const failure = createEmulator({ accounts: [{ id: 'acc1', name: 'A', adminApiKey }] });
      await expect(failure).rejects.toThrow('Emulator account "acc1": adminApiKey must be a non-empty string without whitespace');
      await expect(failure.catch((err: unknown) => String(err))).resolves.not.toContain('words-secret');
    }
    const first = await start();
    const state = JSON.parse(JSON.stringify(first.exportState())) as EmulatorState;
    state.keys.adminApiKeys = { acc1234: 'a saved secret' };
    expect(() => parseEmulatorState(state)).toThrow('keys.adminApiKeys.acc1234 must be a non-empty string without whitespace');
    expect(() => parseEmulatorState(state)).not.toThrow(/saved secret/);
  });

  it('keeps an account id "__proto__" as a plain entry of the saved keys', () => {
    const state = parseEmulatorState({
      version: 1,
      port: 0,
      keys: {
        signingKey: 'pem',
        sealingKey: Buffer.alloc(32).toString('base64'),
        adminApiKeys: JSON.parse('{"__proto__":"k1"}') as unknown,
      },
      grants: { codes: [], refreshTokens: [], accessTokens: [] },
    });
    expect(Object.getPrototypeOf(state.keys.adminApiKeys)).toBe(Object.prototype);
    expect(Object.hasOwn(state.keys.adminApiKeys!, '__proto__')).toBe(true);
  });

  it('is asked of an account the emulator has: another is a TypeError', async () => {
    const emu = await start();
    expect(() => emu.adminApiKey('acc9999')).toThrow('adminApiKey: the emulator has no account "acc9999"');
  });
});
