import { EMULATOR_STATE_VERSION, type EmulatorState } from './emulator-state';
import type { AccessRecord, CodeRecord, GrantRecords, RefreshRecord } from '../grants/grant-store';
import { SEALING_KEY_BYTES } from '../grants/grant-sealer';
import { isAdminApiKey } from '../admin-api/admin-keys';

type Fields = Record<string, unknown>;

// A saved state is a file someone may have edited by hand: every field is checked, and the result is built from
// the known fields only, so extra keys (`__proto__` among them) go nowhere.
function object(value: unknown, path: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError(`Emulator state: ${path} must be an object`);
  return value as Fields;
}

function field(from: Fields, key: string): unknown {
  return Object.hasOwn(from, key) ? from[key] : undefined;
}

function string(from: Fields, key: string, path: string): string {
  const value = field(from, key);
  if (typeof value !== 'string' || value === '') throw new TypeError(`Emulator state: ${path}.${key} must be a non-empty string`);
  return value;
}

function integer(from: Fields, key: string, path: string, max = Number.MAX_SAFE_INTEGER): number {
  const value = field(from, key);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new TypeError(`Emulator state: ${path}.${key} must be a whole number from 0 to ${max}`);
  }
  return value;
}

function boolean(from: Fields, key: string, path: string): boolean {
  const value = field(from, key);
  if (typeof value !== 'boolean') throw new TypeError(`Emulator state: ${path}.${key} must be true or false`);
  return value;
}

function list<T>(from: Fields, key: string, path: string, each: (item: Fields, at: string) => T): T[] {
  const value = field(from, key);
  if (!Array.isArray(value)) throw new TypeError(`Emulator state: ${path}.${key} must be an array`);
  return value.map((item, i) => each(object(item, `${path}.${key}[${i}]`), `${path}.${key}[${i}]`));
}

function holder(from: Fields, at: string) {
  return {
    clientId: string(from, 'clientId', at),
    userId: string(from, 'userId', at),
    accountId: string(from, 'accountId', at),
    expireTime: integer(from, 'expireTime', at),
    revoked: boolean(from, 'revoked', at),
  };
}

function code(from: Fields, at: string): CodeRecord {
  const record: CodeRecord = { id: string(from, 'id', at), ...holder(from, at) };
  const issued = field(from, 'issued');
  if (issued !== undefined) {
    const i = object(issued, `${at}.issued`);
    record.issued = { jti: string(i, 'jti', `${at}.issued`), refreshTokenId: string(i, 'refreshTokenId', `${at}.issued`) };
  }
  return record;
}

function refresh(from: Fields, at: string): RefreshRecord {
  return { id: string(from, 'id', at), ...holder(from, at) };
}

function access(from: Fields, at: string): AccessRecord {
  const scopes = field(from, 'scopes');
  if (!Array.isArray(scopes) || !scopes.every((s): s is string => typeof s === 'string')) {
    throw new TypeError(`Emulator state: ${at}.scopes must be an array of strings`);
  }
  return { jti: string(from, 'jti', at), ...holder(from, at), scopes: [...scopes] };
}

/** `{ [name]: value }` when there is a value, `{}` otherwise: an absent optional field stays absent. */
function optional<K extends string, V>(name: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [name]: value } as Record<K, V>);
}

function sealingKey(from: Fields): string {
  const value = string(from, 'sealingKey', 'keys');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || Buffer.from(value, 'base64').length !== SEALING_KEY_BYTES) {
    throw new TypeError(`Emulator state: keys.sealingKey must be ${SEALING_KEY_BYTES} bytes in base64`);
  }
  return value;
}

function adminApiKeys(keys: Fields): Record<string, string> | undefined {
  const value = field(keys, 'adminApiKeys');
  if (value === undefined) return undefined;
  const entries = Object.entries(object(value, 'keys.adminApiKeys'));
  // Named by account id only: the key's value is a secret, and this message may be logged.
  const bad = entries.find(([, key]) => !isAdminApiKey(key));
  if (bad) throw new TypeError(`Emulator state: keys.adminApiKeys.${bad[0]} must be a non-empty string without whitespace`);
  // Object.fromEntries defines own properties: an account id "__proto__" stays an entry, not a prototype.
  return Object.fromEntries(entries as Array<[string, string]>);
}

/**
 * Checks a value read back from a saved {@link EmulatorState} (e.g. `JSON.parse` of a file) and returns a clean
 * copy. Throws a `TypeError` naming the first field that is wrong; the keys themselves are checked when the
 * emulator loads them.
 */
export function parseEmulatorState(value: unknown): EmulatorState {
  const state = object(value, 'the state');
  const version = field(state, 'version');
  if (version !== EMULATOR_STATE_VERSION) {
    throw new TypeError(
      `Emulator state: version ${JSON.stringify(version)} is not ${EMULATOR_STATE_VERSION}, the version this emulator reads`,
    );
  }
  const keys = object(field(state, 'keys'), 'keys');
  const grants = object(field(state, 'grants'), 'grants');
  const parsedGrants: GrantRecords = {
    codes: list(grants, 'codes', 'grants', code),
    refreshTokens: list(grants, 'refreshTokens', 'grants', refresh),
    accessTokens: list(grants, 'accessTokens', 'grants', access),
  };
  return {
    version: EMULATOR_STATE_VERSION,
    port: integer(state, 'port', 'state', 65_535),
    keys: { signingKey: string(keys, 'signingKey', 'keys'), sealingKey: sealingKey(keys), ...optional('adminApiKeys', adminApiKeys(keys)) },
    grants: parsedGrants,
    accountApi: structuredClone(field(state, 'accountApi') ?? null),
  };
}
