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

  // https://worksection.com/en/faq/api/api-user/1923.html and https://worksection.com/en/faq/api/api-user/1926.html
  it('answers get_users_schedule as an object keyed by user id, each with a schedule of YYYY-MM-DD days', async () => {
    const answer = await api.call('update_users_schedule', {
      data: { 'Henry.Gardner@ws.com': { '07.06.2021': 'vacation', '08.06.2021': 'vacation' }, '2477': { '2021-06-12': 'sick-leave' } },
    });
    expect(answer).toEqual({ status: 'ok', data: [], message: 'Days added: 3, days updated: 0' });
    const read = await api.call('get_users_schedule', {
      users: 'henry.gardner@ws.com,2477',
      datestart: '07.06.2021',
      dateend: '12.06.2021',
    });
    expect(read).toEqual({
      status: 'ok',
      data: {
        '3993': expect.objectContaining({
          id: '3993',
          email: 'Henry.Gardner@ws.com',
          name: expect.any(String) as unknown,
          group: expect.any(String) as unknown,
          department: expect.any(String) as unknown,
          schedule: { '2021-06-07': 'vacation', '2021-06-08': 'vacation' },
        }) as unknown,
        '2477': expect.objectContaining({ id: '2477', schedule: { '2021-06-12': 'sick-leave' } }) as unknown,
      },
    });
  });

  it('reads the schedule between datestart and dateend inclusive, and every member without users', async () => {
    await api.call('update_users_schedule', {
      data: { '3993': { '06.06.2021': 'workday', '07.06.2021': 'vacation', '08.06.2021': 'workday' } },
    });
    const read = await api.call('get_users_schedule', { datestart: '07.06.2021', dateend: '08.06.2021' });
    const data = read.data as Record<string, { schedule: Record<string, string> }>;
    expect(Object.keys(data).sort()).toEqual(['2477', '3993']);
    expect(data['3993']?.schedule).toEqual({ '2021-06-07': 'vacation', '2021-06-08': 'workday' });
    expect(data['2477']?.schedule).toEqual({});
  });

  it('overwrites a day with a new value and removes it with unset, counting added and updated days', async () => {
    await api.call('update_users_schedule', { data: { '3993': { '07.06.2021': 'vacation', '08.06.2021': 'vacation' } } });
    expect(
      await api.call('update_users_schedule', {
        data: { 'henry.gardner@ws.com': { '2021-06-07': 'sick-leave', '09.06.2021': 'vacation' } },
      }),
    ).toMatchObject({ message: 'Days added: 1, days updated: 1' });
    expect(await api.call('update_users_schedule', { data: { '3993': { '2021-06-08': 'unset' } } })).toMatchObject({
      message: 'Days added: 0, days updated: 1',
    });
    const read = await api.call('get_users_schedule', { users: '3993' });
    expect((read.data as Record<string, { schedule: unknown }>)['3993']?.schedule).toEqual({
      '2021-06-07': 'sick-leave',
      '2021-06-09': 'vacation',
    });
  });

  it.each([
    ['a value the docs do not list', { 'Henry.Gardner@ws.com': { '07.06.2021': 'holiday' } }],
    ['a number of hours', { 'Henry.Gardner@ws.com': { '07.06.2021': 8 } }],
    ['a weekday key', { 'Henry.Gardner@ws.com': { mon: 'workday' } }],
    ['a date that does not exist', { 'Henry.Gardner@ws.com': { '31.02.2021': 'vacation' } }],
    ['a stranger', { 'nobody@ws.com': { '07.06.2021': 'vacation' } }],
    ['a __proto__ key', JSON.parse('{"__proto__":{"07.06.2021":"vacation"}}') as unknown],
    ['days that are not an object', { 'Henry.Gardner@ws.com': ['07.06.2021'] }],
  ])('refuses update_users_schedule data with %s as a missing data field, changing nothing', async (_what, data) => {
    const before = await api.call('get_users_schedule');
    expect(
      await api.call('update_users_schedule', { data: { 'olivia.bennett@ws.com': { '01.06.2021': 'vacation' }, ...(data as object) } }),
    ).toEqual({
      status: 'error',
      status_code: 10,
      message: 'Field is required',
      message_details: 'data',
    });
    expect(await api.call('get_users_schedule')).toEqual(before);
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
