import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmulator, DEMO_CLIENT, type Emulator } from 'worksection-emulator';
import { STATE_MESSAGE, WorksectionOAuth, type WorksectionOAuthOptions } from '../../src';

// A plain node:http app signing in with the framework-free core alone: no Express, no Passport, no session.
let emu: Emulator;
let server: http.Server;
let appUrl: string;
let oauth: WorksectionOAuth;
const errors: unknown[] = [];

/** The request as a Web `Request`, as Next.js, Hono or Fastify adapters hand it over. */
function webRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
  return new Request(new URL(req.url ?? '/', appUrl), { headers });
}

function send(res: ServerResponse, status: number, headers: Headers, body = ''): void {
  res.statusCode = status;
  for (const [name, value] of headers) if (name !== 'set-cookie') res.setHeader(name, value);
  res.setHeader('set-cookie', headers.getSetCookie());
  res.end(body);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', appUrl);
  if (url.pathname === '/auth/worksection') {
    const { url: location, headers } = oauth.startSignIn();
    headers.set('location', location);
    send(res, 302, headers);
    return;
  }
  if (url.pathname === '/auth/worksection/callback') {
    const result = await oauth.finishSignIn(webRequest(req));
    if (!result.ok) {
      send(res, 403, result.headers, result.message);
      return;
    }
    result.headers.set('content-type', 'application/json');
    const { profile, tokens } = result;
    send(
      res,
      200,
      result.headers,
      JSON.stringify({ id: profile.id, accountUrl: tokens.params.account_url, hasRefresh: tokens.refreshToken !== '' }),
    );
    return;
  }
  res.statusCode = 404;
  res.end();
}

function start(options: Partial<WorksectionOAuthOptions> = {}): void {
  oauth = new WorksectionOAuth({
    clientID: DEMO_CLIENT.clientId,
    clientSecret: DEMO_CLIENT.clientSecret,
    callbackURL: `${appUrl}/auth/worksection/callback`,
    baseURL: emu.url,
    scope: 'projects_read',
    timeout: 2000,
    ...options,
  });
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      errors.push(err);
      res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  emu = await createEmulator({
    autoApprove: true,
    clients: [{ ...DEMO_CLIENT, redirectUris: [...DEMO_CLIENT.redirectUris, `${appUrl}/auth/worksection/callback`] }],
  });
});
afterAll(async () => {
  await emu.close();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  errors.length = 0;
  start();
});

/** A browser: starts at the app, goes through Worksection, comes back with the state cookie. */
async function browse(tamper?: (path: string) => string): Promise<Response> {
  const started = await fetch(`${appUrl}/auth/worksection`, { redirect: 'manual' });
  const cookie = started.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const atWorksection = await fetch(started.headers.get('location') ?? '', { redirect: 'manual' });
  const back = new URL(atWorksection.headers.get('location') ?? '');
  const path = back.pathname + back.search;
  return fetch(`${appUrl}${tamper ? tamper(path) : path}`, { headers: { cookie }, redirect: 'manual' });
}

describe('signing in with WorksectionOAuth on a plain node:http server', () => {
  it('signs Henry in: his profile, his account and a refresh token, and clears the state cookie', async () => {
    const answer = await browse();
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ id: '3993', accountUrl: emu.accountUrl('acc1234'), hasRefresh: true });
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^worksection_oauth_state_[\w-]+=; Path=\/auth\/worksection\/callback; Max-Age=0/),
    ]);
  });

  it('refuses a forged state with the state message, without a call to Worksection', async () => {
    emu.stats.reset();
    const answer = await browse((path) => path.replace(/state=[^&]+/, 'state=forged'));
    expect(answer.status).toBe(403);
    expect(await answer.text()).toBe(STATE_MESSAGE);
    expect(emu.stats.requests.token).toBe(0);
  });

  it('signs in with PKCE against an emulator that keeps the challenge', async () => {
    start({ pkce: true });
    const answer = await browse();
    expect(answer.status).toBe(200);
  });

  it('turns a user of another account away with the allowedAccounts message', async () => {
    start({ allowedAccounts: ['acme.worksection.com'] });
    const answer = await browse();
    expect(answer.status).toBe(403);
    expect(await answer.text()).toMatch(/cannot sign in here/);
  });

  it('exchanges a code and refreshes with the core alone, rotating the refresh token', async () => {
    const started = await fetch(`${appUrl}/auth/worksection`, { redirect: 'manual' });
    expect(started.status).toBe(302);
    const state = new URL(started.headers.get('location') ?? '').searchParams.get('state') ?? '';
    expect(state).not.toBe('');
    const code = new URL(
      (await fetch(started.headers.get('location') ?? '', { redirect: 'manual' })).headers.get('location') ?? '',
    ).searchParams.get('code');
    const tokens = await oauth.exchangeCode(code ?? '');
    const renewed = await oauth.refresh(tokens.refreshToken);
    expect(renewed.refreshToken).not.toBe(tokens.refreshToken);
    expect(errors).toEqual([]);
  });
});
