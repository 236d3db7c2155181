import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorHandler, notFound, RETRY_AFTER_SECONDS } from '../../example-app/error-handler';
import { Browser, signIn } from './helpers/http-client';
import { startExample, type RunningExample } from './helpers/example-server';
import { CsrfError } from '../../example-app/errors/csrf-error';
import { SessionStoreUnavailableError } from '../../example-app/errors/session-store-unavailable-error';

const STACK_MARKER = 'secret-internal-detail-MARKER';

let server: Server | undefined;
let running: RunningExample | undefined;
afterEach(async () => {
  if (server) await new Promise<void>((done) => server!.close(() => done()));
  server = undefined;
  await running?.close();
  running = undefined;
});

async function serve(thrown: unknown, logs: string[]): Promise<Browser> {
  const app = express();
  app.get('/boom', () => {
    throw thrown;
  });
  app.use(notFound);
  app.use(errorHandler((line) => logs.push(line)));
  server = createServer(app);
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return new Browser(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
}

describe('error handler', () => {
  test('an unexpected error is a friendly 500 page, without its message or stack', async () => {
    const logs: string[] = [];
    const browser = await serve(new Error(STACK_MARKER), logs);
    const res = await browser.get('/boom');
    expect(res.status).toBe(500);
    expect(res.body).toContain('Something went wrong on our side.');
    expect(res.body).not.toContain(STACK_MARKER);
    expect(res.body).not.toMatch(/at .+\.ts:\d+/);
    expect(logs).toEqual([`error 500: Error: ${STACK_MARKER}`]);
  });

  test('logs provider text as one line, without a control character (C0, DEL, C1), a line separator or a bidi override', async () => {
    const logs: string[] = [];
    // What a hostile provider could put in an error description: a forged second log line, ANSI escapes, NEL (C1),
    // DEL, the JavaScript line separators and a right-to-left override.
    const hostile = 'invalid_grant\n2026-01-01 admin signed in\r\u001b[2J\u001b[31mred\u0085next\u007f\u2028line\u2029para\u202eevil\u0000';
    const browser = await serve(new Error(hostile), logs);
    expect((await browser.get('/boom')).status).toBe(500);
    expect(logs).toHaveLength(1);
    expect(logs[0]).not.toMatch(/[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u);
    expect(logs[0]).toBe('error 500: Error: invalid_grant 2026-01-01 admin signed in  [2J [31mred next  line para evil ');
  });

  test('a session store failure is a 503 with Retry-After', async () => {
    const browser = await serve(new SessionStoreUnavailableError('get', 'Error: down'), []);
    const res = await browser.get('/boom');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
    expect(res.body).toContain('briefly unavailable');
  });

  test('a CSRF failure is a 403 page and is not logged as a server error', async () => {
    const logs: string[] = [];
    const res = await (await serve(new CsrfError(), logs)).get('/boom');
    expect(res.status).toBe(403);
    expect(logs).toEqual([]);
  });

  test("a client error keeps its 4xx status (body-parser's 413)", async () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413 });
    expect((await (await serve(tooLarge, [])).get('/boom')).status).toBe(413);
  });
});

describe('session store down', () => {
  test('a signed-in request gets a 503 page (no hang, no crash) and /healthz reports it', async () => {
    running = await startExample();
    const browser = new Browser(running.url);
    await signIn(browser);
    // Closing the SQLite database makes every store call fail, as a lost disk or a dead Redis would.
    await running.example.close();
    const res = await browser.get('/profile');
    expect(res.status).toBe(503);
    expect(res.body).toContain('briefly unavailable');
    expect(res.body).not.toMatch(/database|sqlite|TypeError/i);
    const health = await browser.get('/healthz');
    expect(health.status).toBe(503);
    expect(JSON.parse(health.body)).toEqual({ status: 'unavailable', reason: 'session store' });
    expect(running.logs.some((l) => l.startsWith('error 503: SessionStoreUnavailableError'))).toBe(true);
  });

  test('a request without a session cookie is still served while the store is down', async () => {
    running = await startExample();
    await running.example.close();
    expect((await new Browser(running.url).get('/')).status).toBe(200);
  });

  test('starting a sign-in while the store is down is a 503, not a redirect to Worksection', async () => {
    running = await startExample();
    await running.example.close();
    const res = await new Browser(running.url).get('/auth/worksection');
    expect(res.status).toBe(503);
  });
});

describe('an error after the response was sent (a session save at its end that the store refused)', () => {
  test('is logged once, as one line, and nothing (no stack) reaches stderr', async () => {
    const logs: string[] = [];
    const stderr: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
    try {
      const app = express();
      let failed!: () => void;
      const done = new Promise<void>((resolve) => (failed = resolve));
      app.get('/late', (_req, res, next) => {
        res.send('ok');
        setImmediate(() => {
          next(new SessionStoreUnavailableError('set', `Error: ${STACK_MARKER}`));
          failed();
        });
      });
      app.use(errorHandler((line) => logs.push(line)));
      server = createServer(app);
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      const res = await new Browser(`http://127.0.0.1:${(server.address() as AddressInfo).port}`).get('/late');
      expect(res.status).toBe(200);
      expect(res.body).toBe('ok');
      await done;
      await new Promise((resolve) => setImmediate(resolve));
      expect(logs).toHaveLength(1);
      expect(logs[0]).toMatch(/^error after the response: SessionStoreUnavailableError: /);
      expect(stderr.join('')).toBe('');
    } finally {
      spy.mockRestore();
    }
  });
});
