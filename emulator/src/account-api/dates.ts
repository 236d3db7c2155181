import { fieldInvalid } from './api-refusals';

const DAY_PARAM = /^(\d{2})\.(\d{2})\.(\d{4})$/;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A `DD.MM.YYYY` parameter (Worksection's date format for every date it takes) as the `YYYY-MM-DD` day the
 * emulator stores; anything else, 31.02 included, is refused naming the field.
 */
export function parseDayParam(field: string, value: string): string {
  const match = DAY_PARAM.exec(value.trim());
  const [day, month, year] = [Number(match?.[1]), Number(match?.[2]), Number(match?.[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (!match || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw fieldInvalid(field, `"${value.slice(0, 40)}" is not a DD.MM.YYYY date`);
  }
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** A stored day (`YYYY-MM-DD`) as Worksection puts it in answers: unchanged. */
export function dayOf(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** A moment as Worksection's answers show creation and closing times: `YYYY-MM-DD HH:MM` (UTC in the emulator). */
export function dateTimeOf(ms: number): string {
  const d = new Date(ms);
  return `${dayOf(ms)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** A seed time written `YYYY-MM-DD HH:MM` (UTC) as epoch milliseconds. */
export function seedTime(text: string): number {
  const ms = Date.parse(`${text.replace(' ', 'T')}:00Z`);
  if (Number.isNaN(ms)) throw new TypeError(`Emulator seed: "${text}" is not YYYY-MM-DD HH:MM`);
  return ms;
}

/** Minutes as Worksection shows time costs: `H:MM`. */
export function formatMinutes(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${pad(minutes % 60)}`;
}

/** Money as Worksection shows it: two decimals. */
export function formatMoney(money: number): string {
  return money.toFixed(2);
}

/**
 * A time cost as `add_costs` / `update_costs` take it: `H:MM`, or hours with a decimal point or comma (`1.5`,
 * `1,5`), the forms documented at https://worksection.com/en/faq/api/api-costs/1667.html ("0.15 / 0,15 / 0:09").
 * Bounded to 10,000 hours so absurd numbers are refused, not stored.
 */
export function parseTimeParam(field: string, value: string): number {
  const text = value.trim();
  const clock = /^(\d{1,5}):([0-5]\d)$/.exec(text);
  const minutes = clock
    ? Number(clock[1]) * 60 + Number(clock[2])
    : /^\d{1,5}([.,]\d{1,4})?$/.test(text)
      ? Math.round(Number(text.replace(',', '.')) * 60)
      : NaN;
  if (!Number.isFinite(minutes) || minutes > 600_000) throw fieldInvalid(field, `"${text.slice(0, 40)}" is not H:MM or decimal hours`);
  return minutes;
}
