import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WorksectionOAuth } from '../../src/core/worksection-oauth';
import { INVALID_RESPONSE } from '../../src/errors/codes';
import { WorksectionResponseError } from '../../src/errors/response-error';
import { json, startHostileServer } from '../helpers/hostile-server';

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

  it('refuses a token answer to a code without account_url (Worksection always sends it), in finishSignIn and exchangeCode', async () => {
    const answer = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'token-success.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    delete answer.account_url;
    const server = await startHostileServer((_req, res) => json(res, answer));
    try {
      const oauth = new WorksectionOAuth({ ...options, baseURL: server.url, callbackURL: 'http://127.0.0.1/auth/callback' });
      const started = oauth.startSignIn();
      const state = new URL(started.url).searchParams.get('state')!;
      const cookie = started.headers.getSetCookie()[0]!.split(';')[0]!;
      const callback = new Request(`http://127.0.0.1/auth/callback?code=c0de&state=${state}`, { headers: { cookie } });
      const refused = expect.objectContaining({
        code: INVALID_RESPONSE,
        message: expect.stringMatching(/no account_url/) as string,
      }) as Error;
      await expect(oauth.finishSignIn(callback)).rejects.toEqual(refused);
      await expect(oauth.exchangeCode('c0de')).rejects.toBeInstanceOf(WorksectionResponseError);
      await expect(oauth.exchangeCode('c0de')).rejects.toEqual(refused);
      // One exchange per attempt, and no profile request after a refused one.
      expect(server.requests.map((r) => r.url.split('?')[0])).toEqual(['/oauth2/token', '/oauth2/token', '/oauth2/token']);
    } finally {
      await server.close();
    }
  });
});
