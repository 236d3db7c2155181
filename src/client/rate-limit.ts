import { WorksectionRateLimitError } from '../errors/rate-limit-error';
import type { JsonAnswer } from '../http/answer';
import { clip } from '../shared/clip';
import { isRecord } from '../shared/is-record';
import { redact } from '../shared/redact';

/**
 * Words of an error answer about request frequency. Worksection documents its limit (about one request per second
 * per account) but not how it refuses a breach, so this takes the usual wordings, and HTTP 429 whatever the words.
 * Narrow on purpose: "Too many tasks (10000 max)" is a different refusal.
 */
const FREQUENCY = /too many requests|rate[ -]?limit|requests? (?:frequency|limit)|frequency of requests|requests? per (?:second|minute)/i;

/**
 * @internal
 * The rate-limit error for an account-API answer that is a refusal for request frequency (HTTP 429, or a
 * `{"status":"error"}` envelope about it), with `retryAfter` from its `Retry-After` header; `undefined` for any
 * other answer. `secrets` are blanked out of Worksection's words.
 */
export function rateLimitRefusal(
  answer: JsonAnswer,
  label: string,
  secrets: string[],
  now = Date.now(),
): WorksectionRateLimitError | undefined {
  const { status, body } = answer;
  const words = isRecord(body) && body.status === 'error' && typeof body.message === 'string' ? body.message : undefined;
  if (status !== 429 && !(words !== undefined && FREQUENCY.test(words))) return undefined;
  const retryAfter = parseRetryAfter(answer.retryAfter, now);
  const said = words === undefined || words === '' ? '' : `: "${clip(redact(words.slice(0, 4096), secrets), 200)}"`;
  return new WorksectionRateLimitError(
    `${label} refused the call for too many requests (HTTP ${status}${said}). ` +
      (retryAfter === undefined ? 'Try again later' : `Try again in ${retryAfter} ms`) +
      ', and space calls to this account more (the minInterval option).',
    retryAfter,
    status,
  );
}

/** @internal The rate-limit error for an answer refused before its body was read (e.g. an HTML 429 page). */
export function rateLimitedPage(label: string, status: number): WorksectionRateLimitError {
  return new WorksectionRateLimitError(
    `${label} refused the call for too many requests (HTTP ${status}). Try again later, and space calls to this account more (the minInterval option).`,
    undefined,
    status,
  );
}

/**
 * @internal
 * A `Retry-After` header in milliseconds: delay-seconds (`120`) or an HTTP-date (`Wed, 21 Oct 2026 07:28:00 GMT`,
 * counted from `now`, never negative). `undefined` when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000;
  if (!/GMT$/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
