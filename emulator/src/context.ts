import type { AccountStores } from './account-api/store/account-stores';
import type { AdminKeys } from './admin-api/admin-keys';
import type { Directory } from './directory/directory';
import type { GrantStore } from './grants/grant-store';
import type { SigningKeys } from './grants/access-token-jwt';
import type { PendingAuthorizations } from './authorize/pending';
import type { EmulatorOptions, ManualClock } from './types';
import type { WebhookDispatcher } from './webhooks/webhook-dispatcher';

/** Everything a handler needs about the running emulator. */
export interface EmulatorContext {
  directory: Directory;
  grants: GrantStore;
  pending: PendingAuthorizations;
  clock: ManualClock;
  keys: SigningKeys;
  options: Readonly<EmulatorOptions>;
  /**
   * The data of every account (projects, tasks, comments, files, …) the account API serves. Replace it with
   * `AccountStores.fromJSON(saved, directory, clock.now, onUse)` to restore what `toJSON()` saved.
   */
  accountStores: AccountStores;
  /** The admin API key of every account. */
  adminKeys: AdminKeys;
  /** `${origin}/${accountId}`. */
  // A function property, not a method: `emulator.ts` hands it on as `emu.accountUrl`.
  accountUrl: (accountId: string) => string;
  /** Sends the accounts' events to their webhooks, and keeps what it sent. */
  webhooks: WebhookDispatcher;
}
