import { createEmulator, DEMO_CLIENT, type Emulator } from '../../src';
import { frozenClock, getTokens, postForm } from '../helpers/oauth-flow';

const creds = { client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret };

describe('/oauth2/resource', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await createEmulator({ autoApprove: true, clock: frozenClock() });
  });
  afterEach(() => emu.close());

  async function resource(fields: Record<string, string>) {
    const res = await postForm(`${emu.url}/oauth2/resource`, fields);
    const text = await res.text();
    return { status: res.status, text, json: JSON.parse(text) as Record<string, unknown>, headers: res.headers };
  }

  it('answers the flat five-field body with id as a string and the email in its stored letter case', async () => {
    const tokens = await getTokens(emu);
    const { status, json, headers } = await resource({ ...creds, access_token: tokens.access_token });
    expect(status).toBe(200);
    expect(json).toEqual({
      id: '3993',
      first_name: 'Henry',
      last_name: 'Gardner',
      email: 'Henry.Gardner@ws.com',
      account_url: `${emu.url}/acc1234`,
    });
    expect(Object.keys(json)).toEqual(['id', 'first_name', 'last_name', 'email', 'account_url']);
    expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('reports the account the grant was made for', async () => {
    const other = await createEmulator({ autoApprove: { userId: '3993', accountId: 'acc5678' } });
    try {
      const tokens = await getTokens(other);
      const res = await postForm(`${other.url}/oauth2/resource`, { ...creds, access_token: tokens.access_token });
      expect(((await res.json()) as Record<string, unknown>).account_url).toBe(`${other.url}/acc5678`);
      expect(tokens.account_url).toBe(`${other.url}/acc5678`);
    } finally {
      await other.close();
    }
  });

  it('a garbage token is answered not_authorized "Malformed UTF-8 characters" with HTTP 200, byte for byte', async () => {
    // Last two: JSON that is not an object (an array, a number) in the header and payload.
    for (const garbage of ['garbage', 'a.b.c', '%%%', 'eyJ.eyJ.sig', 'WzFd.WzFd.sig', 'MQ.MQ.sig']) {
      const { status, text } = await resource({ ...creds, access_token: garbage });
      expect(status).toBe(200);
      expect(text).toBe('{"error":"not_authorized","errorDescription":"Malformed UTF-8 characters"}');
    }
  });

  it('an expired token is answered not_authorized "Expired token" once 86400 seconds have passed', async () => {
    const tokens = await getTokens(emu);
    emu.clock.advance(86_399_000);
    expect((await resource({ ...creds, access_token: tokens.access_token })).json.id).toBe('3993');
    emu.clock.advance(1_000);
    expect((await resource({ ...creds, access_token: tokens.access_token })).json).toEqual({
      error: 'not_authorized',
      errorDescription: 'Expired token',
    });
  });

  it('a token signed by another key is answered "Signature verification failed"', async () => {
    const other = await createEmulator({ autoApprove: true });
    try {
      const foreign = await getTokens(other);
      expect((await resource({ ...creds, access_token: foreign.access_token })).json).toEqual({
        error: 'not_authorized',
        errorDescription: 'Signature verification failed',
      });
    } finally {
      await other.close();
    }
  });

  it('a token with edited claims fails its signature check', async () => {
    const tokens = await getTokens(emu);
    const [h, p, s] = tokens.access_token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    claims.sub = '2477';
    const forged = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    expect((await resource({ ...creds, access_token: forged })).json.errorDescription).toBe('Signature verification failed');
  });

  it('a wrong client secret is answered "Client authentication failed"', async () => {
    const tokens = await getTokens(emu);
    expect((await resource({ ...creds, client_secret: 'x', access_token: tokens.access_token })).text).toBe(
      '{"error":"invalid_client","errorDescription":"Client authentication failed"}',
    );
  });

  it("another client's token is answered not_authorized", async () => {
    emu.addClient({ clientId: 'other', clientSecret: 'other-secret', redirectUris: ['https://other.example/cb'] });
    const tokens = await getTokens(emu);
    const { json } = await resource({ client_id: 'other', client_secret: 'other-secret', access_token: tokens.access_token });
    expect(json).toEqual({ error: 'not_authorized', errorDescription: 'Token is not linked to client' });
  });

  it('takes its parameters from the query string too, as the Postman collection sends them', async () => {
    const tokens = await getTokens(emu);
    const url = new URL(`${emu.url}/oauth2/resource`);
    for (const [k, v] of Object.entries({ ...creds, access_token: tokens.access_token })) url.searchParams.set(k, v);
    expect(((await (await fetch(url, { method: 'POST' })).json()) as Record<string, unknown>).id).toBe('3993');
  });

  it('a missing access_token is answered "Check the `access_token` parameter"', async () => {
    expect((await resource(creds)).json).toEqual({ error: 'invalid_request', errorDescription: 'Check the `access_token` parameter' });
  });
});
