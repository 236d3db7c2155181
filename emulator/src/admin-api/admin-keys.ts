import { randomBytes } from 'node:crypto';
import type { Directory } from '../directory/directory';

/**
 * A key as the emulator makes one: 32 lowercase hex digits. Worksection does not publish the form of its keys
 * (inferred); the signature treats a key as opaque bytes, so any form works.
 */
function newKey(): string {
  return randomBytes(16).toString('hex');
}

/** Whether `key` can be an admin API key: a non-empty string without whitespace (the official clients send it as is). */
export function isAdminApiKey(key: unknown): key is string {
  return typeof key === 'string' && key !== '' && !/\s/.test(key);
}

/**
 * The admin API key of every account (Account → Security → Admin API → Show API key in Worksection:
 * https://worksection.com/en/faq/api-start.html). Each account's key is the one its options give
 * (`accounts[].adminApiKey`), else the one a saved state carries, else a new random one: an emulator started
 * without either has keys nobody else knows.
 */
export class AdminKeys {
  // A Map, not an object: an account id may be "__proto__" (letters and underscores are allowed).
  private readonly keys = new Map<string, string>();

  constructor(directory: Directory, saved: ReadonlyMap<string, string> = new Map()) {
    for (const account of directory.accounts) {
      this.keys.set(account.id, account.adminApiKey ?? saved.get(account.id) ?? newKey());
    }
  }

  /** The key of an account, or undefined for an account the emulator does not know. */
  get(accountId: string): string | undefined {
    return this.keys.get(accountId);
  }

  /** Every account's key, by account id: what the saved state keeps. */
  toJSON(): Record<string, string> {
    // Object.fromEntries defines own properties, so an account "__proto__" stays a plain entry.
    return Object.fromEntries(this.keys);
  }
}
