import { resolve } from 'node:path';
import { createServer, type RequestListener, type Server } from 'node:http';
import { createApp } from './app';
import { isStrongSecret, loadConfig } from './config';
import { loadOrCreateDevSecret } from './dev-secret';
import { startDevEmulator, type DevEmulator } from './dev-emulator';
import { registerDevWebhooks } from './dev-webhooks';
import { randomBytes } from 'node:crypto';
import { ConfigError } from './errors/config-error';

/** A started example app (and its emulator, if any). */
export interface RunningServer {
  /** Where to open the app, e.g. `http://localhost:3000/`. */
  url: string;
  server: Server;
  /** Stops the app, its session store and the emulator. */
  close(): Promise<void>;
}

/**
 * Reads the configuration from `env`, starts the emulator when there are no Worksection credentials, serves the
 * app and prints where to open it (and, with the emulator, the demo users).
 * @throws ConfigError when the configuration is refused; nothing has been started then.
 */
export async function start(env: NodeJS.ProcessEnv, print: (text: string) => void = console.log): Promise<RunningServer> {
  const config = loadConfig(env);
  const sessions = config.sessions.kind === 'sqlite' ? { kind: 'sqlite' as const, file: resolve(config.sessions.file) } : config.sessions;
  // Only outside production with SQLite (loadConfig refuses the rest): a random secret kept beside the database.
  const sessionSecret = config.sessionSecret ?? loadOrCreateDevSecret(`${sessions.kind === 'sqlite' ? sessions.file : ''}-secret`);

  // Whatever has been started, in order: a failure at any later step closes it all, so the process can exit.
  const started: Array<() => Promise<void>> = [];
  const closeStarted = async (): Promise<void> => {
    for (const close of started.splice(0).reverse()) await close().catch(() => undefined);
  };

  let dev: DevEmulator | undefined;
  // With the emulator, the app registers its webhook for every account at start, with a pair made for this run.
  const devWebhooks = { user: 'worksection', pass: randomBytes(24).toString('base64url') };
  let worksection: { clientID: string; clientSecret: string; callbackURL: string; baseURL?: string };
  let server: Server;
  try {
    if (config.worksection.kind === 'emulator') {
      // Beside the session database, like the secret: the sessions it keeps hold tokens only this emulator accepts.
      const stateFile = sessions.kind === 'sqlite' ? `${sessions.file}-emulator-state.json` : undefined;
      const emulator = await startDevEmulator(config.worksection.callbackURL, stateFile === undefined ? {} : { stateFile });
      dev = emulator;
      started.push(() => emulator.close());
      worksection = {
        clientID: dev.clientID,
        clientSecret: dev.clientSecret,
        callbackURL: config.worksection.callbackURL,
        baseURL: dev.baseURL,
      };
    } else {
      const { clientID, clientSecret, callbackURL, baseURL } = config.worksection;
      worksection = { clientID, clientSecret, callbackURL, ...(baseURL !== undefined ? { baseURL } : {}) };
    }

    const example = createApp({
      worksection,
      sessions,
      // Every secret verifies (rotation); the newest signs.
      sessionSecret: config.sessionSecrets ?? sessionSecret,
      trustProxy: config.trustProxy,
      production: config.production,
      sessionTtlMs: config.sessionTtlMs,
      signInLimits: config.signInLimits,
      ...(dev ? { emulatorNote: 'Demo users sign in with the password "demo".' } : {}),
      // A session signed in before the emulator had to move to another port names the old one: it is signed out.
      ...(dev && { isCurrentAccountUrl: isOnEmulator(dev.baseURL) }),
      ...(dev && { webhooks: devWebhooks }),
    });
    started.push(() => example.close());
    await example.ready();

    server = await listen(example.app, config.port);
    const listening = server;
    started.push(async () => {
      listening.closeAllConnections();
      await new Promise<void>((done) => listening.close(() => done()));
    });
    if (dev && example.webhooks)
      registerDevWebhooks(dev.emulator, new URL(worksection.callbackURL).origin, example.webhooks.register, devWebhooks);
  } catch (err) {
    await closeStarted();
    throw err;
  }
  const url = `${new URL(worksection.callbackURL).origin}/`;
  const lines = ['', `passport-worksection example app: open ${url}`];
  lines.push(`  sessions: ${sessions.kind === 'sqlite' ? `SQLite (${sessions.file})` : 'Redis'}`);
  if (dev) {
    lines.push(`  signing in against the built-in Worksection emulator at ${dev.baseURL}`);
    if (dev.portNotice !== undefined) lines.push(`  note: ${dev.portNotice}`);
    lines.push('  demo users:');
    for (const user of dev.demoUsers) lines.push(`    ${user}`);
  } else {
    lines.push(`  signing in against ${worksection.baseURL ?? 'https://worksection.com'}`);
  }
  if (config.sessionSecret !== undefined && !isStrongSecret(config.sessionSecret)) {
    lines.push('  warning: SESSION_SECRET is weak; it will be refused in production (use `openssl rand -hex 32`)');
  }
  print(lines.join('\n'));
  return { url, server, close: closeStarted };
}

/** Whether an account URL is one of the emulator's at `baseURL`. */
function isOnEmulator(baseURL: string): (accountUrl: string) => boolean {
  return (accountUrl) => accountUrl.startsWith(`${baseURL}/`);
}

/** Listens on `port`; a port in use is a {@link ConfigError} naming PORT. */
async function listen(app: RequestListener, port: number): Promise<Server> {
  const server = createServer(app);
  try {
    await new Promise<void>((resolveListen, rejectListen) => {
      server.once('listening', resolveListen);
      server.once('error', rejectListen);
      server.listen(port);
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new ConfigError(`PORT ${port} is in use: set PORT to a free port.`);
    }
    throw err;
  }
  return server;
}

/**
 * Runs the app as `npm start` does: starts it from `process.env`, closes it on Ctrl-C (SIGINT) or SIGTERM, and when
 * it cannot start prints one line and sets exit code 1.
 */
export function main(): void {
  start(process.env).then(
    (running) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.once(signal, () => {
          void running.close().then(() => process.exit(0));
        });
      }
    },
    (err: unknown) => {
      // A ConfigError's message names the variable and never holds a secret; other errors print only their message.
      // start() has closed whatever it had started, so with the exit code set the process ends by itself.
      const prefix = err instanceof ConfigError ? 'Configuration error' : 'The example app could not start';
      const message = err instanceof Error ? err.message : String(err);
      console.error(`${prefix}: ${message.replace(/\s+/g, ' ')}`);
      process.exitCode = 1;
    },
  );
}

// `scripts/start.mjs` (npm start) calls main() itself; `node example-app/dist/server.js` runs it this way.
if (require.main === module) main();
