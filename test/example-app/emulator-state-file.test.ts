import { mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulator, type EmulatorState } from 'worksection-emulator';
import { loadEmulatorState, saveEmulatorState } from '../../example-app/emulator-state-file';
import { EmulatorStateFileError } from '../../example-app/errors/emulator-state-file-error';

let dir: string;
let state: EmulatorState;
beforeAll(async () => {
  const emu = await createEmulator();
  state = emu.exportState();
  await emu.close();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ws-emulator-state-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the emulator state file', () => {
  test('is written with mode 0600 (it holds private keys) and read back equal', async () => {
    const file = join(dir, 'state.json');
    await saveEmulatorState(file, state);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadEmulatorState(file)).toEqual(state);
  });

  test('replaces an existing file through a rename: the new file is 0600 and no temporary file is left', async () => {
    const file = join(dir, 'state.json');
    writeFileSync(file, '{}', { mode: 0o644 });
    await saveEmulatorState(file, state);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  test('concurrent saves each write a whole file: what is read back is one of them, never a mix', async () => {
    const file = join(dir, 'state.json');
    const other = { ...state, port: state.port === 1 ? 2 : 1 };
    await Promise.all([saveEmulatorState(file, state), saveEmulatorState(file, other), saveEmulatorState(file, state)]);
    expect([state.port, other.port]).toContain(loadEmulatorState(file)?.port);
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  test('is undefined when there is none yet', () => {
    expect(loadEmulatorState(join(dir, 'missing.json'))).toBeUndefined();
  });

  test('a file that is not JSON, or not a state, is refused with one line naming it and saying to delete it', () => {
    const file = join(dir, 'state.json');
    writeFileSync(file, '{"version":1,"port":');
    expect(() => loadEmulatorState(file)).toThrow(new EmulatorStateFileError(file, 'not JSON'));
    writeFileSync(file, JSON.stringify({ ...state, port: -1 }));
    expect(() => loadEmulatorState(file)).toThrow(/state\.port must be a whole number .*delete it to start the emulator afresh/);
  });

  test('a file that cannot be read (here a directory in its place) is refused, not taken for a missing one', () => {
    expect(() => loadEmulatorState(dir)).toThrow(`The emulator state file ${dir} cannot be used (EISDIR)`);
  });
});

describe('a symlink planted at the state file', () => {
  test('is not read through: refused with one line naming the file', async () => {
    const victim = join(dir, 'victim.json');
    await saveEmulatorState(victim, state);
    const file = join(dir, 'state.json');
    symlinkSync(victim, file);
    expect(() => loadEmulatorState(file)).toThrow(EmulatorStateFileError);
    expect(() => loadEmulatorState(file)).toThrow(/symlink/);
  });
});
