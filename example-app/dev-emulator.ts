import { randomBytes } from 'node:crypto';
import { createEmulator, DEMO_ACCOUNTS, DEMO_USERS, type Emulator, type EmulatorState } from 'worksection-emulator';
import { loadEmulatorState, saveEmulatorState } from './emulator-state-file';
import { EmulatorStateFileError } from './errors/emulator-state-file-error';

/** The emulator started in-process when no Worksection credentials are configured, and the client it knows. */
export interface DevEmulator {
  emulator: Emulator;
  clientID: string;
  clientSecret: string;
  /** The emulator's origin: the strategy's `baseURL`. */
  baseURL: string;
  /** One line per demo user, for the console and the start page. */
  demoUsers: string[];
  /** Set when the saved port was taken and the emulator listens elsewhere: one line saying so. */
  portNotice?: string;
  /** Saves the state one last time (with a state file) and stops the emulator. */
  close(): Promise<void>;
}

/** Options of {@link startDevEmulator}. */
export interface DevEmulatorOptions {
  /**
   * Where the emulator keeps its port, keys and grants between starts, so a signed-in browser stays signed in
   * and its tokens keep working after a restart. Without it every start is a new emulator.
   */
  stateFile?: string;
  /** Where a failed save is reported. Default `console.error`. */
  log?: (line: string) => void;
}

/**
 * Starts the Worksection emulator with its interactive pages (sign-in, account picker, consent) and registers
 * the app as a client whose only redirect URI is `callbackURL`. The client secret is random per start (the
 * tokens a grant issued stay valid: they are bound to the client id). With `stateFile`, the emulator comes back
 * with the state saved there and saves it after every change.
 * @throws EmulatorStateFileError when the state file is unreadable or damaged.
 */
export async function startDevEmulator(callbackURL: string, options: DevEmulatorOptions = {}): Promise<DevEmulator> {
  const { stateFile } = options;
  const log = options.log ?? ((line: string) => console.error(line));
  const clientID = 'example-app';
  const clientSecret = randomBytes(24).toString('base64url');
  const state = stateFile === undefined ? undefined : loadEmulatorState(stateFile);
  const saver = stateFile === undefined ? undefined : new StateSaver(stateFile, log);
  // Unset until started: a change while the emulator restores its state comes before there is one to export.
  const started: { emulator?: Emulator } = {};
  const start = (port?: number): Promise<Emulator> =>
    createEmulator({
      clients: [{ clientId: clientID, clientSecret, redirectUris: [callbackURL], name: 'passport-worksection example app' }],
      users: DEMO_USERS,
      accounts: DEMO_ACCOUNTS,
      ...(state && { state }),
      ...(port !== undefined && { port }),
      onStateChange: () => {
        const running = started.emulator;
        if (running) saver?.save(() => running.exportState());
      },
    });

  let emulator: Emulator;
  let portNotice: string | undefined;
  try {
    emulator = await start();
  } catch (err) {
    if (!state || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') {
      throw err instanceof TypeError && stateFile !== undefined ? new EmulatorStateFileError(stateFile, err.message) : err;
    }
    emulator = await start(0);
    portNotice = `the emulator's port ${state.port} is taken, so it listens on ${emulator.port} now: signed-in browsers sign in again`;
  }
  started.emulator = emulator;
  try {
    // Written at once, not at the first sign-in: the port is then kept even if the process is killed.
    await saver?.saveNow(emulator.exportState());
  } catch (err) {
    await emulator.close();
    throw new EmulatorStateFileError(stateFile ?? '', `cannot write it: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }

  const demoUsers = emulator.users.map((user) => {
    const accounts = user.accountIds.map((id) => emulator.accounts.find((a) => a.id === id)?.name ?? id).join(', ');
    return `${user.firstName} ${user.lastName} <${user.email}> (password "${user.password}"; ${accounts})`;
  });
  return {
    emulator,
    clientID,
    clientSecret,
    baseURL: emulator.url,
    demoUsers,
    ...(portNotice !== undefined && { portNotice }),
    async close() {
      await saver?.saveNow(emulator.exportState()).catch((err: unknown) => log(`emulator state not saved: ${String(err)}`));
      await emulator.close();
    },
  };
}

/**
 * Saves the emulator's state one write at a time, the latest winning (a burst of sign-ins is a few writes, not one
 * each), and skips a state equal to the one it wrote last (the emulator also reports read-only API calls).
 */
class StateSaver {
  private writing: Promise<void> = Promise.resolve();
  private queued = false;
  private lastSaved = '';

  constructor(
    private readonly file: string,
    private readonly log: (line: string) => void,
  ) {}

  /** Saves what `current()` returns once the write in progress (if any) is done. */
  save(current: () => EmulatorState): void {
    if (this.queued) return;
    this.queued = true;
    this.writing = this.writing.then(async () => {
      this.queued = false;
      // A failed save loses nothing yet (the emulator still has it all in memory): say so, and the next change retries.
      await this.write(current()).catch((err: unknown) =>
        this.log(`The emulator state could not be saved to ${this.file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`),
      );
    });
  }

  /** Saves `state` after the writes in progress, and rejects if that fails. */
  saveNow(state: EmulatorState): Promise<void> {
    const done = this.writing.then(() => this.write(state));
    this.writing = done.catch(() => undefined);
    return done;
  }

  private async write(state: EmulatorState): Promise<void> {
    const text = JSON.stringify(state);
    if (text === this.lastSaved) return;
    await saveEmulatorState(this.file, state);
    this.lastSaved = text;
  }
}
