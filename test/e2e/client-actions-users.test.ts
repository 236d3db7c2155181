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

  it('updateSchedule sets a member’s day off, which schedule then reads', async () => {
    const [, other] = await t.client.users.list();
    const email = other!.email;
    await t.client.users.updateSchedule({ data: { [email]: { '24.12.2025': 'holiday' } } });
    const schedule = await t.client.users.schedule({ users: [email], datestart: '01.12.2025', dateend: '31.12.2025' });
    expect(schedule).toEqual([expect.objectContaining({ email, dates: expect.objectContaining({ '2025-12-24': 'holiday' }) as unknown })]);
  });
});
