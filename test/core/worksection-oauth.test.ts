import { WorksectionOAuth } from '../../src/core/worksection-oauth';

const options = {
  clientID: 'demo-client',
  clientSecret: 'demo-secret',
  callbackURL: 'https://app.example/auth/callback',
  scope: 'projects_read tasks_read',
};

describe('WorksectionOAuth', () => {
  it('builds the authorization URL: code flow, client, callback, comma-joined scopes, state, and PKCE when asked', () => {
    const oauth = new WorksectionOAuth(options);
    const url = new URL(oauth.authorizationURL({ state: 's1', codeChallenge: 'c'.repeat(43) }));
    expect(`${url.origin}${url.pathname}`).toBe('https://worksection.com/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      redirect_uri: 'https://app.example/auth/callback',
      scope: 'projects_read,tasks_read',
      state: 's1',
      code_challenge: 'c'.repeat(43),
      code_challenge_method: 'S256',
      client_id: 'demo-client',
    });
    expect(url.href).not.toContain('demo-secret');
  });

  it('checks per-call scopes like the option, and refuses a call without a state', () => {
    const oauth = new WorksectionOAuth(options);
    expect(new URL(oauth.authorizationURL({ state: 's', scope: ['users_read'] })).searchParams.get('scope')).toBe('users_read');
    expect(() => oauth.authorizationURL({ state: 's', scope: ['users:read'] })).toThrow(/Unknown Worksection scope/);
    expect(() => oauth.authorizationURL({ state: '' })).toThrow(
      expect.objectContaining({ code: 'WORKSECTION_INVALID_ARGUMENT', argument: 'state' }) as Error,
    );
  });

  it('starts a sign-in with a state cookie and no-store, and with pkce a S256 challenge', () => {
    const plain = new WorksectionOAuth(options).startSignIn();
    expect(plain.headers.get('cache-control')).toBe('no-store');
    expect(plain.headers.getSetCookie()).toHaveLength(1);
    expect(new URL(plain.url).searchParams.has('code_challenge')).toBe(false);
    const pkce = new WorksectionOAuth({ ...options, pkce: true }).startSignIn();
    expect(new URL(pkce.url).searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
  });

  it('needs an absolute callbackURL to start or finish a sign-in', async () => {
    const relative = new WorksectionOAuth({ ...options, callbackURL: '/auth/callback' });
    expect(() => relative.startSignIn()).toThrow(expect.objectContaining({ option: 'callbackURL' }) as Error);
    await expect(relative.finishSignIn(new Request('https://app.example/auth/callback?code=x&state=y'))).rejects.toMatchObject({
      option: 'callbackURL',
    });
  });

  it('refuses an empty code or refresh token with an argument error, before any request', async () => {
    const oauth = new WorksectionOAuth(options);
    await expect(oauth.exchangeCode('')).rejects.toMatchObject({ argument: 'code' });
    await expect(oauth.refresh('')).rejects.toMatchObject({ argument: 'refreshToken' });
  });
});
