import { createEmulator, type Emulator } from '../../src';
import { getTokens } from '../helpers/oauth-flow';

describe('the account API at {account_url}/api/oauth2', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await createEmulator({ autoApprove: true });
  });
  afterEach(() => emu.close());

  /** The account API's envelope: `data` on success, the other fields on an error. */
  interface ApiAnswer<T> {
    status: string;
    data: T;
    status_code?: number;
    message?: string;
    message_details?: string;
  }

  async function call<T = unknown>(url: string, init: RequestInit = {}) {
    const res = await fetch(url, init);
    return { status: res.status, json: (await res.json()) as ApiAnswer<T>, headers: res.headers };
  }
  const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

  it('answers me with the richer profile as an object in the ok envelope', async () => {
    const { access_token, account_url } = await getTokens(emu);
    const { status, json, headers } = await call<Record<string, unknown>>(`${account_url}/api/oauth2?action=me`, bearer(access_token));
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.status).toBe('ok');
    expect(Object.keys(json.data)).toEqual([
      'id',
      'first_name',
      'last_name',
      'name',
      'title',
      'avatar',
      'group',
      'department',
      'role',
      'email',
      'phone',
      'phone2',
      'phone3',
      'phone4',
      'address',
      'address2',
    ]);
    expect(json.data).toMatchObject({
      id: '3993',
      first_name: 'Henry',
      last_name: 'Gardner',
      name: 'Henry Gardner',
      email: 'Henry.Gardner@ws.com',
      role: 'owner',
    });
  });

  it('puts account_url on the emulator itself, as a path prefix of its origin', async () => {
    const { account_url } = await getTokens(emu);
    expect(account_url).toBe(`${emu.url}/acc1234`);
  });

  it('takes the token as an access_token query parameter too', async () => {
    const { access_token, account_url } = await getTokens(emu);
    expect((await call<{ id: string }>(`${account_url}/api/oauth2?action=me&access_token=${access_token}`)).json.data.id).toBe('3993');
  });

  it('takes parameters from a JSON body', async () => {
    const { access_token, account_url } = await getTokens(emu, { scope: 'tasks_read' });
    const { json } = await call<Array<{ id: string }>>(`${account_url}/api/oauth2`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'get_tasks', id_project: 101 }),
    });
    expect(json.status).toBe('ok');
    expect(json.data.map((t: { id: string }) => t.id)).toEqual(['1001', '1002']);
  });

  it('answers a form body "invalid JSON"', async () => {
    const { access_token, account_url } = await getTokens(emu);
    const { status, json } = await call(`${account_url}/api/oauth2`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=me',
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({ status: 'error', status_code: 400, message: 'invalid JSON' });
  });

  it('answers an expired token with HTTP 401 "Access token is expired"', async () => {
    const { access_token, account_url } = await getTokens(emu);
    emu.clock.advance(86_400_000);
    const { status, json } = await call(`${account_url}/api/oauth2?action=me`, bearer(access_token));
    expect(status).toBe(401);
    expect(json).toMatchObject({ status: 'error', status_code: 401, message: 'Access token is expired' });
  });

  it('answers a garbage or revoked token with HTTP 401 "Access token is invalid"', async () => {
    const { access_token, refresh_token, account_url } = await getTokens(emu);
    expect((await call(`${account_url}/api/oauth2?action=me`, bearer('garbage'))).status).toBe(401);
    await fetch(`${emu.url}/oauth2/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: 'demo-client', client_secret: 'demo-secret', grant_type: 'refresh_token', refresh_token }),
    }).then((r) => r.arrayBuffer());
    const { status, json } = await call(`${account_url}/api/oauth2?action=me`, bearer(access_token));
    expect(status).toBe(401);
    expect(json).toMatchObject({
      status: 'error',
      status_code: 401,
      message: 'Access token is invalid',
      message_details: 'Token has been revoked',
    });
  });

  it('answers a missing token with HTTP 401', async () => {
    const { account_url } = await getTokens(emu);
    expect((await call(`${account_url}/api/oauth2?action=me`)).status).toBe(401);
  });

  it("refuses a token on another account's URL", async () => {
    const { access_token } = await getTokens(emu);
    const { json } = await call(`${emu.url}/acc5678/api/oauth2?action=me`, bearer(access_token));
    expect(json).toMatchObject({ status: 'error', status_code: 403, message: 'Access token does not belong to this account' });
  });

  it('refuses an action whose scope was not granted, naming the scope', async () => {
    const { access_token, account_url } = await getTokens(emu, { scope: 'tasks_read' });
    const { status, json } = await call(`${account_url}/api/oauth2?action=get_projects`, bearer(access_token));
    expect(status).toBe(200);
    expect(json).toEqual({
      status: 'error',
      status_code: 403,
      message: 'Access denied: the token was not granted the scope this action needs',
      message_details: 'projects_read',
    });
  });

  it('filters projects by status with filter=active or filter=archive', async () => {
    const { access_token, account_url } = await getTokens(emu, { scope: 'projects_read' });
    const names = async (filter: string) =>
      (
        await call<Array<{ name: string }>>(`${account_url}/api/oauth2?action=get_projects&filter=${filter}`, bearer(access_token))
      ).json.data.map((p: { name: string }) => p.name);
    expect(await names('active')).toEqual(['Website relaunch']);
    expect(await names('archive')).toEqual(['Brand book']);
    expect(await names('pending')).toEqual([]);
  });

  it('lists the seeded projects, tasks and users of the account', async () => {
    const { access_token, account_url } = await getTokens(emu, { scope: 'projects_read,tasks_read,users_read' });
    const projects = (await call<Array<{ name: string }>>(`${account_url}/api/oauth2?action=get_projects`, bearer(access_token))).json.data;
    expect(projects.map((p: { name: string }) => p.name)).toEqual(['Website relaunch', 'Brand book']);
    const project = (await call(`${account_url}/api/oauth2?action=get_project&id_project=102`, bearer(access_token))).json.data;
    expect(project).toMatchObject({ id: '102', company: 'Gardner & Co' });
    // Worksection's get_all_tasks leaves out archived projects' tasks unless extra=archive.
    const all = (await call(`${account_url}/api/oauth2?action=get_all_tasks`, bearer(access_token))).json.data;
    expect(all).toHaveLength(2);
    const withArchive = (await call(`${account_url}/api/oauth2?action=get_all_tasks&extra=archive`, bearer(access_token))).json.data;
    expect(withArchive).toHaveLength(3);
    const task = (await call(`${account_url}/api/oauth2?action=get_task&id_task=1002`, bearer(access_token))).json.data;
    expect(task).toMatchObject({ id: '1002', project: { id: '101' }, user_to: { id: '3993' } });
    const users = (await call<Array<{ id: string }>>(`${account_url}/api/oauth2?action=get_users`, bearer(access_token))).json.data;
    expect(users.map((u: { id: string }) => u.id)).toEqual(['3993', '2477']);
  });

  it('answers an unknown action and a missing id with error envelopes', async () => {
    const { access_token, account_url } = await getTokens(emu, { scope: 'tasks_read' });
    expect((await call(`${account_url}/api/oauth2?action=drop_tables`, bearer(access_token))).json).toMatchObject({
      status: 'error',
      status_code: 0,
      message: 'Action is invalid',
    });
    expect((await call(`${account_url}/api/oauth2?action=get_tasks`, bearer(access_token))).json).toMatchObject({
      status: 'error',
      message_details: 'id_project',
    });
    expect((await call(`${account_url}/api/oauth2?action=get_task&id_task=9`, bearer(access_token))).json).toMatchObject({
      status: 'error',
      status_code: 5,
    });
  });

  it('answers an unknown account with 404', async () => {
    const { access_token } = await getTokens(emu);
    expect((await call(`${emu.url}/acc0000/api/oauth2?action=me`, bearer(access_token))).status).toBe(404);
  });
});
