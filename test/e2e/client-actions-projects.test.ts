import { signedInWithEveryScope } from '../helpers/client-setup';

const t = signedInWithEveryScope();

describe('client.projects', () => {
  it('list and get read projects; create adds one that get reads back', async () => {
    const active = await t.client.projects.list({ filter: 'active' });
    expect(active.map((p) => p.name)).toEqual(['Website relaunch']);
    const created = await t.client.projects.create({ title: 'Annual report', text: 'Numbers and pictures.', dateend: '30.06.2026' });
    expect(created).toMatchObject({ name: 'Annual report', status: 'active' });
    await expect(t.client.projects.get({ id_project: created.id, extra: 'text' })).resolves.toMatchObject({
      id: created.id,
      text: 'Numbers and pictures.',
      date_end: '2026-06-30',
    });
    // getProjects() still works, delegating to projects.list().
    await expect(t.client.getProjects()).resolves.toEqual(expect.arrayContaining([expect.objectContaining({ id: created.id })]));
  });

  it('update renames, close archives and activate reopens a project', async () => {
    const { id } = await t.client.projects.create({ title: 'Temp' });
    await expect(t.client.projects.update({ id_project: id, title: 'Kept' })).resolves.toMatchObject({ id, name: 'Kept' });
    await t.client.projects.close({ id_project: id });
    await expect(t.client.projects.get({ id_project: id })).resolves.toMatchObject({ status: 'archive' });
    await t.client.projects.activate({ id_project: id });
    await expect(t.client.projects.get({ id_project: id })).resolves.toMatchObject({ status: 'active' });
  });

  it('addMembers and removeMembers change who is on a project, as extra=users shows', async () => {
    const { id } = await t.client.projects.create({ title: 'Members' });
    const [, other] = await t.client.users.list();
    const email = other!.email;
    await t.client.projects.addMembers({ id_project: id, members: [email] });
    const withMember = await t.client.projects.get({ id_project: id, extra: 'users' });
    expect(withMember.users).toEqual(expect.arrayContaining([expect.objectContaining({ email })]));
    await t.client.projects.removeMembers({ id_project: id, members: [email] });
    const without = await t.client.projects.get({ id_project: id, extra: 'users' });
    expect(without.users ?? []).not.toEqual(expect.arrayContaining([expect.objectContaining({ email })]));
  });

  // addGroup sends add_project_group, which this emulator does not serve yet: test/client/live-answers.test.ts has it.
  it('groups, events and customFields', async () => {
    await expect(t.client.projects.groups()).resolves.toEqual([expect.objectContaining({ title: 'Marketing' })]);
    const { id } = await t.client.projects.create({ title: 'Eventful' });
    const events = await t.client.projects.events({ period: '1h', id_project: id });
    expect(events).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'post', object: expect.objectContaining({ id }) as unknown })]),
    );
    await expect(t.client.projects.customFields()).resolves.toEqual([expect.objectContaining({ name: 'Contract' })]);
  });

  it('create sends files as attach[n] parts (the FAQ): the project’s files list them', async () => {
    const created = await t.client.projects.create({ title: 'With a brief', attach: [{ name: 'brief.txt', content: 'the brief' }] });
    const files = await t.client.files.list({ id_project: created.id });
    expect(files.map((f) => f.name)).toEqual(['brief.txt']);
  });
});
