import http, { type RequestListener } from 'node:http';
import v8 from 'node:v8';
import type { AddressInfo } from 'node:net';
import type { ContenderConfig } from './contenders/config';
import { createCoreApp } from './contenders/core';
import { createLimitApp } from './contenders/limit';
import { createOursApp } from './contenders/ours';
import { createPeerApp } from './contenders/peer';
import { serve } from './ipc';

/** The contender apps, by the name the runner gives them. */
const contenders: Record<string, (config: ContenderConfig) => RequestListener> = {
  ours: createOursApp,
  peer: createPeerApp,
  limit: createLimitApp,
  core: createCoreApp,
};

// The app runs alone in this process so that its CPU time and heap are its own, apart from the load and the emulator.
const name = process.argv[2];
let app: RequestListener | undefined;
const server = http.createServer((req, res) => {
  if (app) app(req, res);
  else res.writeHead(503).end();
});
server.keepAliveTimeout = 30_000;

const gc = (): void => {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with --expose-gc');
  collect();
  collect();
};

serve({
  listen: async (): Promise<number> => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  },
  configure: (config: ContenderConfig): void => {
    const create = name === undefined ? undefined : contenders[name];
    if (!create) throw new Error(`unknown contender ${name}`);
    app = create(config);
  },
  /** CPU time used so far, in microseconds. */
  cpu: (): number => {
    const u = process.cpuUsage();
    return u.user + u.system;
  },
  /** Heap in use after a full collection, in bytes. */
  heap: (): number => {
    gc();
    return process.memoryUsage().heapUsed;
  },
  /** Writes a heap snapshot (after a full collection) to `file`, for finding what a soak's heap growth is. */
  snapshot: (file: string): string => {
    gc();
    return v8.writeHeapSnapshot(file);
  },
  /** What keeps the event loop alive: sockets, timers… (for leak checks after a soak). */
  resources: (): string[] => process.getActiveResourcesInfo(),
});
