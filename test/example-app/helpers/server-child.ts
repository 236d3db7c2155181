import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const SERVER = join(__dirname, '..', '..', '..', 'example-app', 'server.ts');
const REGISTER = join(__dirname, 'ts-register-app.cjs');

/** The example app's server running in a child process, as `npm start` runs it (from the sources). */
export interface ServerChild {
  child: ChildProcess;
  /** Everything it printed so far. */
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves with the first match of `pattern` in stdout, once it is printed; rejects if the process ends first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Sends `signal` (default SIGINT, Ctrl-C) and resolves with the exit code once the process has ended. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `example-app/server.ts` with only `env` (and PATH) in its environment. */
export function startServerChild(env: Record<string, string>): ServerChild {
  const child = spawn(process.execPath, ['-r', REGISTER, SERVER], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  const notify = (): void => {
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    notify();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  void exited.then(notify);

  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const match = stdout.match(pattern);
          if (match) done(() => resolve(match));
          else if (child.exitCode !== null || child.signalCode !== null)
            done(() => reject(new Error(`the server exited (${child.exitCode ?? child.signalCode}): ${stdout}${stderr}`)));
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`no ${String(pattern)} within ${timeoutMs} ms: ${stdout}${stderr}`))),
          timeoutMs,
        );
        const done = (settle: () => void): void => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
    async stop(signal = 'SIGINT') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
