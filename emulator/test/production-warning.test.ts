import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PRODUCTION_WARNING_CODE } from '../src/production-warning';

// The repository's TypeScript loader (test/helpers), shared with the library's process tests.
const REGISTER = join(__dirname, '..', '..', 'test', 'helpers', 'ts-register.cjs');
const EMULATOR = join(__dirname, '..', 'src', 'emulator.ts');

/** Starts and closes two emulators in a process of their own (the warning is once per process) and returns its stderr. */
function twoEmulators(env: Record<string, string | undefined>): Promise<{ code: number | null; stderr: string }> {
  const script = `
    const { createEmulator } = require(${JSON.stringify(EMULATOR)});
    (async () => {
      for (let i = 0; i < 2; i++) await (await createEmulator()).close();
    })().catch((err) => { console.error(err); process.exit(1); });
  `;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', REGISTER, '-e', script], { env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.resume();
    child.once('close', (code) => resolve({ code, stderr }));
  });
}

describe('createEmulator under NODE_ENV=production', () => {
  it('warns once per process that it is not Worksection and its secrets are public', async () => {
    const { code, stderr } = await twoEmulators({ NODE_ENV: 'production' });
    expect(code).toBe(0);
    expect(stderr.split(PRODUCTION_WARNING_CODE)).toHaveLength(2);
    expect(stderr).toContain('It is not Worksection');
    expect(stderr).toContain('Never point a production app at it');
  }, 30_000);

  it('says nothing outside production', async () => {
    const { code, stderr } = await twoEmulators({ NODE_ENV: 'development' });
    expect(code).toBe(0);
    expect(stderr).not.toContain(PRODUCTION_WARNING_CODE);
  }, 30_000);
});
