import { resolve } from 'node:path';
import type { Server } from 'node:http';
import { createApp } from './app';
import { ConfigError, isStrongSecret, loadConfig } from './config';
import { loadOrCreateDevSecret } from './dev-secret';
import { startDevEmulator, type DevEmulator } from './dev-emulator';

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

  let dev: DevEmulator | undefined;
  let worksection: { clientID: string; clientSecret: string; callbackURL: string; baseURL?: string };
  if (config.worksection.kind === 'emulator') {
    dev = await startDevEmulator(config.worksection.callbackURL);
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
    sessionSecret,
    trustProxy: config.trustProxy,
    production: config.production,
    sessionTtlMs: config.sessionTtlMs,
    ...(dev ? { emulatorNote: 'Demo users sign in with the password "demo".' } : {}),
  });
  const server = example.app.listen(config.port);
  const stop = async (): Promise<void> => {
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
    await example.close();
    await dev?.emulator.close();
  };
  try {
    await new Promise<void>((resolveListen, rejectListen) => {
      server.once('listening', resolveListen);
      server.once('error', rejectListen);
    });
  } catch (err) {
    await example.close();
    await dev?.emulator.close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new ConfigError(`PORT ${config.port} is in use: set PORT to a free port.`);
    }
    throw err;
  }

  const url = `${new URL(worksection.callbackURL).origin}/`;
  const lines = ['', `passport-worksection example app: open ${url}`];
  lines.push(`  sessions: ${sessions.kind === 'sqlite' ? `SQLite (${sessions.file})` : 'Redis'}`);
  if (dev) {
    lines.push(`  signing in against the built-in Worksection emulator at ${dev.baseURL}`, '  demo users:');
    for (const user of dev.demoUsers) lines.push(`    ${user}`);
  } else {
    lines.push(`  signing in against ${worksection.baseURL ?? 'https://worksection.com'}`);
  }
  if (config.sessionSecret !== undefined && !isStrongSecret(config.sessionSecret)) {
    lines.push('  warning: SESSION_SECRET is weak; it will be refused in production (use `openssl rand -hex 32`)');
  }
  print(lines.join('\n'));
  return { url, server, close: stop };
}

if (require.main === module) {
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
      const prefix = err instanceof ConfigError ? 'Configuration error' : 'The example app could not start';
      console.error(`${prefix}: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    },
  );
}
