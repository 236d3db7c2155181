import { WorksectionApiError, WorksectionError, WorksectionRateLimitError, WorksectionResponseError } from '../../src';
import { readEnvelope } from '../../src/client/envelope';
import { parseJson } from '../../src/shared/safe-json';
import { clientOf, strategyOf } from '../helpers/client-setup';
import { json, startHostileServer, type HostileServer } from '../helpers/hostile-server';

// Whatever shape an account-API answer has, the client ends in a value or in one of its typed errors, never in a
// TypeError: a hostile or broken server must not turn into a 500 in the app. The bodies come from a seeded
// generator, so a failure names a body that fails again on the next run.

const TOKEN = 'access-token-0123456789abcdefghij';
const SECRETS = [TOKEN, 'refresh-token-0123456789abcdefghij'];

/** mulberry32: a small seeded generator, the same bodies on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** JSON texts of hostile values: each parsed as the client parses answers (null prototypes, `__proto__` dropped). */
const HOSTILE_VALUES: readonly string[] = [
  '{}',
  '[{}]',
  '[]',
  '[[[[[]]]]]',
  'null',
  'true',
  '0',
  '-1',
  '0.5',
  '1e308',
  '1e999',
  '-1e999',
  '9007199254740993',
  '403',
  '"403"',
  '" 403 "',
  '"NaN"',
  '"Infinity"',
  '"-0"',
  '"0x1F"',
  '"1e3"',
  '"12abc"',
  '""',
  '"ok"',
  '"error"',
  '"OK"',
  '["error"]',
  '{"toString":1,"valueOf":2}',
  '[{"toString":"x"}]',
  '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
  '[{"__proto__":null}]',
  JSON.stringify('x'.repeat(200_000)),
  JSON.stringify(`Bad\r\nSet-Cookie: x=1\u001b[31m\u202eexe.txt\u200b ${TOKEN}`),
  JSON.stringify('Too many tasks (10000 max)'),
  JSON.stringify('Too many requests'),
  JSON.stringify('scope users_read not granted'),
];
const STATUSES = [200, 200, 200, 401, 403, 404, 429, 500, 503];
const FIELDS = ['status', 'status_code', 'message', 'message_details', 'data', '__proto__', 'id'];

/** One envelope-ish JSON text: `status` most often "ok" or "error", every other field any hostile value. */
function hostileBody(random: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  if (random() < 0.05) return pick(HOSTILE_VALUES);
  const fields: string[] = [];
  for (const field of FIELDS) {
    if (random() < 0.4) continue;
    const value = field === 'status' && random() < 0.7 ? pick(['"ok"', '"error"']) : pick(HOSTILE_VALUES);
    fields.push(`${JSON.stringify(field)}:${value}`);
  }
  return `{${fields.join(',')}}`;
}

/** What reading `body` came to: a value or an error. */
function outcomeOf(read: () => unknown): { value: unknown } | { error: unknown } {
  try {
    return { value: read() };
  } catch (error) {
    return { error };
  }
}

function expectTyped(outcome: { value: unknown } | { error: unknown }, body: string): void {
  if (!('error' in outcome)) return;
  const { error } = outcome;
  const typed =
    error instanceof WorksectionApiError || error instanceof WorksectionResponseError || error instanceof WorksectionRateLimitError;
  if (!typed) throw new Error(`${String(error)} for the body ${body.slice(0, 300)}`);
  const { message } = error;
  expect(message).not.toContain(TOKEN);
  // eslint-disable-next-line no-control-regex -- one line, whatever the server sent
  expect(message).not.toMatch(/[\u0000-\u001f\u007f\u202e\u200b]/);
  expect(message.length).toBeLessThan(1200);
  if (error instanceof WorksectionApiError) {
    expect(Number.isSafeInteger(error.statusCode)).toBe(true);
    expect(typeof error.details).toBe('string');
    expect(error.details.length).toBeLessThanOrEqual(501);
  }
}

describe('an account-API answer of any shape', () => {
  it('ends in a value or a typed error, never a TypeError: 5000 seeded bodies read as the client reads them', () => {
    const random = seeded(20_240_601);
    for (let i = 0; i < 5000; i++) {
      const body = hostileBody(random);
      const status = STATUSES[Math.floor(random() * STATUSES.length)] as number;
      const outcome = outcomeOf(() =>
        readEnvelope(
          { status, contentType: 'application/json', body: parseJson(body), text: body },
          'get_projects',
          'The account API',
          SECRETS,
        ),
      );
      expectTyped(outcome, body);
    }
  });

  it.each([
    ['a status_code that is an object', '{"status":"error","status_code":{},"message":"No"}'],
    ['a status_code that is a list of an object', '{"status":"error","status_code":[{}],"message":"No"}'],
    ['a status_code out of range', '{"status":"error","status_code":1e999}'],
    ['a message that is a list', '{"status":"error","status_code":403,"message":[{}],"message_details":{"a":1}}'],
    ['a status that is an object', '{"status":{},"data":[]}'],
  ])('over real HTTP through the client, %s ends in a typed error', async (_what, body) => {
    let server: HostileServer | undefined;
    try {
      server = await startHostileServer((_req, res) => json(res, body));
      const grant = {
        strategy: strategyOf({ baseURL: server.url }),
        accountUrl: `${server.url}/acc1234`,
        tokens: { accessToken: TOKEN, refreshToken: SECRETS[1] as string, expiresAt: Date.now() + 86_400_000 },
      };
      const error = await clientOf(grant)
        .client.projects.list()
        .then(
          () => undefined,
          (err: unknown) => err,
        );
      expect(error).toBeInstanceOf(WorksectionError);
      if (body.includes('"status":"error"')) {
        expect(error).toBeInstanceOf(WorksectionApiError);
        expect(Number.isSafeInteger((error as WorksectionApiError).statusCode)).toBe(true);
      } else expect(error).toBeInstanceOf(WorksectionResponseError);
    } finally {
      await server?.close();
    }
  });
});
