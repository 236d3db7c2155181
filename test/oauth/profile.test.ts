import { readFileSync } from 'node:fs';
import path from 'node:path';
import { INVALID_RESPONSE } from '../../src/errors/codes';
import { WorksectionResponseError } from '../../src/errors/response-error';
import { parseProfile } from '../../src/oauth/profile';

function fixture(name: string): { raw: string; json: unknown } {
  const raw = readFileSync(path.join(__dirname, '..', 'fixtures', `resource-${name}.json`), 'utf8');
  return { raw, json: JSON.parse(raw) };
}

describe('parseProfile', () => {
  it("maps Worksection's captured /oauth2/resource body to a Passport profile", () => {
    const { raw, json } = fixture('success');
    expect(parseProfile(json, raw)).toEqual({
      provider: 'worksection',
      id: '3993',
      displayName: 'Henry Gardner',
      name: { givenName: 'Henry', familyName: 'Gardner' },
      emails: [{ value: 'henry.gardner@ws.com' }],
      accountUrl: 'https://acc1234.worksection.com',
      _raw: raw,
      _json: json,
    });
  });

  it('lowercases the email and keeps the original letter case in _json', () => {
    const { json } = fixture('mixed-case-email');
    const profile = parseProfile(json);
    expect(profile.emails).toEqual([{ value: 'henry.gardner@ws.com' }]);
    expect(profile._json.email).toBe('Henry.Gardner@WS.com');
  });

  it('falls back to the id for displayName and gives no emails when names and email are missing', () => {
    const profile = parseProfile(fixture('names-missing').json);
    expect(profile).toMatchObject({ id: '4001', displayName: '4001', name: { givenName: '', familyName: '' }, emails: [] });
  });

  it('defaults _raw to the JSON text of the body', () => {
    const json = { id: '7', email: 'a@b.c' };
    expect(parseProfile(json)._raw).toBe(JSON.stringify(json));
  });

  it.each(['numeric-id', 'missing-id', 'empty-id', 'wrong-types', 'array', 'not-authorized'])(
    'refuses the %s body: an error, not a user',
    (name) => {
      expect(() => parseProfile(fixture(name).json)).toThrow(WorksectionResponseError);
      try {
        parseProfile(fixture(name).json);
      } catch (err) {
        expect(err).toMatchObject({ code: INVALID_RESPONSE });
      }
    },
  );

  it('refuses null and non-objects', () => {
    for (const value of [null, 'x', 42, undefined]) expect(() => parseProfile(value)).toThrow(/is not a JSON object/);
  });
});
