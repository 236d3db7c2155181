import { signedInWithEveryScope } from '../helpers/client-setup';

const t = signedInWithEveryScope();

describe('client.users', () => {
  it('list reads the members; add invites one that list then shows', async () => {
    const before = await t.client.users.list();
    expect(before.map((u) => u.id)).toEqual(['3993', '2477']);
    const added = await t.client.users.add({ email: 'new.member@ws.example', first_name: 'New', last_name: 'Member', role: 'user' });
    expect(added).toMatchObject({ email: 'new.member@ws.example', first_name: 'New', last_name: 'Member' });
    const after = await t.client.users.list();
    expect(after.map((u) => u.email)).toContain('new.member@ws.example');
    // getUsers() still works, delegating to users.list().
    await expect(t.client.getUsers()).resolves.toHaveLength(after.length);
  });

  it('groups reads the teams; addGroup creates one', async () => {
    const teams = await t.client.users.groups();
    expect(teams.map((g) => g.title)).toContain('Studio team');
    const created = await t.client.users.addGroup({ title: 'Night shift' });
    expect(created).toMatchObject({ title: 'Night shift', id: expect.any(String) as unknown });
    await expect(t.client.users.groups()).resolves.toEqual(expect.arrayContaining([expect.objectContaining({ title: 'Night shift' })]));
  });

  // https://worksection.com/en/faq/api/api-user/1923.html and https://worksection.com/en/faq/api/api-user/1926.html
  it('updateSchedule sets members’ days by email or id and answers Worksection’s counts, which schedule then reads', async () => {
    const [, other] = await t.client.users.list();
    const email = other!.email;
    await expect(
      t.client.users.updateSchedule({
        data: { [email]: { '24.12.2025': 'vacation', '2025-12-25': 'vacation' }, [other!.id]: { '26.12.2025': 'sick-leave' } },
      }),
    ).resolves.toEqual({ message: 'Days added: 3, days updated: 0', added: 3, updated: 0 });
    await expect(
      t.client.users.updateSchedule({ data: { [other!.id]: { '24.12.2025': 'workday', '25.12.2025': 'unset' } } }),
    ).resolves.toEqual({
      message: 'Days added: 0, days updated: 2',
      added: 0,
      updated: 2,
    });
    const schedule = await t.client.users.schedule({ users: [email], datestart: '01.12.2025', dateend: '31.12.2025' });
    expect(Object.keys(schedule)).toEqual([other!.id]);
    expect(schedule[other!.id]).toMatchObject({ id: other!.id, email, schedule: { '2025-12-24': 'workday', '2025-12-26': 'sick-leave' } });
  });

  it('call() gives get_users_schedule’s answer as Worksection sends it: an object keyed by user id', async () => {
    const raw = await t.client.call('get_users_schedule', { datestart: '01.12.2023', dateend: '31.12.2023' });
    expect(Array.isArray(raw)).toBe(false);
    const members = await t.client.users.list();
    expect(Object.keys(raw).sort()).toEqual(members.map((u) => u.id).sort());
  });

  it('refuses a schedule value Worksection does not document with its code 10 naming data', async () => {
    const [me] = await t.client.users.list();
    const err = await t.client.users
      .updateSchedule({ data: { [me!.email]: { '24.12.2025': 'holiday' as 'vacation' } } })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'WorksectionApiError', statusCode: 10, details: 'data' });
  });
});
