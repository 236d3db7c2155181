import { one, rows, startApi, type ApiHarness } from './api-call';

describe('account API: users', () => {
  let api: ApiHarness;
  beforeEach(async () => {
    api = await startApi('users_read,users_write,tasks_read,tasks_write');
  });
  afterEach(() => api.emu.close());

  it('shows a user invited with add_user in get_users', async () => {
    const added = one(
      await api.call('add_user', {
        email: 'new.person@ws.com',
        first_name: 'New',
        last_name: 'Person',
        role: 'guest',
        group: 'Studio team',
      }),
    );
    expect(added).toMatchObject({ email: 'new.person@ws.com', name: 'New Person', role: 'guest', group: 'Studio team' });
    expect(rows(await api.call('get_users')).map((u) => u.email)).toEqual([
      'Henry.Gardner@ws.com',
      'olivia.bennett@ws.com',
      'new.person@ws.com',
    ]);
    expect(await api.call('add_user', { email: 'no at sign' })).toMatchObject({ status_code: 11, message: 'Invalid email' });
  });

  it('lists teams (client 0 or 1) and adds one', async () => {
    expect(rows(await api.call('get_user_groups'))[0]).toEqual({
      id: expect.any(String) as unknown,
      title: 'Studio team',
      type: 'company',
      client: 0,
    });
    const team = one(await api.call('add_user_group', { title: 'Backend' }));
    expect(rows(await api.call('get_user_groups')).map((g) => g.id)).toContain(team.id);
  });

  it('reads back a schedule written with update_users_schedule', async () => {
    expect(
      (await api.call('update_users_schedule', { data: { 'Henry.Gardner@ws.com': { '02.01.2024': 'vacation', mon: 8 } } })).status,
    ).toBe('ok');
    const schedule = rows(
      await api.call('get_users_schedule', { users: ['henry.gardner@ws.com'], datestart: '01.01.2024', dateend: '31.01.2024' }),
    );
    expect(schedule).toEqual([expect.objectContaining({ id: '3993', dates: { '2024-01-02': 'vacation', mon: '8' } }) as unknown]);
    expect(await api.call('update_users_schedule', { data: { 'Henry.Gardner@ws.com': { '2024-01-02': 'x' } } })).toMatchObject({
      status_code: 10,
    });
  });

  it('subscribes and unsubscribes a member to a task', async () => {
    const subscribers = async () =>
      (one(await api.call('get_task', { id_task: '1002', extra: 'subscribers' })).subscribers as Array<{ id: string }>).map((u) => u.id);
    await api.call('subscribe', { id_task: '1002', email_user: 'olivia.bennett@ws.com' });
    expect(await subscribers()).toEqual(['2477']);
    await api.call('unsubscribe', { id_task: '1002', email_user: 'olivia.bennett@ws.com' });
    expect(await subscribers()).toEqual([]);
  });
});
