/**
 * `value`, which the emulator's own checks guarantee is there (every account of a user exists, `autoApprove`
 * names a user, a pending sign-in's client stays registered, …). Throws if that guarantee is broken, which would
 * be a bug in the emulator; the server answers such a throw with a 500.
 */
export function known<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Worksection emulator bug: ${what} is missing`);
  return value;
}
