import { toSessionUser } from '../../example-app/session-user';

function jwt(claims: object): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ typ: 'JWT', alg: 'RS256' })}.${part(claims)}.signature`;
}

const profile = {
  id: '3993',
  displayName: 'Henry Gardner',
  emails: [{ value: 'henry.gardner@ws.com' }],
  accountUrl: 'https://acc1234.worksection.com',
};

describe('toSessionUser', () => {
  test('keeps the key (account URL, id), name, email, expiry and the scopes of the JWT claim', () => {
    const access = jwt({ scopes: ['projects_read', 'tasks_read'] });
    const user = toSessionUser(access, 'def50200r', { account_url: 'https://acc1234.worksection.com', expires_at: 5000 }, profile);
    expect(user).toEqual({
      id: '3993',
      accountUrl: 'https://acc1234.worksection.com',
      displayName: 'Henry Gardner',
      email: 'henry.gardner@ws.com',
      scopes: ['projects_read', 'tasks_read'],
      expiresAt: 5000,
      tokens: { accessToken: access, refreshToken: 'def50200r' },
    });
  });

  test('falls back to expires_in, the profile account URL and the name parts', () => {
    const user = toSessionUser(
      'opaque',
      'r',
      { expires_in: 86400 },
      { id: '7', name: { givenName: 'Ann', familyName: 'Lee' }, accountUrl: 'https://a.worksection.com' },
      1000,
    );
    expect(user.expiresAt).toBe(1000 + 86_400_000);
    expect(user.accountUrl).toBe('https://a.worksection.com');
    expect(user.displayName).toBe('Ann Lee');
    expect(user.scopes).toBeUndefined();
  });
});
