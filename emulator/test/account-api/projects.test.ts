import { one, rows, startApi, type ApiHarness } from './api-call';

describe('account API: projects', () => {
  let api: ApiHarness;
  beforeEach(async () => {
    api = await startApi('projects_read,projects_write,tasks_write');
  });
  afterEach(() => api.emu.close());

  it('shows a project posted with post_project in get_projects, with members and options', async () => {
    const posted = one(
      await api.call('post_project', {
        title: 'Newsletter',
        email_manager: 'olivia.bennett@ws.com',
        members: ['olivia.bennett@ws.com'],
        dateend: '30.06.2024',
        'options.allow_close': '1',
        extra: 'options',
      }),
    );
    expect(posted).toMatchObject({
      name: 'Newsletter',
      status: 'active',
      date_end: '2024-06-30',
      user_to: { id: '2477' },
      options: { allow_close: 1, allow_give: 0, timer_only: 0 },
    });
    expect(rows(await api.call('get_projects', { filter: 'active' })).map((p) => p.name)).toEqual(['Website relaunch', 'Newsletter']);
    const read = one(await api.call('get_project', { id_project: posted.id, extra: 'users' }));
    expect((read.users as Array<{ id: string }>).map((u) => u.id)).toEqual(['3993', '2477']);
  });

  it('updates, closes and activates a project, refusing a repeat with code 12', async () => {
    expect(one(await api.call('update_project', { id_project: '101', title: 'Website relaunch 2024' })).name).toBe('Website relaunch 2024');
    expect((await api.call('close_project', { id_project: '101' })).status).toBe('ok');
    expect(one(await api.call('get_project', { id_project: '101' })).status).toBe('archive');
    expect(await api.call('close_project', { id_project: '101' })).toMatchObject({ status_code: 12, message: 'Project is already closed' });
    expect((await api.call('activate_project', { id_project: '101' })).status).toBe('ok');
    expect(await api.call('activate_project', { id_project: '101' })).toMatchObject({
      status_code: 12,
      message: 'Project is already active',
    });
  });

  it('adds and removes members by email, refusing an unknown email with code 11', async () => {
    await api.call('add_project_members', { id_project: '102', members: 'olivia.bennett@ws.com' });
    const members = () =>
      api.call('get_project', { id_project: '102', extra: 'users' }).then((a) => (one(a).users as Array<{ id: string }>).map((u) => u.id));
    expect(await members()).toEqual(['2477', '3993']);
    await api.call('delete_project_members', { id_project: '102', members: ['Henry.Gardner@ws.com'] });
    expect(await members()).toEqual(['2477']);
    expect(await api.call('add_project_members', { id_project: '102', members: 'nobody@ws.com' })).toMatchObject({
      status_code: 11,
      message: 'Invalid email',
    });
    expect(await api.call('add_project_members', { id_project: '102', members: 'not-an-email' })).toMatchObject({ status_code: 11 });
  });

  it('lists and adds project folders', async () => {
    expect(rows(await api.call('get_project_groups'))).toEqual([{ id: '60', title: 'Marketing', type: 'folder', client: 0 }]);
    const added = one(await api.call('add_project_group', { title: 'Internal' }));
    expect(rows(await api.call('get_project_groups')).map((g) => g.id)).toEqual(['60', added.id]);
  });

  it('reports what happened in get_events within the period, and validates the period', async () => {
    const before = rows(await api.call('get_events', { period: '1h' }));
    expect(before[0]).toMatchObject({ action: 'update', object: { type: 'task' } });
    const task = one(await api.call('post_task', { id_project: 101, title: 'Event me' }));
    const after = rows(await api.call('get_events', { period: '10m', id_project: '101' }));
    expect(after.at(-1)).toMatchObject({
      action: 'post',
      object: { type: 'task', id: task.id, page: `/project/101/${String(task.id)}/` },
      user_from: { id: '3993' },
    });
    api.emu.clock.advance(11 * 60_000);
    expect(rows(await api.call('get_events', { period: '10m' }))).toEqual([]);
    expect(await api.call('get_events', { period: '90d' })).toMatchObject({ status_code: 10, message: 'Field is required' });
  });

  it('lists project custom fields', async () => {
    expect(rows(await api.call('get_project_custom_fields'))).toEqual([
      { id: '82', type: 'string', name: 'Contract', descr: 'Contract number', options: [] },
    ]);
  });
});
