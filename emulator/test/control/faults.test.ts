import { request } from 'node:http';
import { createEmulator, DEMO_CLIENT, type Emulator } from '../../src';
import { getCode, getTokens, postForm } from '../helpers/oauth-flow';

const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0 (Ubuntu)</center>\r\n</body>\r\n</html>\r\n';
const creds = { client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret };

describe('fault injection', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await createEmulator({ autoApprove: true });
  });
  afterEach(() => emu.close());

  const exchangeFields = async () => ({
    ...creds,
    grant_type: 'authorization_code',
    code: await getCode(emu),
    redirect_uri: DEMO_CLIENT.redirectUris[1]!,
  });

  it('respond: answers exactly the given status, body and headers, e.g. nginx 502 page', async () => {
    emu.faults.set('token', { type: 'respond', status: 502, body: NGINX_502, headers: { 'Content-Type': 'text/html' } });
    const res = await postForm(`${emu.url}/oauth2/token`, await exchangeFields());
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(await res.text()).toBe(NGINX_502);
  });

  it('delay: answers normally after the given milliseconds', async () => {
    emu.faults.set('resource', { type: 'delay', ms: 300 });
    const { access_token } = await getTokens(emu);
    const started = Date.now();
    const res = await postForm(`${emu.url}/oauth2/resource`, { ...creds, access_token });
    expect(((await res.json()) as Record<string, unknown>).id).toBe('3993');
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('hang: never answers; close() drops the hung connection and resolves at once', async () => {
    emu.faults.set('token', { type: 'hang' });
    let settled = false;
    const attempt = postForm(`${emu.url}/oauth2/token`, await exchangeFields()).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(settled).toBe(false);
    const started = Date.now();
    await emu.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(attempt).rejects.toThrow();
  });

  it('hang: the client sees its own timeout', async () => {
    emu.faults.set('token', { type: 'hang' });
    const started = Date.now();
    const attempt = fetch(`${emu.url}/oauth2/token`, { method: 'POST', signal: AbortSignal.timeout(300) });
    await expect(attempt).rejects.toThrow(/timeout|aborted/i);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('reset: sends the status line, headers and part of the body, then drops the connection', async () => {
    emu.faults.set('token', { type: 'reset' });
    const fields = await exchangeFields();
    const outcome = await new Promise<{ status?: number; received: string; error?: Error }>((resolve) => {
      let received = '';
      let status: number | undefined;
      const req = request(
        `${emu.url}/oauth2/token`,
        { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        (res) => {
          status = res.statusCode;
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (received += chunk));
          res.on('error', (error) => resolve({ status, received, error }));
          res.on('end', () => resolve({ status, received }));
        },
      );
      req.on('error', (error) => resolve({ status, received, error }));
      req.end(new URLSearchParams(fields).toString());
    });
    expect(outcome.status).toBe(200);
    expect(outcome.error).toBeDefined();
    expect(outcome.received.startsWith('{"token_type":"Bearer"')).toBe(true);
    expect((): unknown => JSON.parse(outcome.received)).toThrow();
  });

  it('truncate: sends the real JSON cut in half and ends the response normally', async () => {
    emu.faults.set('token', { type: 'truncate' });
    const res = await postForm(`${emu.url}/oauth2/token`, await exchangeFields());
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text.startsWith('{"token_type":"Bearer","expires_in":86400,"access_token":"eyJ')).toBe(true);
    expect((): unknown => JSON.parse(text)).toThrow();
  });

  it('oversized: answers 200 with a JSON-looking body of the given size, 2 MiB by default', async () => {
    emu.faults.set('resource', { type: 'oversized', bytes: 100_000 });
    let res = await postForm(`${emu.url}/oauth2/resource`, creds);
    let text = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(text.length).toBe(100_000);
    expect(text.startsWith('{"')).toBe(true);
    emu.faults.set('resource', { type: 'oversized' });
    res = await postForm(`${emu.url}/oauth2/resource`, creds);
    text = await res.text();
    expect(text.length).toBe(2 * 1024 * 1024);
  });

  it("rateLimit: answers the account API HTTP 429 with Retry-After, Worksection's JSON headers and the error envelope", async () => {
    const { access_token, account_url } = await getTokens(emu);
    emu.faults.set('api', { type: 'rateLimit', retryAfter: 3, times: 1 });
    const headers = { authorization: `Bearer ${access_token}` };
    const res = await fetch(`${account_url}/api/oauth2?action=me`, { headers });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store, no-cache, must-revalidate');
    expect(await res.json()).toEqual({
      status: 'error',
      status_code: 429,
      message: 'Too many requests',
      message_details: 'Rate limit: about 1 request per second per account',
    });
    const next = await fetch(`${account_url}/api/oauth2?action=me`, { headers });
    expect(next.status).toBe(200);
    expect(((await next.json()) as Record<string, unknown>).status).toBe('ok');
  });

  it('rateLimit: says to retry after one second by default', async () => {
    const { account_url } = await getTokens(emu);
    emu.faults.set('api', { type: 'rateLimit' });
    const res = await fetch(`${account_url}/api/oauth2?action=me`);
    expect(res.headers.get('retry-after')).toBe('1');
    await res.arrayBuffer();
  });

  it('times: applies to the next N requests only, then the endpoint behaves again', async () => {
    emu.faults.set('token', { type: 'respond', status: 503, body: 'busy', times: 2 });
    expect((await postForm(`${emu.url}/oauth2/token`, await exchangeFields())).status).toBe(503);
    expect(emu.faults.list().token).toMatchObject({ times: 1 });
    expect((await postForm(`${emu.url}/oauth2/token`, await exchangeFields())).status).toBe(503);
    const res = await postForm(`${emu.url}/oauth2/token`, await exchangeFields());
    expect(res.status).toBe(200);
    expect(((await res.json()) as Record<string, unknown>).access_token).toEqual(expect.any(String));
    expect(emu.faults.list().token).toBeUndefined();
  });

  it('probability: 0 never applies and 1 always does', async () => {
    emu.faults.set('resource', { type: 'respond', status: 500, body: 'x', probability: 0 });
    for (let i = 0; i < 5; i++) expect((await postForm(`${emu.url}/oauth2/resource`, creds)).status).toBe(200);
    emu.faults.set('resource', { type: 'respond', status: 500, body: 'x', probability: 1 });
    for (let i = 0; i < 5; i++) expect((await postForm(`${emu.url}/oauth2/resource`, creds)).status).toBe(500);
  });

  it('applies per endpoint: a fault on token leaves refresh alone', async () => {
    const tokens = await getTokens(emu);
    emu.faults.set('token', { type: 'respond', status: 500, body: 'x' });
    const res = await postForm(`${emu.url}/oauth2/refresh`, { ...creds, grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  });

  it('applies to the authorize endpoint and the account API too', async () => {
    const tokens = await getTokens(emu);
    emu.faults.set('authorize', { type: 'respond', status: 502, body: NGINX_502 });
    emu.faults.set('api', { type: 'respond', status: 429, body: 'slow down' });
    expect((await fetch(`${emu.url}/oauth2/authorize`, { redirect: 'manual' })).status).toBe(502);
    expect((await fetch(`${tokens.account_url}/api/oauth2?action=me`)).status).toBe(429);
  });

  it('clear() removes one fault or all of them', async () => {
    emu.faults.set('token', { type: 'hang' });
    emu.faults.set('resource', { type: 'hang' });
    emu.faults.clear('token');
    expect(Object.keys(emu.faults.list())).toEqual(['resource']);
    emu.faults.clear();
    expect(emu.faults.list()).toEqual({});
    expect((await postForm(`${emu.url}/oauth2/resource`, creds)).status).toBe(200);
  });

  it('refuses a malformed fault with a message saying what is wrong', () => {
    expect(() => emu.faults.set('token', { type: 'delay' } as never)).toThrow(/ms/);
    expect(() => emu.faults.set('token', { type: 'explode' } as never)).toThrow(/fault\.type/);
    expect(() => emu.faults.set('nowhere' as never, { type: 'hang' })).toThrow(/endpoint/);
    expect(() => emu.faults.set('token', { type: 'hang', probability: 2 })).toThrow(/probability/);
    expect(() => emu.faults.set('refresh', { type: 'rateLimit' })).toThrow(/api endpoint only/);
  });
});

describe('fault control over HTTP', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await createEmulator({ autoApprove: true });
  });
  afterEach(() => emu.close());

  const control = (method: string, body?: unknown, query = '') =>
    fetch(`${emu.url}/__emulator/faults${query}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('POST /__emulator/faults sets a fault on an endpoint while the emulator runs', async () => {
    const set = await control('POST', { endpoint: 'resource', fault: { type: 'respond', status: 502, body: NGINX_502, times: 1 } });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ resource: { type: 'respond', status: 502, body: NGINX_502, times: 1 } });
    expect((await postForm(`${emu.url}/oauth2/resource`, creds)).status).toBe(502);
    expect((await postForm(`${emu.url}/oauth2/resource`, creds)).status).toBe(200);
  });

  it('DELETE /__emulator/faults clears one endpoint (?endpoint=) or all', async () => {
    await control('POST', { endpoint: 'resource', fault: { type: 'hang' } });
    await control('POST', { endpoint: 'token', fault: { type: 'hang' } });
    expect(await (await control('DELETE', undefined, '?endpoint=resource')).json()).toEqual({ token: { type: 'hang' } });
    expect(await (await control('DELETE')).json()).toEqual({});
    expect(emu.faults.list()).toEqual({});
  });

  it('POST /__emulator/faults takes a list of faults too', async () => {
    const set = await control('POST', {
      endpoint: 'resource',
      fault: [
        { type: 'respond', status: 503, body: 'a', times: 1 },
        { type: 'respond', status: 502, body: 'b', times: 1 },
      ],
    });
    expect(set.status).toBe(200);
    await set.arrayBuffer();
    expect((await postForm(`${emu.url}/oauth2/resource`, creds)).status).toBe(503);
    expect((await postForm(`${emu.url}/oauth2/resource`, creds)).status).toBe(502);
    expect((await postForm(`${emu.url}/oauth2/resource`, creds)).status).toBe(200);
  });

  it('GET /__emulator/faults lists the faults in force', async () => {
    emu.faults.set('api', { type: 'delay', ms: 5 });
    expect(await (await control('GET')).json()).toEqual({ api: { type: 'delay', ms: 5 } });
  });

  it('answers 400 with the reason for a bad fault or endpoint', async () => {
    const badType = await control('POST', { endpoint: 'token', fault: { type: 'explode' } });
    expect(badType.status).toBe(400);
    expect(((await badType.json()) as Record<string, unknown>).errorDescription).toMatch(/fault\.type/);
    const badEndpoint = await control('POST', { endpoint: 'nowhere', fault: { type: 'hang' } });
    expect(badEndpoint.status).toBe(400);
    await badEndpoint.arrayBuffer();
    const notJson = await fetch(`${emu.url}/__emulator/faults`, {
      method: 'POST',
      body: '{',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    await notJson.arrayBuffer();
  });
});
