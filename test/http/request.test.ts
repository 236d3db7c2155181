import {
  BODY_TOO_LARGE,
  INVALID_JSON,
  NETWORK_ERROR,
  TIMEOUT,
  UNEXPECTED_CONTENT_TYPE,
  UNEXPECTED_REDIRECT,
  UNEXPECTED_STATUS,
} from '../../src/errors/codes';
import { WorksectionNetworkError } from '../../src/errors/network-error';
import { WorksectionResponseError } from '../../src/errors/response-error';
import { WorksectionTimeoutError } from '../../src/errors/timeout-error';
import { MAX_BODY_BYTES } from '../../src/http/answer';
import { postForm } from '../../src/http/request';
import { defaultNodeTransport } from '../../src/http/node-transport';
import { type FetchFunction, type HttpSettings } from '../../src/http/settings';
import { json, startHostileServer, type HostileServer } from '../helpers/hostile-server';

const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0 (Ubuntu)</center>\r\n</body>\r\n</html>\r\n';
const LABEL = "Worksection's token endpoint";
// The strategy's options name its endpoints: the refusal points there (the account-API client's points to accountUrl).
const TOO_LARGE_MESSAGE =
  `${LABEL} answered HTTP 200 (application/json) with a body over the ${MAX_BODY_BYTES}-byte cap; it was not read. ` +
  'Worksection or a proxy is misbehaving: check the baseURL and endpoint options.';

let server: HostileServer;
beforeEach(async () => {
  server = await startHostileServer();
});
afterEach(async () => {
  await server.close();
});

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

