import { INVALID_RESPONSE, UNEXPECTED_STATUS } from '../errors/codes';
import { WorksectionResponseError } from '../errors/response-error';
import type { JsonAnswer } from '../http/answer';
import { clip } from '../shared/clip';
import { isRecord } from '../shared/is-record';
import { redact } from '../shared/redact';
import { apiRefusal } from './api-refusal';
import { rateLimitRefusal } from './rate-limit';

/**
 * @internal
 * Reads the account API's envelope: `{"status":"ok","data":…}` resolves to `data` (without `data`: the envelope's
 * other fields), `{"status":"error",
 * "status_code","message","message_details"}` throws a {@link WorksectionApiError}. Worksection sends both with
 * HTTP 200 (401 for a refused token); a 5xx, or anything else, is a {@link WorksectionResponseError}. A refusal for
 * request frequency (HTTP 429, or an error about it) is a {@link WorksectionRateLimitError}.
 * `me`'s data is an object live but a one-element array in Worksection's docs: both resolve to the object.
 * `update_users_schedule` resolves to the envelope's fields besides `status` (`data` and its `message`).
 * `secrets` (the tokens) are blanked out of Worksection's words in case a server echoes them.
 */
export function readEnvelope(answer: JsonAnswer, action: string, label: string, secrets: string[]): unknown {
  const { status, contentType, body } = answer;
  const limited = rateLimitRefusal(answer, label, secrets);
  if (limited !== undefined) throw limited;
  if (status >= 500) {
    throw new WorksectionResponseError(
      `${label} answered HTTP ${status}: Worksection is having trouble. Try again later.`,
      UNEXPECTED_STATUS,
      { status, contentType },
    );
  }
  if (isRecord(body) && body.status === 'ok') {
    // Some writes answer `{"status":"ok","id":…}` (add_costs) or `{"status":"ok"}` without `data`: their data is the
    // rest of the envelope, as Worksection's official clients read it.
    if (!Object.hasOwn(body, 'data')) return withoutStatus(body);
    // `update_users_schedule` says what it did in `message` beside an empty `data` ("Days added: 2, days updated:
    // 1", https://worksection.com/en/faq/api/api-user/1926.html): its result keeps both.
    if (action === 'update_users_schedule') return withoutStatus(body);
    const data = body.data;
    return action === 'me' && Array.isArray(data) && data.length === 1 ? data[0] : data;
  }
  if (isRecord(body) && body.status === 'error') {
    const statusCode = readStatusCode(body.status_code) ?? status;
    const said = providerText(body.message, secrets);
    const message = said !== '' ? said : `Worksection's account API refused "${action}" (status_code ${statusCode}).`;
    const details = providerText(body.message_details, secrets);
    throw apiRefusal(action, statusCode, message, details, status);
  }
  const ok = status >= 200 && status < 300;
  throw new WorksectionResponseError(
    ok
      ? `${label} answered HTTP ${status} with JSON that is not the account API's {"status":…} envelope. Check the accountUrl option.`
      : `${label} answered HTTP ${status} without the account API's {"status":…} envelope: Worksection or a proxy is having trouble. Try again later.`,
    ok ? INVALID_RESPONSE : UNEXPECTED_STATUS,
    { status, contentType },
  );
}

/** The envelope's fields besides `status`, in a null-prototype object: a `__proto__` key stays a plain field. */
function withoutStatus(body: Record<string, unknown>): Record<string, unknown> {
  const rest: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(body)) if (key !== 'status') rest[key] = value;
  return rest;
}

/**
 * Worksection's `status_code` when it is a code: an integer from 0 to 9999, as a number or as digits (its docs show
 * both). Anything else (an object, a list, 1e999, "NaN", "12abc") is no code; the caller falls back to the HTTP
 * status. Only numbers and strings are converted: `Number()` of a null-prototype object throws a TypeError.
 */
function readStatusCode(value: unknown): number | undefined {
  const code = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d{1,4}\s*$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(code) && code >= 0 && code <= 9999 ? code : undefined;
}

/**
 * Worksection's words for a message: a string (a number as its digits), secrets blanked, one line of at most 500
 * characters; `''` for any other shape. Cut to 4096 characters before the search for secrets, which a megabyte of
 * text would otherwise make slow; the redaction also catches a secret cut short at that edge.
 */
function providerText(value: unknown, secrets: readonly string[]): string {
  const text = typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
  return text === '' ? '' : clip(redact(text.slice(0, 4096), secrets), 500);
}
