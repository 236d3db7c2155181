import { inspect } from 'node:util';
import { WorksectionApiError, WorksectionConfigError, type WorksectionTask } from '../../src/client';
import { WorksectionAdminClient } from '../../src/client/admin/admin-client';
import { WorksectionApiKeyError } from '../../src/errors/api-key-error';
import { API_KEY_REFUSED } from '../../src/errors/codes';
import { CallSpacer } from '../../src/client/call-spacer';
import { startAdminApiServer, type AdminApiServer } from '../helpers/admin-api-server';
import { rejection } from '../helpers/client-setup';

const API_KEY = '5d1a7c0e9b3f48a2b6c4d8e0f1a2b3c4';

/** A task as Worksection answers it (the collection's saved post_task answer, trimmed). */
const TASK: WorksectionTask = {
  id: '332151',
  name: 'Template prototype',
  page: '/project/6622/332151/',
  status: 'active',
  priority: '1',
  user_from: { id: '5686', email: 'kate.greenway@ws.com', name: 'Kate Greenway' },
};

let api: AdminApiServer;
beforeEach(async () => {
  api = await startAdminApiServer(API_KEY);
});
afterEach(() => api.close());

function adminClient(apiKey = API_KEY): WorksectionAdminClient {
  return new WorksectionAdminClient({ accountUrl: api.accountUrl, apiKey, baseURL: api.url, minInterval: 0, spacer: new CallSpacer() });
}

describe('WorksectionAdminClient', () => {
  it('reads with a signed POST to /api/admin/v2, the key nowhere in the request', async () => {
    api.answer(() => ({ status: 'ok', data: [{ id: '6622', name: 'Brand launch', page: '/project/6622/', status: 'active' }] }));
    const projects = await adminClient().projects.list({ filter: 'active' });
    expect(projects.map((p) => p.id)).toEqual(['6622']);
    const [call] = api.accepted;
    expect(call).toMatchObject({ action: 'get_projects', params: { filter: 'active' } });
    expect(call!.request.url).toBe('/acc1234/api/admin/v2?action=get_projects');
    expect(call!.request.headers['content-type']).toBe('application/json');
    expect(JSON.stringify(call!.request)).not.toContain(API_KEY);
  });

  it('writes with the author named: post_task with email_user_from, add_costs with it required', async () => {
    api.answer(({ action }) => (action === 'add_costs' ? { status: 'ok', id: 3707 } : { status: 'ok', data: TASK }));
    const admin = adminClient();
    const task = await admin.tasks.create({ id_project: '6622', title: 'Template prototype', email_user_from: 'kate.greenway@ws.com' });
    expect(task).toEqual(TASK);
    await expect(admin.costs.add({ id_task: '332151', time: '1,5', email_user_from: 'kate.greenway@ws.com' })).resolves.toEqual({
      id: '3707',
    });
    expect(api.accepted.map((c) => [c.action, c.params.email_user_from])).toEqual([
      ['post_task', 'kate.greenway@ws.com'],
      ['add_costs', 'kate.greenway@ws.com'],
    ]);
  });

  it("lists the account's timers and stops one (get_timers, stop_timer)", async () => {
    const running = [{ id: '2918', time: '00:11:13', date_started: '2021-08-18 13:37', user_from: TASK.user_from, task: TASK }];
    api.answer(({ action }) => (action === 'get_timers' ? { status: 'ok', data: running } : { status: 'ok' }));
    const admin = adminClient();
    const timers = await admin.timers.list();
    expect(timers.map((t) => [t.id, t.time])).toEqual([['2918', '00:11:13']]);
    await expect(admin.timers.stop({ timer: timers[0]!.id })).resolves.toBeUndefined();
    expect(api.accepted.at(-1)).toMatchObject({ action: 'stop_timer', params: { timer: '2918' } });
  });

  it('rejects a refused signature with WorksectionApiKeyError, which says to check the API key', async () => {
    const err = await rejection(adminClient('not-the-account-key-0123456789').users.list());
    expect(err).toBeInstanceOf(WorksectionApiKeyError);
    expect(err).not.toBeInstanceOf(WorksectionApiError);
    expect(err).toMatchObject({ code: API_KEY_REFUSED, action: 'get_users', statusCode: 2, status: 200 });
    expect((err as Error).message).toMatch(/Action hash is missed or invalid.*Check the apiKey option/);
    expect(api.accepted).toEqual([]);
  });

  it('keeps the API key out of every error, even when the server echoes it back', async () => {
    const wrongKey = 'wrong-key-9f8e7d6c5b4a39281706';
    api.answer(({ params }) => ({
      status: 'error',
      status_code: 10,
      message: `Field is required for ${API_KEY}`,
      message_details: String(params.echo),
    }));
    const errors = [
      await rejection(adminClient().callJson('get_task', { id_task: '1', echo: API_KEY })),
      await rejection(adminClient(wrongKey).tasks.get({ id_task: '1' })),
      await rejection(adminClient().call('get_task', { id_task: '1', action: 'x' } as never)),
    ];
    for (const err of errors) {
      const shown = `${String(err)} ${JSON.stringify(err)} ${(err as Error).stack ?? ''}`;
      expect(shown).not.toContain(API_KEY);
      expect(shown).not.toContain(wrongKey);
    }
    expect(errors[0]).toMatchObject({ statusCode: 10, message: 'Field is required for [redacted]', details: '[redacted]' });
    expect(api.server.requests.every((r) => !r.url.includes(API_KEY) && !r.url.includes(wrongKey))).toBe(true);
  });

  it('refuses a missing or spaced apiKey without echoing it', () => {
    expect(() => new WorksectionAdminClient({ accountUrl: api.accountUrl, apiKey: '', baseURL: api.url })).toThrow(WorksectionConfigError);
    let thrown: unknown;
    try {
      new WorksectionAdminClient({ accountUrl: api.accountUrl, apiKey: 'secret with spaces', baseURL: api.url });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({ option: 'apiKey' });
    expect(String(thrown)).not.toContain('secret with spaces');
  });

  it('does not show the API key when the client itself is logged', () => {
    const admin = adminClient();
    expect(inspect(admin, { depth: 5 })).not.toContain(API_KEY);
    expect(Object.values(admin)).not.toContain(API_KEY);
  });
});
