import { createEmulator, type Emulator } from '../../src';
import { ADMIN_SIGNATURE_WINDOW_SECONDS } from '../../src/admin-api/admin-signature';
import { adminAuthorization, adminCall, emulatorSecond } from '../helpers/admin-call';
import { frozenClock, getTokens } from '../helpers/oauth-flow';

/** Worksection's answer to a missing or wrong signature, word for word (FAQ https://worksection.com/en/faq/api-start.html). */
const HASH_REFUSED = '{"status":"error","status_code":2,"message":"Action hash is missed or invalid"}';

describe('the admin API at {account_url}/api/admin/v2', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await createEmulator({ autoApprove: true, clock: frozenClock() });
  });
  afterEach(() => emu.close());

  /** Calls the OAuth account API with a token of every scope the test needs. */
  async function oauth(action: string, params: Record<string, unknown> = {}, scope = 'tasks_read,tasks_write,costs_read,costs_write') {
    const { access_token, account_url } = await getTokens(emu, { scope });
    const res = await fetch(`${account_url}/api/oauth2`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action, ...params }),
    });
    return (await res.json()) as { status: string; data?: unknown; status_code?: number; message?: string };
  }

  it('answers a signed call over the same data as the OAuth API, with Worksection headers', async () => {
    const res = await adminCall(emu, 'get_tasks', { id_project: '101' });
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('ok');
    expect((res.json.data as Array<{ id: string }>).map((t) => t.id)).toEqual(
      ((await oauth('get_tasks', { id_project: '101' })).data as Array<{ id: string }>).map((t) => t.id),
    );
  });

  it('takes a GET with the parameters in the query string, and the FAQ’s trailing slash', async () => {
    expect((await adminCall(emu, 'get_task', { id_task: '1002' }, { method: 'GET' })).json).toMatchObject({ data: { id: '1002' } });
    const t = emulatorSecond(emu);
    const res = await fetch(`${emu.accountUrl('acc1234')}/api/admin/v2/?action=get_users`, {
      headers: { authorization: adminAuthorization(emu.adminApiKey('acc1234'), 'get_users', t) },
    });
    expect(((await res.json()) as { status: string }).status).toBe('ok');
  });

  it('writes into the store the OAuth API reads, and reads what the OAuth API wrote', async () => {
    const created = await adminCall(emu, 'post_task', {
      id_project: '101',
      title: 'From the key',
      email_user_from: 'olivia.bennett@ws.com',
    });
    const id = (created.json.data as { id: string }).id;
    expect(await oauth('get_task', { id_task: id })).toMatchObject({
      status: 'ok',
      data: { name: 'From the key', user_from: { email: 'olivia.bennett@ws.com' } },
    });
    await oauth('post_comment', { id_task: id, text: 'Seen from OAuth' }, 'comments_write');
    const comments = (await adminCall(emu, 'get_comments', { id_task: id })).json.data as Array<{ text: string }>;
    expect(comments.map((c) => c.text)).toEqual(['Seen from OAuth']);
  });

  it('records a write without email_user_from as the account owner’s (inferred)', async () => {
    const created = await adminCall(emu, 'post_task', { id_project: '101', title: 'Unsigned author' });
    expect(created.json).toMatchObject({ status: 'ok', data: { user_from: { id: '3993', email: 'Henry.Gardner@ws.com' } } });
  });

  it('requires email_user_from on add_costs, as the PHP SDK says of the admin key, and books the cost to that member', async () => {
    expect((await adminCall(emu, 'add_costs', { id_task: '1002', time: '1:00' })).json).toEqual({
      status: 'error',
      status_code: 10,
      message: 'Field is required',
      message_details: 'email_user_from',
    });
    const added = await adminCall(emu, 'add_costs', {
      id_task: '1002',
      time: '1:15',
      comment: 'Keyed',
      email_user_from: 'olivia.bennett@ws.com',
    });
    expect(added.json).toMatchObject({ status: 'ok', id: expect.any(Number) as unknown });
    const costs = (await oauth('get_costs', { id_task: '1002' })).data as Array<{ comment: string; user_from: { email: string } }>;
    expect(costs.find((c) => c.comment === 'Keyed')?.user_from.email).toBe('olivia.bennett@ws.com');
  });

  it("lists the account's timers and stops one that a user started over OAuth, booking its time", async () => {
    expect((await oauth('start_my_timer', { id_task: '1002' })).status).toBe('ok');
    emu.clock.advance(30 * 60_000);
    const timers = (await adminCall(emu, 'get_timers')).json.data as Array<{ id: string; time: string; user_from: { id: string } }>;
    const henry = timers.find((t) => t.user_from.id === '3993');
    expect(henry?.time).toBe('00:30:00');
    expect((await adminCall(emu, 'stop_timer', { timer: henry!.id })).json).toEqual({ status: 'ok' });
    expect((await oauth('get_my_timer')).data).toEqual([]);
    const booked = (await oauth('get_costs', { id_task: '1002', is_timer: 1 })).data as Array<{ time: string; user_from: { id: string } }>;
    expect(booked).toEqual([expect.objectContaining({ time: '0:30', user_from: expect.objectContaining({ id: '3993' }) as unknown })]);
    expect((await adminCall(emu, 'stop_timer', { timer: henry!.id })).json).toEqual({
      status: 'error',
      status_code: 7,
      message: 'Timer not found',
    });
  });

  it('refuses the account timers over OAuth, and me and the own-timer actions on the admin API, as unknown actions', async () => {
    for (const action of ['get_timers', 'stop_timer']) {
      expect(await oauth(action, { timer: '90' })).toMatchObject({ status: 'error', status_code: 0, message: 'Action is invalid' });
    }
    for (const action of ['me', 'get_my_timer', 'start_my_timer', 'stop_my_timer', 'delete_my_timer']) {
      expect((await adminCall(emu, action, { id_task: '1002' })).json).toEqual({
        status: 'error',
        status_code: 0,
        message: 'Action is invalid',
        message_details: action,
      });
    }
    expect((await adminCall(emu, 'get_timers')).json.data).toHaveLength(1);
  });

  it('refuses a missing, malformed, wrongly keyed or other-action signature with the FAQ’s words, changing nothing', async () => {
    const t = emulatorSecond(emu);
    const key = emu.adminApiKey('acc1234');
    const refused = [
      await adminCall(emu, 'post_task', { id_project: '101', title: 'x' }, { authorization: null }),
      await adminCall(emu, 'post_task', { id_project: '101', title: 'x' }, { authorization: 'Admin garbage' }),
      await adminCall(emu, 'post_task', { id_project: '101', title: 'x' }, { authorization: `Bearer ${key}` }),
      await adminCall(emu, 'post_task', { id_project: '101', title: 'x' }, { key: 'not-the-key' }),
      await adminCall(emu, 'post_task', { id_project: '101', title: 'x' }, { key: emu.adminApiKey('acc5678') }),
      await adminCall(emu, 'post_task', { id_project: '101', title: 'x' }, { authorization: adminAuthorization(key, 'get_users', t) }),
    ];
    for (const res of refused) expect([res.status, res.text]).toEqual([200, HASH_REFUSED]);
    const tasks = (await adminCall(emu, 'get_tasks', { id_project: '101' })).json.data as Array<{ name: string }>;
    expect(tasks.map((task) => task.name)).not.toContain('x');
  });

  it(`accepts a signature up to ${ADMIN_SIGNATURE_WINDOW_SECONDS} s from the emulator's clock either way, and refuses an older or later one`, async () => {
    const now = emulatorSecond(emu);
    const w = ADMIN_SIGNATURE_WINDOW_SECONDS;
    for (const t of [now - w, now + w]) expect((await adminCall(emu, 'get_users', {}, { t })).json.status).toBe('ok');
    for (const t of [now - w - 1, now + w + 1]) expect((await adminCall(emu, 'get_users', {}, { t })).text).toBe(HASH_REFUSED);
  });

  it('refuses a signature that was good once the emulator’s clock has moved past the window', async () => {
    const authorization = adminAuthorization(emu.adminApiKey('acc1234'), 'get_users', emulatorSecond(emu));
    expect((await adminCall(emu, 'get_users', {}, { authorization })).json.status).toBe('ok');
    emu.clock.advance((ADMIN_SIGNATURE_WINDOW_SECONDS + 1) * 1000);
    expect((await adminCall(emu, 'get_users', {}, { authorization })).text).toBe(HASH_REFUSED);
  });

  it('accepts the same signature again within the window: the clients sign only the action and the second', async () => {
    const authorization = adminAuthorization(emu.adminApiKey('acc1234'), 'get_users', emulatorSecond(emu));
    for (let i = 0; i < 3; i += 1) expect((await adminCall(emu, 'get_users', {}, { authorization })).json.status).toBe('ok');
  });

  it('runs the signed action of the query string, whatever action a body names', async () => {
    const res = await adminCall(emu, 'get_users', { action: 'add_user', email: 'intruder@ws.com' });
    expect(res.json.status).toBe('ok');
    expect((res.json.data as Array<{ email: string }>).map((u) => u.email)).not.toContain('intruder@ws.com');
  });

  it('answers a call without an action "Action is required", an unknown signed one "Action is invalid", an unknown account 404', async () => {
    const res = await fetch(`${emu.accountUrl('acc1234')}/api/admin/v2`, { method: 'POST' });
    expect(await res.json()).toMatchObject({ status: 'error', status_code: 1, message: 'Action is required' });
    for (const action of ['no_such_action', '__proto__', 'constructor']) {
      expect((await adminCall(emu, action)).json).toMatchObject({ status_code: 0, message: 'Action is invalid' });
    }
    const nowhere = await fetch(`${emu.url}/nowhere/api/admin/v2?action=get_users`, { method: 'POST' });
    expect(nowhere.status).toBe(404);
  });

  it('serves upload_files (multipart) and download (bytes) with the key as the OAuth API does', async () => {
    const form = new FormData();
    form.append('files[]', new Blob(['keyed bytes'], { type: 'text/plain' }), 'keyed.txt');
    const authorization = adminAuthorization(emu.adminApiKey('acc1234'), 'upload_files', emulatorSecond(emu));
    const uploaded = await fetch(`${emu.accountUrl('acc1234')}/api/admin/v2?action=upload_files`, {
      method: 'POST',
      headers: { authorization },
      body: form,
    });
    expect(await uploaded.json()).toMatchObject({ status: 'ok', data: [{ name: 'keyed.txt', ext: 'txt' }] });
    const [file] = (await adminCall(emu, 'get_files', { id_project: '101' })).json.data as Array<{ id: string; name: string }>;
    const signed = adminAuthorization(emu.adminApiKey('acc1234'), 'download', emulatorSecond(emu));
    const bytes = await fetch(`${emu.accountUrl('acc1234')}/api/admin/v2?action=download&id_file=${file!.id}`, {
      headers: { authorization: signed },
    });
    expect(bytes.headers.get('content-disposition')).toContain('attachment');
    expect((await bytes.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it('counts admin calls as the api endpoint, whose faults apply to them too', async () => {
    emu.stats.reset();
    await adminCall(emu, 'get_users');
    expect(emu.stats.requests.api).toBe(1);
    emu.faults.set('api', { type: 'respond', status: 503, body: 'down', times: 1 });
    const res = await fetch(`${emu.accountUrl('acc1234')}/api/admin/v2?action=get_users`, { method: 'POST' });
    expect(res.status).toBe(503);
  });
});
