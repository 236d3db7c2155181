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
    const data = body.data;
    return action === 'me' && Array.isArray(data) && data.length === 1 ? data[0] : data;
  }
  if (isRecord(body) && body.status === 'error') {
    const statusCode = typeof body.status_code === 'number' ? body.status_code : Number(body.status_code) || status;
    const message =
      typeof body.message === 'string' && body.message !== ''
        ? clip(redact(body.message, secrets), 500)
        : `Worksection's account API refused "${action}" (status_code ${statusCode}).`;
    const details = typeof body.message_details === 'string' ? clip(redact(body.message_details, secrets), 500) : '';
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
