import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulator, type Emulator, type EmulatorOptions } from 'worksection-emulator';
import { createApp, type ExampleApp, type ExampleAppOptions } from '../../../example-app/app';

/** A test secret: long and random-looking, as production demands. */
export const TEST_SESSION_SECRET = 'test-session-secret-0123456789abcdefghijklmnopqrstuvwxyz';
/** The client the test emulator knows the app as. Planted in every test that searches pages and logs. */
export const TEST_CLIENT_SECRET = 'client-secret-MARKER-7f3a9c';

/** A running example app on 127.0.0.1, the emulator it signs in against, and its log lines. */
export interface RunningExample {
  /** `http://127.0.0.1:PORT` (or the `host` asked for): the app's origin as its callback URL names it. */
  url: string;
  server: Server;
  example: ExampleApp;
  emulator: Emulator;
  logs: string[];
  /** The SQLite session file (unless the test chose another store). */
  sessionFile: string;
  close(): Promise<void>;
}

/** Options of {@link startExample}. */
export interface StartExampleOptions {
  emulator?: Emulator;
  emulatorOptions?: EmulatorOptions;
  app?: Partial<ExampleAppOptions>;
  /** Host name in the app's URL and callback URL. Default `127.0.0.1`; the browser test uses `localhost`, as `npm start` does. */
  host?: string;
}

/**
 * Starts an HTTP server on 127.0.0.1 port 0, an emulator (autoApprove unless told otherwise) that knows the app
 * at that port, and the example app on a fresh SQLite file, unless `app.sessions` says otherwise.
 */
export async function startExample(options: StartExampleOptions = {}): Promise<RunningExample> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  const callbackURL = `${url}/auth/worksection/callback`;
  const ownEmulator = options.emulator === undefined;
  const emulator = options.emulator ?? (await createEmulator({ autoApprove: true, clients: [], ...options.emulatorOptions }));
  emulator.addClient({ clientId: `app-${port}`, clientSecret: TEST_CLIENT_SECRET, redirectUris: [callbackURL] });
  const dir = mkdtempSync(join(tmpdir(), 'ws-example-'));
  const logs: string[] = [];
  const example = createApp({
    worksection: { clientID: `app-${port}`, clientSecret: TEST_CLIENT_SECRET, callbackURL, baseURL: emulator.url, timeout: 2000 },
    sessions: { kind: 'sqlite', file: join(dir, 'sessions.sqlite') },
    sessionSecret: TEST_SESSION_SECRET,
    log: (line) => logs.push(line),
    // Tests sign in from one IP many times a minute; the limits have a test of their own (sign-in-limiter.test.ts).
    signInLimits: { perIp: 10_000, global: 10_000, windowMs: 60_000 },
    ...options.app,
  });
  server.on('request', example.app);
  return {
    url,
    server,
    example,
    emulator,
    logs,
    sessionFile: join(dir, 'sessions.sqlite'),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await example.close();
      if (ownEmulator) await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
