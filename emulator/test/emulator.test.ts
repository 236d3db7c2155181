import { Agent, request } from 'node:http';
import { createEmulator, DEMO_ACCOUNTS, DEMO_CLIENT, DEMO_USERS, type Emulator } from '../src';
import { getCode, getTokens, postForm } from './helpers/oauth-flow';

function get(url: string, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    })
      .on('error', reject)
      .end();
  });
}

describe('createEmulator', () => {
  let emu: Emulator;
  // Unset if the test failed before assigning it.
  afterEach(() => (emu as Emulator | undefined)?.close());

  it('starts on 127.0.0.1 on a free port with the demo client, users and accounts', async () => {
    emu = await createEmulator();
    expect(emu.url).toBe(`http://127.0.0.1:${emu.port}`);
    expect(emu.port).toBeGreaterThan(0);
    expect(emu.clients.map((c) => c.clientId)).toEqual([DEMO_CLIENT.clientId]);
    expect(emu.users.map((u) => u.id)).toEqual(DEMO_USERS.map((u) => u.id));
    expect(emu.accounts).toEqual(DEMO_ACCOUNTS);
    expect(emu.accountUrl('acc1234')).toBe(`${emu.url}/acc1234`);
  });

  it('documents demo credentials as promised: Henry Gardner in two accounts, another user in one', () => {
    expect(DEMO_CLIENT).toMatchObject({
      clientId: 'demo-client',
      clientSecret: 'demo-secret',
      redirectUris: ['http://localhost:3000/auth/worksection/callback', 'https://localhost:3000/auth/worksection/callback'],
    });
    expect(DEMO_USERS[0]).toMatchObject({
      id: '3993',
      firstName: 'Henry',
      lastName: 'Gardner',
      email: 'Henry.Gardner@ws.com',
      password: 'demo',
    });
    expect(DEMO_USERS[0]!.accountIds).toHaveLength(2);
    expect(DEMO_USERS[1]!.accountIds).toHaveLength(1);
    expect(DEMO_ACCOUNTS[0]).toEqual({ id: 'acc1234', name: 'Gardner & Co' });
  });

  it('counts requests per endpoint, faulted ones included, and resets the counts', async () => {
    emu = await createEmulator({ autoApprove: true });
    const tokens = await getTokens(emu);
    emu.faults.set('resource', { type: 'respond', status: 500, body: '', times: 1 });
    await (await postForm(`${emu.url}/oauth2/resource`, { access_token: tokens.access_token })).arrayBuffer();
    await (
      await fetch(`${tokens.account_url}/api/oauth2?action=me`, { headers: { authorization: `Bearer ${tokens.access_token}` } })
    ).arrayBuffer();
    expect(emu.stats.requests).toEqual({ authorize: 1, token: 1, refresh: 0, resource: 1, api: 1 });
    const overHttp = (await (await fetch(`${emu.url}/__emulator/stats`)).json()) as { requests: Record<string, number> };
    expect(overHttp.requests).toEqual({ authorize: 1, token: 1, refresh: 0, resource: 1, api: 1 });
    emu.stats.reset();
    expect(emu.stats.requests).toEqual({ authorize: 0, token: 0, refresh: 0, resource: 0, api: 0 });
    expect(emu.stats.connections).toBe(0);
  });

  it('counts TCP connections: one for a keep-alive client, one per request without keep-alive', async () => {
    emu = await createEmulator();
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; i < 5; i++) await get(`${emu.url}/`, keepAlive);
    expect(emu.stats.connections).toBe(1);
    keepAlive.destroy();
    emu.stats.reset();
    const noKeepAlive = new Agent({ keepAlive: false });
    for (let i = 0; i < 5; i++) await get(`${emu.url}/`, noKeepAlive);
    expect(emu.stats.connections).toBe(5);
    noKeepAlive.destroy();
  });

  it('close() ends idle keep-alive connections and in-flight delays, and can be called twice', async () => {
    emu = await createEmulator({ autoApprove: true });
    const keepAlive = new Agent({ keepAlive: true });
    await get(`${emu.url}/`, keepAlive);
    emu.faults.set('token', { type: 'delay', ms: 60_000 });
    const delayed = postForm(`${emu.url}/oauth2/token`, {});
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await Promise.all([emu.close(), emu.close()]);
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(delayed).rejects.toThrow();
    keepAlive.destroy();
    await expect(fetch(`${emu.url}/`)).rejects.toThrow();
  });

  it('moves its clock over HTTP for tests that run it in another process', async () => {
    emu = await createEmulator({ autoApprove: true });
    const code = await getCode(emu);
    const before = emu.clock.now();
    const res = await fetch(`${emu.url}/__emulator/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advance: 601_000 }),
    });
    expect(((await res.json()) as { now: number }).now).toBeGreaterThanOrEqual(before + 601_000);
    const exchanged = await postForm(`${emu.url}/oauth2/token`, {
      client_id: 'demo-client',
      client_secret: 'demo-secret',
      grant_type: 'authorization_code',
      code,
      redirect_uri: DEMO_CLIENT.redirectUris[1]!,
    });
    expect(((await exchanged.json()) as Record<string, unknown>).errorDescription).toBe('Authorization code has expired');
  });

  it('uses an injected clock as its time source', async () => {
    const fixed = Date.UTC(2030, 0, 1);
    emu = await createEmulator({ clock: { now: () => fixed } });
    expect(emu.clock.now()).toBe(fixed);
  });

  it('shows a home page that lists clients and users without any client secret', async () => {
    emu = await createEmulator();
    const res = await fetch(`${emu.url}/`);
    const body = await res.text();
    expect(res.status).toBe(200);
    expect(body).toContain('demo-client');
    expect(body).toContain('Henry Gardner');
    expect(body).not.toContain('demo-secret');
  });

  it('answers unknown paths with 404', async () => {
    emu = await createEmulator();
    const res = await fetch(`${emu.url}/nope`);
    expect(res.status).toBe(404);
    await res.arrayBuffer();
  });

  it('refuses inconsistent users, accounts and clients at start, naming the problem', async () => {
    await expect(createEmulator({ accounts: [{ id: 'bad id', name: 'x' }] })).rejects.toThrow(/account id/);
    await expect(createEmulator({ accounts: [{ id: 'oauth2', name: 'x' }] })).rejects.toThrow(/reserved/);
    await expect(
      createEmulator({ users: [{ id: '1', email: 'a@b.c', password: 'p', firstName: 'A', lastName: 'B', accountIds: ['missing'] }] }),
    ).rejects.toThrow(/"missing"/);
    await expect(createEmulator({ clients: [{ clientId: 'c', clientSecret: 's', redirectUris: [] }] })).rejects.toThrow(/redirect URI/);
    await expect(createEmulator({ clients: [{ clientId: 'c', clientSecret: 's', redirectUris: ['/relative'] }] })).rejects.toThrow(
      /absolute URL/,
    );
  });

  it('addClient() registers a client while running and replaces one with the same id', async () => {
    emu = await createEmulator({ autoApprove: true });
    emu.addClient({ clientId: 'late', clientSecret: 'one', redirectUris: ['https://late.example/cb'] });
    emu.addClient({ clientId: 'late', clientSecret: 'two', redirectUris: ['https://late.example/cb'] });
    expect(emu.clients.filter((c) => c.clientId === 'late')).toHaveLength(1);
    const code = await getCode(emu, { client_id: 'late', redirect_uri: 'https://late.example/cb' });
    const res = await postForm(`${emu.url}/oauth2/token`, {
      client_id: 'late',
      client_secret: 'two',
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'https://late.example/cb',
    });
    expect(((await res.json()) as Record<string, unknown>).token_type).toBe('Bearer');
  });

  it('refuses a request body over 1 MiB with 413', async () => {
    emu = await createEmulator();
    const res = await postForm(`${emu.url}/oauth2/token`, { pad: 'x'.repeat(1024 * 1024 + 10) });
    expect(res.status).toBe(413);
    await res.arrayBuffer();
  });
});
