import { randomBytes } from 'node:crypto';
import { createEmulator, DEMO_ACCOUNTS, DEMO_USERS, type Emulator } from 'passport-worksection/emulator';

/** The emulator started in-process when no Worksection credentials are configured, and the client it knows. */
export interface DevEmulator {
  emulator: Emulator;
  clientID: string;
  clientSecret: string;
  /** The emulator's origin: the strategy's `baseURL`. */
  baseURL: string;
  /** One line per demo user, for the console and the start page. */
  demoUsers: string[];
}

/**
 * Starts the Worksection emulator with its interactive pages (sign-in, account picker, consent) and registers
 * the app as a client whose only redirect URI is `callbackURL`. The client secret is random per start.
 */
export async function startDevEmulator(callbackURL: string, port = 0): Promise<DevEmulator> {
  const clientID = 'example-app';
  const clientSecret = randomBytes(24).toString('base64url');
  const emulator = await createEmulator({
    port,
    clients: [{ clientId: clientID, clientSecret, redirectUris: [callbackURL], name: 'passport-worksection example app' }],
    users: DEMO_USERS,
    accounts: DEMO_ACCOUNTS,
  });
  const demoUsers = emulator.users.map((user) => {
    const accounts = user.accountIds.map((id) => emulator.accounts.find((a) => a.id === id)?.name ?? id).join(', ');
    return `${user.firstName} ${user.lastName} <${user.email}> (password "${user.password}"; ${accounts})`;
  });
  return { emulator, clientID, clientSecret, baseURL: emulator.url, demoUsers };
}