// Every behaviour holds for both transports: the built-in node:http client and a fetch function.
describe.each([
  ['the built-in node:http client', undefined],
  ['a fetch function', globalThis.fetch as FetchFunction],
])('postForm over %s', (_transport, fetchImpl) => {
  const settings: HttpSettings = { fetch: fetchImpl, transport: defaultNodeTransport, timeout: 300 };

  it('posts the form as an urlencoded body, keeping it out of the URL, and returns the parsed JSON', async () => {
    server.handle((_, res) => json(res, { ok: true }));
    const answer = await postForm(`${server.url}/oauth2/token`, { client_secret: 's3cr3t value', code: 'abc' }, settings, LABEL);
    expect(answer).toMatchObject({ status: 200, contentType: 'application/json; charset=utf-8', body: { ok: true } });
    const [received] = server.requests;
    expect(received?.method).toBe('POST');
    expect(received?.url).toBe('/oauth2/token');
    expect(received?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(received?.body).get('client_secret')).toBe('s3cr3t value');
  });

  it('returns a JSON answer of any non-redirect status so the caller can read an error body', async () => {
    server.handle((_, res) => json(res, { error: 'invalid_client' }, 401));
    await expect(postForm(server.url, {}, settings, LABEL)).resolves.toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  it('gives up on a server that never answers within the timeout, and closes the connection', async () => {
    server.handle(() => undefined);
    const started = Date.now();
    const err = await rejection(postForm(server.url, {}, settings, LABEL));
    expect(err).toBeInstanceOf(WorksectionTimeoutError);
    expect(err).toMatchObject({ code: TIMEOUT, timeout: 300, name: 'WorksectionTimeoutError' });
    expect(err.message).toMatch(/did not answer within 300 ms/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(300 + 1000);
    await server.allSocketsClosed();
    expect(server.openSockets).toBe(0);
  });

  it('counts the body in the timeout: headers followed by a body that never ends time out too', async () => {
    server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"access_token":');
    });
    const started = Date.now();
    const err = await rejection(postForm(server.url, {}, settings, LABEL));
    expect(err).toBeInstanceOf(WorksectionTimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(300 + 1000);
    await server.allSocketsClosed();
  });

  it('reports a connection reset in the middle of the body as a network error with the status and content type', async () => {
    server.handle((_, res, socket) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.write('{"token_type":"Bearer","expires_in":86400,"access_tok');
      setTimeout(() => socket.destroy(), 20);
    });
    const err = await rejection(postForm(server.url, {}, settings, LABEL));
    expect(err).toBeInstanceOf(WorksectionNetworkError);
    expect(err).toMatchObject({ code: NETWORK_ERROR, status: 200, contentType: 'application/json; charset=utf-8' });
    expect(err.message).toMatch(/broke while reading/);
  });

  it("reports nginx's HTML 502 page with its status and content type, never its body", async () => {
    server.handle((_, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end(NGINX_502);
    });
    const err = await rejection(postForm(server.url, {}, settings, LABEL));
    expect(err).toBeInstanceOf(WorksectionResponseError);
    expect(err).toMatchObject({ code: UNEXPECTED_STATUS, status: 502, contentType: 'text/html' });
    expect(err.message).toContain('HTTP 502 (text/html)');
    expect(err.message).not.toContain('Bad Gateway');
    expect(JSON.stringify(err)).not.toContain('nginx');
  });

  it('rejects an HTML page served with HTTP 200 as the wrong content type', async () => {
    server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html>login</html>');
    });
    const err = await rejection(postForm(server.url, {}, settings, LABEL));
    expect(err).toMatchObject({ code: UNEXPECTED_CONTENT_TYPE, status: 200, contentType: 'text/html; charset=utf-8' });
  });

  it('rejects JSON cut in half as invalid JSON', async () => {
    server.handle((_, res) => json(res, '{"token_type":"Bearer","expires_in":86400,"access_tok'));
    const err = await rejection(postForm(server.url, {}, settings, LABEL));
    expect(err).toMatchObject({ code: INVALID_JSON, status: 200, name: 'WorksectionResponseError' });
    expect(err.message).toMatch(/not valid JSON \(it may have been cut short\)/);
  });

  it('stops reading a streamed body as soon as it passes 1 MiB and closes the connection', async () => {
    let written = 0;
    server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = (): void => {
        while (written < 8 * MAX_BODY_BYTES && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const err = await rejection(postForm(server.url, {}, settings, LABEL));
    expect(err).toMatchObject({ code: BODY_TOO_LARGE, status: 200, message: TOO_LARGE_MESSAGE });
    await server.allSocketsClosed();
    expect(written).toBeLessThan(8 * MAX_BODY_BYTES);
  });

  it('refuses a body whose Content-Length is over 1 MiB without reading it', async () => {
    server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(2 * MAX_BODY_BYTES) });
      res.write('{"a":"');
    });
    const err = await rejection(postForm(server.url, {}, { ...settings, timeout: 10_000 }, LABEL));
    expect(err).toMatchObject({ code: BODY_TOO_LARGE, message: TOO_LARGE_MESSAGE });
  });

  it('does not follow a redirect, so the form (and its secret) is never re-sent to the Location', async () => {
    const elsewhere = await startHostileServer((_, res) => json(res, { access_token: 'x' }));
    try {
      server.handle((_, res) => {
        res.writeHead(307, { location: `${elsewhere.url}/steal` });
        res.end();
      });
      const err = await rejection(postForm(server.url, { client_secret: 'x' }, settings, LABEL));
      expect(err).toMatchObject({ code: UNEXPECTED_REDIRECT, status: 307 });
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });

  it('reports a refused connection as a network error naming the errno', async () => {
    const url = server.url;
    await server.close();
    server = await startHostileServer();
    const err = await rejection(postForm(url, {}, settings, LABEL));
    expect(err).toBeInstanceOf(WorksectionNetworkError);
    expect(err.message).toContain('ECONNREFUSED');
  });
});

describe('postForm over the built-in node:http client', () => {
  const settings: HttpSettings = { transport: defaultNodeTransport, timeout: 300 };

  it('keeps the connection alive: consecutive calls share one socket', async () => {
    server.handle((_, res) => json(res, { ok: true }));
    for (let i = 0; i < 5; i++) await postForm(server.url, { i: String(i) }, settings, LABEL);
    expect(server.requests).toHaveLength(5);
    expect(server.connections).toBe(1);
  });
});

describe('postForm over a fetch function', () => {
  it('times out even when a custom fetch ignores the abort signal', async () => {
    const stubborn: FetchFunction = () => new Promise<Response>(() => undefined);
    const err = await rejection(postForm(server.url, {}, { fetch: stubborn, transport: defaultNodeTransport, timeout: 100 }, LABEL));
    expect(err).toBeInstanceOf(WorksectionTimeoutError);
  });

  it('uses the fetch option for every call', async () => {
    server.handle((_, res) => json(res, { ok: 1 }));
    const seen: string[] = [];
    const logging: FetchFunction = (url, init) => {
      seen.push(`${init.method} ${url}`);
      return fetch(url, init);
    };
    await postForm(`${server.url}/x`, {}, { fetch: logging, transport: defaultNodeTransport, timeout: 1000 }, LABEL);
    expect(seen).toEqual([`POST ${server.url}/x`]);
  });
});
