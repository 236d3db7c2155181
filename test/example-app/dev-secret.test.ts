import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateDevSecret } from '../../example-app/dev-secret';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ws-secret-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadOrCreateDevSecret', () => {
  test('creates a random secret readable by its owner only, and returns the same one next time', () => {
    const file = join(dir, 'sessions.sqlite-secret');
    const first = loadOrCreateDevSecret(file);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateDevSecret(file)).toBe(first);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
  });

  test('replaces a file too short to be a secret', () => {
    const file = join(dir, 's-secret');
    writeFileSync(file, 'short');
    expect(loadOrCreateDevSecret(file)).toMatch(/^[0-9a-f]{64}$/);
  });

  test('a symlink planted at its name is neither read nor written through: it is refused', () => {
    const file = join(dir, 'sessions.sqlite-secret');
    // Another user's file with a secret-looking line, and a name the attacker wants created.
    const victim = join(dir, 'victim');
    writeFileSync(victim, `${'a1'.repeat(32)}\n`);
    symlinkSync(victim, file);
    expect(() => loadOrCreateDevSecret(file)).toThrow(/symlink/);
    rmSync(file);
    const target = join(dir, 'created-elsewhere');
    symlinkSync(target, file);
    expect(() => loadOrCreateDevSecret(file)).toThrow(/symlink/);
    expect(existsSync(target)).toBe(false);
    expect(readFileSync(victim, 'utf8')).toBe(`${'a1'.repeat(32)}\n`);
  });
});
