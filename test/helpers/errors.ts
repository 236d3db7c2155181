import { types } from 'node:util';

/**
 * `expect.objectContaining(props)` for `toThrow()`: Jest matches the thrown error against the asymmetric matcher,
 * but @types/jest types that matcher `any` and toThrow()'s argument as an Error, so the cast lives here, once.
 */
export function errorContaining(props: Record<string, unknown>): Error {
  return expect.objectContaining(props) as Error;
}

/**
 * `err` for a promise's `reject`: an Error as it is (what stores and callbacks give), anything else as the cause of
 * one. `isNativeError`, not `instanceof Error`: under Jest, an error from a native module (better-sqlite3) comes from
 * another realm.
 */
export function asError(err: unknown): Error {
  return types.isNativeError(err) ? err : new Error('rejected with a value that is not an Error', { cause: err });
}
