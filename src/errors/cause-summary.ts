import { WorksectionError } from './worksection-error';

/**
 * @internal
 * What an error of ours keeps as `cause` of a low-level failure: a fresh `Error` whose message is the errno code
 * (e.g. `ECONNRESET`) or the error's name, with that code as `code`. Never the failure itself: a custom fetch's or
 * refresher's error may carry the request (URL, headers, body), and `util.inspect` prints a `cause` in full.
 * Our own errors are secret-free and are kept as they are.
 */
export function summarizeCause(err: unknown): Error {
  if (err instanceof WorksectionError) return err;
  const summary = new Error(describe(err));
  if (/^[A-Z0-9_]+$/.test(summary.message)) (summary as Error & { code: string }).code = summary.message;
  return summary;
}

function describe(err: unknown): string {
  // Duck-typed: errors from Node's fetch may come from another realm (e.g. under Jest), failing instanceof.
  let current: unknown = err;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  const name = (err as { name?: unknown } | null)?.name;
  return typeof name === 'string' && /^\w{1,40}$/.test(name) ? name : 'unknown error';
}
