import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './helpers/redis-server';

const SERVER = join(__dirname, '..', '..', 'example-app', 'server.ts');
const REGISTER = join(__dirname, 'helpers', 'ts-register-app.cjs');

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the example app's server as `npm start` does (from the sources) and resolves when the process ends. */
function runServer(env: Record<string, string>): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', REGISTER, SERVER], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // A process that failed to start but never ends is the bug under test: kill it and say so.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server process did not exit: ${stdout}${stderr}`));
    }, 15_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ws-server-process-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the server process (npm start) when it cannot start', () => {
  test('a corrupt session database prints one line naming SESSION_DB and exits with code 1, the emulator closed', async () => {
    const file = join(dir, 'corrupt.sqlite');
    writeFileSync(file, 'this is not a SQLite database, just some text that is long enough to have a header'.repeat(20));
    const exit = await runServer({ PORT: String(await freePort()), SESSION_DB: file });
    expect(exit.code).toBe(1);
    expect(exit.stderr.trim().split('\n')).toEqual([expect.stringContaining(`SESSION_DB ${file} cannot be used`)]);
  });

  test('a damaged emulator state file prints one line naming it and saying to delete it, and exits with code 1', async () => {
    const file = join(dir, 's.sqlite');
    writeFileSync(`${file}-emulator-state.json`, 'not json');
    const exit = await runServer({ PORT: String(await freePort()), SESSION_DB: file });
    expect(exit.code).toBe(1);
    expect(exit.stderr.trim().split('\n')).toEqual([
      `The example app could not start: The emulator state file ${file}-emulator-state.json cannot be used (not JSON): ` +
        'delete it to start the emulator afresh (signed-in browsers then sign in again).',
    ]);
  });

  test('a port in use prints one line naming PORT and exits with code 1', async () => {
    const busy: Server = createServer();
    await new Promise<void>((done) => busy.listen(0, done));
    const port = (busy.address() as { port: number }).port;
    try {
      const exit = await runServer({ PORT: String(port), SESSION_DB: join(dir, 's.sqlite') });
      expect(exit.code).toBe(1);
      expect(exit.stderr.trim()).toBe(`Configuration error: PORT ${port} is in use: set PORT to a free port.`);
    } finally {
      await new Promise<void>((done) => busy.close(() => done()));
    }
  });

  test('an unreachable Redis (REDIS_URL set) prints one line naming REDIS_URL and exits with code 1', async () => {
    const exit = await runServer({
      PORT: String(await freePort()),
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
      SESSION_SECRET: 'Zq3v9Lr1Xk7Tb2Nw8Pm4Hc6Yd0Fs5GjE',
    });
    expect(exit.code).toBe(1);
    expect(exit.stderr.trim().split('\n')).toEqual([expect.stringMatching(/Redis is unreachable .*check REDIS_URL/)]);
    expect(exit.stdout).toBe('');
  });
});
