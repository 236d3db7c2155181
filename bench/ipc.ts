import { fork, type ChildProcess } from 'node:child_process';

type Handlers = Record<string, (...args: never[]) => unknown>;

interface Call {
  id: number;
  method: string;
  args: unknown[];
}

interface Reply {
  id: number;
  result?: unknown;
  error?: string;
}

/** In a child process: answers the parent's calls with `handlers`. */
export function serve(handlers: Handlers): void {
  process.on('message', (msg: Call) => {
    if (msg.method === 'exit') return void setImmediate(() => process.exit(0));
    Promise.resolve()
      .then(() => (handlers[msg.method] as (...args: unknown[]) => unknown)(...msg.args))
      .then(
        (result) => process.send?.({ id: msg.id, result } satisfies Reply),
        (err: unknown) =>
          process.send?.({ id: msg.id, error: (err instanceof Error ? err.stack : undefined) ?? String(err) } satisfies Reply),
      );
  });
}

/** A child process whose handlers the parent calls like async functions. */
export class Child {
  private readonly proc: ChildProcess;
  private next = 0;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  constructor(script: string, args: string[] = [], execArgv: string[] = []) {
    this.proc = fork(script, args, { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.proc.on('message', (reply: Reply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.error !== undefined) p.reject(new Error(reply.error));
      else p.resolve(reply.result);
    });
    this.proc.on('exit', (code, signal) => {
      for (const p of this.pending.values()) p.reject(new Error(`${script} exited (${code ?? signal})`));
      this.pending.clear();
    });
  }

  call<T>(method: string, ...args: unknown[]): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve, reject });
      this.proc.send({ id, method, args } satisfies Call);
    });
  }

  /** Asks the child to exit on its own (so that exit-time output such as a CPU profile gets written), then kills it. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    this.proc.send({ id: -1, method: 'exit', args: [] } satisfies Call);
    const timer = setTimeout(() => this.proc.kill(), graceMs);
    await exited;
    clearTimeout(timer);
  }
}
