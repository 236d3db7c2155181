import type { Directory } from './directory';
import type { GrantStore } from './grants';
import type { SigningKeys } from './jwt';
import type { PendingAuthorizations } from '../authorize/pending';
import type { EmulatorOptions, ManualClock } from '../types';

/** Everything a handler needs about the running emulator. */
export interface EmulatorContext {
  directory: Directory;
  grants: GrantStore;
  pending: PendingAuthorizations;
  clock: ManualClock;
  keys: SigningKeys;
  options: Readonly<EmulatorOptions>;
  /** `${origin}/${accountId}`. */
  // A function property, not a method: `emulator.ts` hands it on as `emu.accountUrl`.
  accountUrl: (accountId: string) => string;
}
