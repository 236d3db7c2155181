import { parseRetryAfter, rateLimitRefusal } from '../../src/client/rate-limit';
import { WorksectionRateLimitError } from '../../src';
import type { JsonAnswer } from '../../src/http/answer';

const LABEL = "Worksection's account API (https://acc1234.worksection.com, action get_tasks)";

function answer(status: number, body: unknown, retryAfter?: string): JsonAnswer {
  return { status, contentType: 'application/json', body, text: JSON.stringify(body), ...(retryAfter !== undefined && { retryAfter }) };
}

describe('parseRetryAfter', () => {
  const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');

  it('reads delay-seconds as milliseconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP-date as the milliseconds left until it, never negative', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:27:00 GMT', now)).toBe(0);
  });

  it('ignores an absent or unreadable header', () => {
    for (const value of [undefined, '', 'soon', '1.5', '-3', 'Wed, 99 Foo 2026 GMT']) expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});

describe('rateLimitRefusal', () => {
  it("is an HTTP 429, whatever its body, with Retry-After in milliseconds and Worksection's words", () => {
    const err = rateLimitRefusal(answer(429, { status: 'error', status_code: 429, message: 'Too many requests' }, '2'), LABEL, []);
    expect(err).toBeInstanceOf(WorksectionRateLimitError);
    expect(err).toMatchObject({ code: 'WORKSECTION_RATE_LIMITED', status: 429, retryAfter: 2000, retryable: true });
    expect(err?.message).toMatch(/"Too many requests"/);
    expect(rateLimitRefusal(answer(429, {}), LABEL, [])).toMatchObject({ status: 429 });
    expect(rateLimitRefusal(answer(429, {}), LABEL, [])?.retryAfter).toBeUndefined();
  });

  it('is an error envelope about request frequency, whatever the HTTP status', () => {
    for (const message of ['Too many requests', 'Rate limit exceeded', 'Request frequency exceeded', 'Max 1 request per second']) {
      expect(rateLimitRefusal(answer(200, { status: 'error', status_code: 1, message }), LABEL, [])).toBeInstanceOf(
        WorksectionRateLimitError,
      );
    }
  });

  it('is nothing for other refusals, such as the 10,000-task cap', () => {
    for (const message of ['Too many tasks (10000 max)', 'Field is required', 'Access token is expired']) {
      expect(rateLimitRefusal(answer(200, { status: 'error', status_code: 10, message }), LABEL, [])).toBeUndefined();
    }
    expect(rateLimitRefusal(answer(200, { status: 'ok', data: 'Too many requests' }), LABEL, [])).toBeUndefined();
  });

  it('blanks the tokens out of the words it quotes', () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.secret';
    const err = rateLimitRefusal(answer(429, { status: 'error', message: `Too many requests for ${token}` }), LABEL, [token]);
    expect(err?.message).not.toContain(token);
  });
});
