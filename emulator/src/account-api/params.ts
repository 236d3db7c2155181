import { emailInvalid, fieldInvalid, fieldRequired } from './api-refusals';
import { parseDayParam } from './dates';

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@.]{1,63}$/;

/**
 * The parameters of one account-API call: query-string values (strings) and JSON-body values (any JSON). Kept
 * in a Map, so keys such as `__proto__` are ordinary names that no action asks for.
 */
export class Params {
  constructor(private readonly values: ReadonlyMap<string, unknown>) {}

  /** The parameter's raw value (a string from the query string, any JSON value from a body). */
  raw(name: string): unknown {
    return this.values.get(name);
  }

  /** The names of all parameters, in arrival order. */
  names(): string[] {
    return [...this.values.keys()];
  }

  /** A scalar parameter as text; `undefined` when absent, empty or not a scalar. */
  text(name: string): string | undefined {
    const value = this.values.get(name);
    if (typeof value === 'string') return value === '' ? undefined : value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return undefined;
  }

  /** A scalar parameter that must be there: Worksection's code 10 names the missing field otherwise. */
  required(name: string): string {
    const value = this.text(name);
    if (value === undefined || value.trim() === '') throw fieldRequired(name);
    return value;
  }

  /** A list: a JSON array of scalars or a comma-separated string (how Worksection takes `members`, `plus`, …). */
  list(name: string): string[] {
    const value = this.values.get(name);
    const items = Array.isArray(value) ? value : typeof value === 'string' || typeof value === 'number' ? String(value).split(',') : [];
    return items
      .filter((item): item is string | number => typeof item === 'string' || typeof item === 'number')
      .map((item) => String(item).trim())
      .filter((item) => item !== '');
  }

  /** `1` / `true` → true; absent → `fallback`. */
  flag(name: string, fallback = false): boolean {
    const value = this.text(name);
    return value === undefined ? fallback : value === '1' || value.toLowerCase() === 'true';
  }

  /** An integer within `[min, max]`; absent → undefined. */
  int(name: string, min: number, max: number): number | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    const n = /^-?\d{1,15}$/.test(value.trim()) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) throw fieldInvalid(name, `an integer from ${min} to ${max} expected`);
    return n;
  }

  /** A `DD.MM.YYYY` date as `YYYY-MM-DD`; absent → undefined. */
  day(name: string): string | undefined {
    const value = this.text(name);
    return value === undefined ? undefined : parseDayParam(name, value);
  }

  /** An email address (syntax only); absent → undefined; malformed → Worksection's code 11. */
  email(name: string): string | undefined {
    const value = this.text(name)?.trim();
    if (value === undefined) return undefined;
    if (!EMAIL.test(value)) throw emailInvalid(value.slice(0, 100));
    return value;
  }
}
