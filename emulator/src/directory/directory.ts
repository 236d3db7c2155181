import { isAdminApiKey } from '../admin-api/admin-keys';
import type { EmulatorAccount, EmulatorClient, EmulatorUser } from '../types';

const ACCOUNT_ID = /^[A-Za-z0-9_-]+$/;
// Paths the emulator itself serves on its origin; an account there would shadow them.
const RESERVED_ACCOUNT_IDS = new Set(['oauth2', '__emulator', 'favicon.ico']);

/** The clients, users and accounts an emulator knows, checked for consistency so mistakes fail at start. */
export class Directory {
  /** Registered clients, in registration order (what `emulator.clients` shows). */
  readonly clients: EmulatorClient[] = [];
  readonly users: EmulatorUser[] = [];
  readonly accounts: EmulatorAccount[] = [];

  constructor(clients: EmulatorClient[], users: EmulatorUser[], accounts: EmulatorAccount[]) {
    for (const account of accounts) this.addAccount(account);
    for (const user of users) this.addUser(user);
    for (const client of clients) this.addClient(client);
  }

  /** Adds an account; throws on a bad or duplicate id. */
  addAccount(account: EmulatorAccount): void {
    if (!ACCOUNT_ID.test(account.id) || RESERVED_ACCOUNT_IDS.has(account.id)) {
      throw new TypeError(
        `Emulator account id "${account.id}" must be letters, digits, "-" or "_" (it becomes a path of account_url) and not a reserved path`,
      );
    }
    if (this.account(account.id)) throw new TypeError(`Emulator account id "${account.id}" is used twice`);
    // The key's value is never put in the message: it is a secret, and messages end up in logs.
    if (account.adminApiKey !== undefined && !isAdminApiKey(account.adminApiKey)) {
      throw new TypeError(`Emulator account "${account.id}": adminApiKey must be a non-empty string without whitespace`);
    }
    this.accounts.push({ ...account });
  }

  /** Adds a user; throws on a duplicate id or an account id that does not exist. */
  addUser(user: EmulatorUser): void {
    if (typeof user.id !== 'string' || user.id === '')
      throw new TypeError('Emulator user id must be a non-empty string, as Worksection returns it');
    if (this.user(user.id)) throw new TypeError(`Emulator user id "${user.id}" is used twice`);
    if (user.accountIds.length === 0) throw new TypeError(`Emulator user "${user.id}" must belong to at least one account (accountIds)`);
    for (const id of user.accountIds) {
      if (!this.account(id))
        throw new TypeError(`Emulator user "${user.id}" belongs to account "${id}", which is not in the emulator's accounts`);
    }
    this.users.push({ ...user, accountIds: [...user.accountIds] });
  }

  /** Registers a client; a client with the same id is replaced, as re-saving an app in Worksection would. */
  addClient(client: EmulatorClient): void {
    if (!client.clientId || !client.clientSecret) throw new TypeError('Emulator client needs a clientId and a clientSecret');
    if (!Array.isArray(client.redirectUris) || client.redirectUris.length === 0) {
      throw new TypeError(`Emulator client "${client.clientId}" needs at least one redirect URI in redirectUris`);
    }
    for (const uri of client.redirectUris) {
      if (!URL.canParse(uri))
        throw new TypeError(`Emulator client "${client.clientId}" has a redirect URI that is not an absolute URL: ${uri}`);
    }
    const copy = { ...client, redirectUris: [...client.redirectUris] };
    const index = this.clients.findIndex((c) => c.clientId === client.clientId);
    if (index >= 0) this.clients[index] = copy;
    else this.clients.push(copy);
  }

  /** The client with this id, if registered. */
  client(clientId: string | undefined): EmulatorClient | undefined {
    return clientId === undefined ? undefined : this.clients.find((c) => c.clientId === clientId);
  }

  /** The user with this id, if any. */
  user(userId: string | undefined): EmulatorUser | undefined {
    return userId === undefined ? undefined : this.users.find((u) => u.id === userId);
  }

  /** The account with this id, if any. */
  account(accountId: string | undefined): EmulatorAccount | undefined {
    return accountId === undefined ? undefined : this.accounts.find((a) => a.id === accountId);
  }

  /** The user whose email matches, ignoring letter case as Worksection's sign-in does. */
  userByEmail(email: string): EmulatorUser | undefined {
    const wanted = email.trim().toLowerCase();
    return this.users.find((u) => u.email.toLowerCase() === wanted);
  }

  /** The members of an account, in directory order. */
  members(accountId: string): EmulatorUser[] {
    return this.users.filter((u) => u.accountIds.includes(accountId));
  }
}
