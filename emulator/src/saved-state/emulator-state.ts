import type { GrantRecords } from '../grants/grant-store';

/** The version of {@link EmulatorState} this emulator writes and reads. */
export const EMULATOR_STATE_VERSION = 1;

/**
 * What a running emulator needs to come back as the same server after a restart (its keys, the grants it issued and
 * the account API's data): `emulator.exportState()`
 * returns it, `createEmulator({ state })` restores it. Plain JSON: save it with `JSON.stringify`.
 *
 * It holds the emulator's private keys, so anyone who reads it can mint tokens the emulator accepts: keep it
 * where only you can read it (the example app writes it with mode 0600). Sign-ins in progress on the emulator's
 * pages, faults, counters and the clock's offset are not kept; clients, users and accounts come from the options.
 */
export interface EmulatorState {
  /** {@link EMULATOR_STATE_VERSION}: a state of another version is refused. */
  version: typeof EMULATOR_STATE_VERSION;
  /** The port it listened on: `createEmulator({ state })` listens there again unless `port` says otherwise. */
  port: number;
  keys: {
    /** PKCS#8 PEM of the RSA key that signs access tokens. */
    signingKey: string;
    /** Base64 of the AES-256 key that seals codes and refresh tokens ("Cannot decrypt the refresh token" without it). */
    sealingKey: string;
    /**
     * Each account's admin API key, by account id. Optional: a state saved before the emulator served the admin API
     * has none, and its accounts get new keys.
     */
    adminApiKeys?: Record<string, string>;
  };
  /** The codes and tokens issued and not yet expired, and which were used or revoked. */
  grants: GrantRecords;
  /**
   * The account API's data (projects, tasks, comments, files, …) of every account used so far, as
   * `emulator.accountStores.toJSON()` gives it; `null` restores the demo data.
   */
  accountApi: unknown;
}
