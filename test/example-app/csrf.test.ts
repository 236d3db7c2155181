import express from 'express';
import session from 'express-session';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { csrfToken, requireCsrfToken } from '../../example-app/csrf';
import { Browser } from './helpers/http-client';
import { CsrfError } from '../../example-app/errors/csrf-error';

let server: Server;
let browser: Browser;
beforeEach(async () => {
  const app = express();
  // express-session's MemoryStore is fine for a unit test of the token; the app itself never uses it.
  app.use(session({ secret: 'csrf-test-secret-0123456789abcdef', resave: false, saveUninitialized: false }));
  app.get('/form', (req, res) => {
    res.send(csrfToken(req));
  });
  app.post('/act', express.urlencoded({ extended: false }), requireCsrfToken, (_req, res) => {
    res.send('done');
  });
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(err instanceof CsrfError ? 403 : 500).send('refused');
  });
  server = createServer(app);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  browser = new Browser(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
});

describe('CSRF synchronizer token', () => {
  test('the token of the session is accepted', async () => {
    const token = (await browser.get('/form')).body;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await browser.post('/act', { _csrf: token })).status).toBe(200);
  });

  test('the token stays the same for the session', async () => {
    expect((await browser.get('/form')).body).toBe((await browser.get('/form')).body);
  });

  test("a missing, wrong or other session's token is refused", async () => {
    const token = (await browser.get('/form')).body;
    expect((await browser.post('/act', {})).status).toBe(403);
    const wrong = token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await browser.post('/act', { _csrf: wrong })).status).toBe(403);
    const other = new Browser(browser.origin);
    expect((await other.post('/act', { _csrf: token })).status).toBe(403);
  });
});

describe('the origin of a state-changing POST', () => {
  const post = async (headers: Record<string, string>, token?: string) =>
    (await browser.post('/act', { _csrf: token ?? (await browser.get('/form')).body }, headers)).status;

  test.each([['cross-site'], ['same-site'], ['bogus']])('Sec-Fetch-Site: %s is refused even with the valid token', async (site) => {
    expect(await post({ 'sec-fetch-site': site })).toBe(403);
  });

  test('Sec-Fetch-Site: same-origin (a form of this app) or none (typed by the user) passes with the token', async () => {
    expect(await post({ 'sec-fetch-site': 'same-origin' })).toBe(200);
    expect(await post({ 'sec-fetch-site': 'none' })).toBe(200);
  });

  test('without Sec-Fetch-Site, an Origin of another host, or an opaque one, is refused even with the valid token', async () => {
    for (const origin of ['http://evil.example', 'http://127.0.0.1.evil.example', 'null', 'not a url']) {
      expect(await post({ origin })).toBe(403);
    }
  });

  test("without Sec-Fetch-Site, the app's own Origin passes with the token", async () => {
    expect(await post({ origin: browser.origin })).toBe(200);
  });

  test('a request with neither header (curl, a script) is left to the token alone', async () => {
    expect(await post({})).toBe(200);
    expect(await post({}, 'wrong-token')).toBe(403);
  });

  test('a same-origin request still needs the token', async () => {
    expect(await post({ 'sec-fetch-site': 'same-origin', origin: browser.origin }, 'wrong-token')).toBe(403);
  });
});
