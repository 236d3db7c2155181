import { DEMO_DATA } from '../../directory/demo';
import type { Directory } from '../../directory/directory';
import { AccountStore } from './account-store';
import type { EventRecord } from './records';
import { seedAccountState } from './seed';

/** What {@link AccountStores.toJSON} produces: every account that has been used, by id. */
export interface AccountStoresJSON {
  version: 1;
  accounts: Array<[string, unknown]>;
}

/**
 * The in-memory data of every emulated account, created from the demo data (or empty) the first time an account
 * is used. The emulator context holds one as `accountStores`; `toJSON()` / `AccountStores.fromJSON()` save and
 * restore all of it (file bytes included, base64).
 */
export class AccountStores {
  private readonly stores = new Map<string, AccountStore>();

  /**
   * @param onUse called each time an account's store is handed out: an account API call may then change its data (the
   *   stores have no change events of their own), so whoever saves the emulator's state saves again.
   */
  constructor(
    private readonly directory: Directory,
    private readonly now: () => number,
    private readonly onUse: () => void = () => undefined,
    /** Called with every event an account records (the emulator's webhooks deliver them). */
    private readonly onEvent: (accountId: string, store: AccountStore, event: EventRecord) => void = () => undefined,
  ) {}

  /** The store of an account, seeded on first use. Throws for an account the emulator does not know. */
  get(accountId: string): AccountStore {
    this.onUse();
    let store = this.stores.get(accountId);
    if (!store) {
      const account = this.directory.account(accountId);
      if (!account) throw new RangeError(`The emulator has no account "${accountId}"`);
      const demo = Object.hasOwn(DEMO_DATA, accountId) ? DEMO_DATA[accountId] : undefined;
      store = new AccountStore(seedAccountState(account, this.directory.members(accountId), demo, this.now()));
      this.stores.set(accountId, store);
    }
    // Restored stores get it here too: every way to a store's data goes through get().
    if (!store.onEvent) {
      const listened = store;
      store.onEvent = (event) => this.onEvent(accountId, listened, event);
    }
    return store;
  }

  /** Every account used so far, as plain data. */
  toJSON(): AccountStoresJSON {
    return { version: 1, accounts: [...this.stores].map(([id, store]) => [id, store.toJSON()]) };
  }

  /**
   * Restores what {@link AccountStores.toJSON} saved. Accounts the directory no longer knows are dropped; accounts
   * not in `json` are seeded afresh on first use.
   */
  static fromJSON(
    json: unknown,
    directory: Directory,
    now: () => number,
    onUse?: () => void,
    onEvent?: (accountId: string, store: AccountStore, event: EventRecord) => void,
  ): AccountStores {
    const saved = json as Partial<AccountStoresJSON> | null;
    if (typeof saved !== 'object' || saved === null || saved.version !== 1 || !Array.isArray(saved.accounts))
      throw new TypeError('AccountStores.fromJSON: expected {version: 1, accounts: [...]}');
    const stores = new AccountStores(directory, now, onUse, onEvent);
    for (const entry of saved.accounts as unknown[]) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string')
        throw new TypeError('AccountStores.fromJSON: each account must be [id, data]');
      if (directory.account(entry[0])) stores.stores.set(entry[0], AccountStore.fromJSON(entry[1]));
    }
    return stores;
  }
}
