import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEmulator, DEMO_CLIENT, type Emulator } from '../src';
import { exchange, getCode, getTokens, jwtClaims, postForm } from './helpers/oauth-flow';

// Bodies Worksection's official Postman collection captured from the live server (test/fixtures).
const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', `${name}.json`), 'utf8');
const compact = (name: string) => JSON.stringify(JSON.parse(fixture(name)));
const shape = (value: Record<string, unknown>) => Object.entries(value).map(([key, v]) => [key, typeof v]);

const creds = { client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret };
const REDIRECT = DEMO_CLIENT.redirectUris[1]!;

describe('the emulator against the live answers in the Postman collection', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await createEmulator({ autoApprove: true });
  });
  afterAll(() => emu.close());

  it('token success: same keys in the same order, same types, same JWT header and claim names, same token lengths', async () => {
    const live = JSON.parse(fixture('token-success')) as Record<string, string>;
    const ours = (
      await exchange(emu, {
        ...creds,
        grant_type: 'authorization_code',
        code: await getCode(emu, { scope: 'projects_read' }),
        redirect_uri: REDIRECT,
      })
    ).json as Record<string, string>;
    expect(shape(ours)).toEqual(shape(live));
    expect(ours.access_token!.split('.')[0]).toBe(live.access_token!.split('.')[0]);
    expect(Object.keys(jwtClaims(ours.access_token!))).toEqual(Object.keys(jwtClaims(live.access_token!)));
    expect(ours.access_token!.split('.')[2]!.length).toBe(live.access_token!.split('.')[2]!.length);
    expect(ours.refresh_token!.slice(0, 8)).toBe(live.refresh_token!.slice(0, 8));
    expect(ours.refresh_token!.length).toBe(live.refresh_token!.length);
  });

  it('refresh success: same keys in the same order (no account_url)', async () => {
    const live = JSON.parse(fixture('refresh-success')) as Record<string, unknown>;
    const tokens = await getTokens(emu);
    const res = await postForm(`${emu.url}/oauth2/refresh`, { ...creds, grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(shape((await res.json()) as Record<string, unknown>)).toEqual(shape(live));
  });

  it('resource success: same five keys in the same order and types', async () => {
    const live = JSON.parse(fixture('resource-success')) as Record<string, unknown>;
    const tokens = await getTokens(emu);
    const res = await postForm(`${emu.url}/oauth2/resource`, { ...creds, access_token: tokens.access_token });
    const ours = (await res.json()) as Record<string, unknown>;
    expect(shape(ours)).toEqual(shape(live));
    expect(ours.id).toBe(live.id);
  });

  it('invalid_client, a reused code, a garbage refresh token and a garbage access token: byte for byte', async () => {
    const code = await getCode(emu);
    const fields = { ...creds, grant_type: 'authorization_code', code, redirect_uri: REDIRECT };
    expect((await exchange(emu, { ...fields, client_secret: 'wrong' })).text).toBe(compact('token-invalid-client'));
    await exchange(emu, fields);
    expect((await exchange(emu, fields)).text).toBe(compact('token-invalid-request'));
    const refresh = await postForm(`${emu.url}/oauth2/refresh`, {
      ...creds,
      grant_type: 'refresh_token',
      refresh_token: '<refresh_token>',
    });
    expect(await refresh.text()).toBe(compact('refresh-invalid-request'));
    const resource = await postForm(`${emu.url}/oauth2/resource`, { ...creds, access_token: '<access_token>' });
    expect(await resource.text()).toBe(compact('resource-not-authorized'));
  });
});
