import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { parseCliArgs, parseClientSpec } from '../../src/cli/args';

// The sources as they are now, compiled as they load: never a stale dist/.
const CLI = join(__dirname, '..', '..', 'src', 'cli', 'cli.ts');
// The repository's TypeScript loader (test/helpers), shared with the library's process tests.
const REGISTER = join(__dirname, '..', '..', '..', 'test', 'helpers', 'ts-register.cjs');

interface Started {
  child: ChildProcessWithoutNullStreams;
  stdout: string;
  stderr: string;
  url: string;
}

/** Starts the CLI and resolves once it printed its banner. */
function start(args: string[], env: Record<string, string> = {}): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', REGISTER, CLI, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`CLI did not start: ${stdout}${stderr}`)), 10_000);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match && stdout.includes('Press Ctrl+C')) {
        clearTimeout(timer);
        resolve({ child, stdout, stderr, url: match[1]! });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`CLI exited with ${code}: ${stderr}`));
    });
  });
}

/** Runs the CLI to completion (for arguments that make it exit). */
function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', REGISTER, CLI, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function stop(child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | string | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve(child.exitCode ?? child.signalCode);
      return;
    }
    child.once('exit', (code, killedBy) => resolve(code ?? killedBy));
    child.kill(signal);
  });
}

describe('worksection-emulator CLI', () => {
  const running: ChildProcessWithoutNullStreams[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((child) => stop(child, 'SIGKILL')));
  });

  it('prints its URL, the demo client with its public secret and the demo users, and serves', async () => {
    const cli = await start(['--port', '0']);
    running.push(cli.child);
    expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(cli.stdout).toContain('client_id      demo-client');
    expect(cli.stdout).toContain('client_secret  demo-secret');
    expect(cli.stdout).toContain('https://localhost:3000/auth/worksection/callback');
    expect(cli.stdout).toContain('Henry Gardner');
    expect(cli.stdout).toContain('Henry.Gardner@ws.com');
    expect(cli.stdout).toContain(`${cli.url}/acc1234`);
    const page = await fetch(
      `${cli.url}/oauth2/authorize?client_id=demo-client&redirect_uri=${encodeURIComponent('http://localhost:3000/auth/worksection/callback')}&response_type=code&state=s&scope=projects_read`,
    );
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Sign in as Henry Gardner');
  });

  it("prints each account's admin API key, which signs calls to that account's admin API", async () => {
    const cli = await start(['--port', '0']);
    running.push(cli.child);
    const key = /Admin API keys[^\n]*\n\s+Gardner & Co\s+(\S+)/.exec(cli.stdout)?.[1];
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    const t = Math.floor(Date.now() / 1000);
    const res = await fetch(`${cli.url}/acc1234/api/admin/v2?action=get_users`, {
      method: 'POST',
      headers: { authorization: `Admin ${t}_${createHmac('sha256', key!).update(`get_users:${t}`).digest('hex')}` },
    });
    expect(((await res.json()) as { status: string }).status).toBe('ok');
  });

  it('stops cleanly on SIGTERM and on SIGINT', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const cli = await start(['--port', '0']);
      expect(await stop(cli.child, signal)).toBe(0);
    }
  });

  it('registers --client id:secret:redirect and does not print its secret', async () => {
    const cli = await start(['--port', '0', '--auto-approve', '--client', 'my-app:top-secret-value:https://app.example/cb']);
    running.push(cli.child);
    expect(cli.stdout).toContain('my-app');
    expect(cli.stdout).toContain('https://app.example/cb');
    expect(cli.stdout).not.toContain('top-secret-value');
    const res = await fetch(
      `${cli.url}/oauth2/authorize?client_id=my-app&redirect_uri=${encodeURIComponent('https://app.example/cb')}&response_type=code&state=s&scope=tasks_read`,
      { redirect: 'manual' },
    );
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^https:\/\/app\.example\/cb\?code=def50200/);
  });

  it('--strict-https refuses http redirect URIs on localhost', async () => {
    const cli = await start(['--port', '0', '--strict-https']);
    running.push(cli.child);
    const res = await fetch(
      `${cli.url}/oauth2/authorize?client_id=demo-client&redirect_uri=${encodeURIComponent('http://localhost:3000/auth/worksection/callback')}&response_type=code&state=s&scope=projects_read`,
      { redirect: 'manual' },
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('must use HTTPS');
  });

  it('warns loudly on stderr when NODE_ENV=production', async () => {
    const cli = await start(['--port', '0'], { NODE_ENV: 'production' });
    running.push(cli.child);
    expect(cli.stderr).toContain('WARNING: NODE_ENV=production');
    expect(cli.stderr).toContain('Never point a production app at it');
    // The banner is the CLI's warning: createEmulator's one-line process warning is not printed as well.
    expect(cli.stderr).not.toContain('WORKSECTION_EMULATOR_IN_PRODUCTION');
  });

  it('prints usage with --help and exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: worksection-emulator');
  });

  it('exits 2 with a message for a bad argument', async () => {
    const bad = await run(['--port', 'eighty']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--port must be a number');
    const unknown = await run(['--bogus']);
    expect(unknown.code).toBe(2);
  });
});

describe('parseCliArgs', () => {
  it('defaults to port 4000 on 127.0.0.1 with the interactive pages', () => {
    expect(parseCliArgs([]).options).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      autoApprove: false,
      strictHttps: false,
      refreshAccountUrl: false,
    });
  });

  it('keeps the colons of the redirect URI in --client', () => {
    expect(parseClientSpec('app:sec:https://localhost:8443/cb')).toEqual({
      clientId: 'app',
      clientSecret: 'sec',
      redirectUris: ['https://localhost:8443/cb'],
    });
  });

  it('merges repeated --client flags of one id into several redirect URIs', () => {
    const { extraClients } = parseCliArgs(['--client', 'a:s:https://one.example/cb', '--client', 'a:s:https://two.example/cb']);
    expect(extraClients).toEqual([
      { clientId: 'a', clientSecret: 's', redirectUris: ['https://one.example/cb', 'https://two.example/cb'] },
    ]);
  });

  it('refuses a malformed --client without echoing the secret', () => {
    expect(() => parseClientSpec('app:secretvalue:not-a-url')).toThrow(/id:secret:redirect_uri/);
    expect(() => parseClientSpec('app:secretvalue:not-a-url')).not.toThrow(/secretvalue/);
    expect(() => parseClientSpec('nocolons')).toThrow(/id:secret:redirect_uri/);
  });
});
