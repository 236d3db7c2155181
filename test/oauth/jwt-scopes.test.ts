import { readFileSync } from 'node:fs';
import path from 'node:path';
import { scopesFromAccessToken } from '../../src/oauth/jwt-scopes';
import { SCOPES } from '../../src/oauth/scopes';

const jwt = (claims: unknown) => `x.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('scopesFromAccessToken', () => {
  it("reads the scopes claim of Worksection's captured access token", () => {
    const { access_token } = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'token-success.json'), 'utf8')) as {
      access_token: string;
    };
    expect(scopesFromAccessToken(access_token)).toEqual([...SCOPES]);
  });

  it('returns undefined for a token that is not a JWT or has no scopes array', () => {
    expect(scopesFromAccessToken('def50200abc')).toBeUndefined();
    expect(scopesFromAccessToken('a.!!!.c')).toBeUndefined();
    expect(scopesFromAccessToken(jwt({ scopes: 'projects_read' }))).toBeUndefined();
    expect(scopesFromAccessToken(jwt(null))).toBeUndefined();
  });

  it('keeps only the string entries of the claim', () => {
    expect(scopesFromAccessToken(jwt({ scopes: ['tasks_read', 7] }))).toEqual(['tasks_read']);
  });
});
