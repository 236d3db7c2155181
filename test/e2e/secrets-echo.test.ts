import { inspect } from 'node:util';
import { createEmulator, type Emulator } from 'worksection-emulator';
import { Strategy, type FetchFunction } from '../../src';
import { WorksectionClient } from '../../src/client';
import { startHostileServer, type HostileServer, type ReceivedRequest } from '../helpers/hostile-server';
import { rejection } from '../helpers/client-setup';
import { authorizeAtEmulator, CALLBACK_URL, createStrategyApp } from '../helpers/strategy-app';

// Every secret carries this marker, so that a leak is found in any letter case and inside any encoding.
const MARKER = 'QXMARKERQX';
const SECRET = `cs-${MARKER}-5d1c0b9e-client-secret`;
const ACCESS_TOKEN = `at-${MARKER}-7f3a91c2-access-token`;
const REFRESH_TOKEN = `rt-${MARKER}-0b44d3e8-refresh-token`;

/** How a hostile server may play the request back. */
const ENCODINGS: Array<[string, (text: string) => string]> = [
  ['as received', (text) => text],
  ['URL-encoded', (text) => encodeURIComponent(text)],
  ['base64', (text) => Buffer.from(text).toString('base64')],
  ['base64 one byte off', (text) => Buffer.from(`x${text}`).toString('base64')],
  ['base64url two bytes off', (text) => Buffer.from(`xy${text}`).toString('base64url')],
  ['upper-cased', (text) => text.toUpperCase()],
  ['hex', (text) => Buffer.from(text).toString('hex')],
];
let encode: (text: string) => string = (text) => text;

/** The request, secrets first (the body, then the Authorization header), encoded the current way. */
function echo(req: ReceivedRequest): string {
  return encode(`${req.body} ${req.headers.authorization ?? ''} ${req.method} ${req.url}`);
}

/** Whether `text` reveals the marker: plainly in any case, URL- or hex-encoded, or inside a base64 run at any alignment. */
function leaks(text: string): boolean {
  const upper = MARKER.toUpperCase();
  if (text.toUpperCase().includes(upper)) return true;
  if (text.toLowerCase().includes(Buffer.from(MARKER).toString('hex').toLowerCase())) return true;
  for (const run of text.match(/[A-Za-z0-9+/_-]{12,}/g) ?? []) {
    const standard = run.replace(/-/g, '+').replace(/_/g, '/');
    for (let skip = 0; skip < 4; skip++) {
      const decoded = Buffer.from(standard.slice(skip), 'base64').toString('latin1').toUpperCase();
      if (decoded.includes(upper)) return true;
    }
  }
  return false;
}

/** Every way an app shows an error: message, String, JSON, util.inspect (which prints `cause` and own fields). */
function shown(err: unknown): string {
  const e = err as Error;
  return [e.message, String(e), JSON.stringify(e), inspect(e, { depth: 10 }), e.stack ?? ''].join('\n');
}

let hostile: HostileServer;
let emu: Emulator;
beforeAll(async () => {
  emu = await createEmulator({
    autoApprove: true,
    clients: [{ clientId: 'echo-client', clientSecret: SECRET, redirectUris: [CALLBACK_URL] }],
  });
  hostile = await startHostileServer((req, res) => {
    const text = echo(req);
    res.writeHead(200, { 'content-type': 'application/json' });
    if (req.url.includes('/api/oauth2')) {
      res.end(JSON.stringify({ status: 'error', status_code: 5, message: text, message_details: text }));
    } else {
      res.end(JSON.stringify({ error: text, errorDescription: text, error_description: text, hint: text }));
    }
  });
});
afterAll(async () => {
  await hostile.close();
  await emu.close();
});

function strategyAt(endpoints: { tokenURL?: string; refreshURL?: string; profileURL?: string; fetch?: FetchFunction }): Strategy {
  return new Strategy(
    { clientID: 'echo-client', clientSecret: SECRET, callbackURL: CALLBACK_URL, baseURL: emu.url, timeout: 2000, ...endpoints },
    (_accessToken, _refreshToken, _params, profile, done) => done(null, profile),
  );
}

describe.each(ENCODINGS)('a hostile server that echoes the request back %s', (_name, encoding) => {
  beforeAll(() => {
    encode = encoding;
  });

  it('gets neither the client secret nor the code into the error of the code exchange', async () => {
    const app = createStrategyApp(strategyAt({ tokenURL: `${hostile.url}/oauth2/token` }));
    const agent = app.agent();
    const { path, code } = await authorizeAtEmulator(agent);
    await agent.get(path);
    expect(hostile.requests.at(-1)?.body).toContain(SECRET);
    expect(app.errors).toHaveLength(1);
    const text = shown(app.errors[0]);
    expect(leaks(text)).toBe(false);
    expect(text).not.toContain(code.slice(0, 40));
  });

  it('gets neither the client secret nor the refresh token into the error of a refresh', async () => {
    const err = await rejection(strategyAt({ refreshURL: `${hostile.url}/oauth2/refresh` }).refresh(REFRESH_TOKEN));
    expect(hostile.requests.at(-1)?.body).toContain(REFRESH_TOKEN);
    expect(leaks(shown(err))).toBe(false);
  });

  it('gets neither the client secret nor the access token into the error of the profile request', async () => {
    const strategy = strategyAt({ profileURL: `${hostile.url}/oauth2/resource` });
    const err = await new Promise((resolve) => strategy.userProfile(ACCESS_TOKEN, resolve));
    expect(hostile.requests.at(-1)?.body).toContain(ACCESS_TOKEN);
    expect(leaks(shown(err))).toBe(false);
  });

  it('gets no token into the account API error, nor into the re-sign-in error that wraps a refresh echo', async () => {
    const strategy = strategyAt({ refreshURL: `${hostile.url}/oauth2/refresh` });
    const tokens = { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN };
    const apiClient = new WorksectionClient({ strategy, accountUrl: `${hostile.url}/acc1`, baseURL: hostile.url, tokens, minInterval: 0 });
    const apiError = await rejection(apiClient.me());
    expect(hostile.requests.at(-1)?.headers.authorization).toContain(ACCESS_TOKEN);
    expect(leaks(shown(apiError))).toBe(false);
    const expired = new WorksectionClient({
      strategy,
      accountUrl: `${emu.url}/acc1`,
      baseURL: emu.url,
      tokens: { ...tokens, expiresAt: Date.now() - 1000 },
      minInterval: 0,
    });
    const reauth = await rejection(expired.me());
    expect((reauth as Error).name).toBe('WorksectionReauthError');
    expect(leaks(shown(reauth))).toBe(false);
  });

  it('does not keep a custom fetch error that carries the request, which util.inspect would print as the cause', async () => {
    const carrying: FetchFunction = (url, init) =>
      Promise.reject(
        Object.assign(new Error(`request failed: ${String(init.body as string | undefined)}`), {
          code: 'ECONNRESET',
          request: { url, init },
        }),
      );
    const strategy = strategyAt({ fetch: carrying });
    const err = await rejection(strategy.refresh(REFRESH_TOKEN));
    expect((err as { code?: string }).code).toBe('WORKSECTION_NETWORK_ERROR');
    expect((err as Error).message).toContain('ECONNRESET');
    expect(leaks(shown(err))).toBe(false);
    const client = new WorksectionClient({
      strategy,
      accountUrl: `${emu.url}/acc1`,
      tokens: { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN },
      minInterval: 0,
    });
    expect(leaks(shown(await rejection(client.me())))).toBe(false);
  });
});
