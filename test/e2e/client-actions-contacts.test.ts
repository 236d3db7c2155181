import { signedInWithEveryScope } from '../helpers/client-setup';

const t = signedInWithEveryScope();

describe('client.contacts', () => {
  it('list reads the contacts; add creates one in a folder that list then shows', async () => {
    const before = await t.client.contacts.list();
    expect(before.map((c) => c.name)).toEqual(['Ada Brooks']);
    // The account's own folders follow the four presets live lists first (collection: get_contact_groups / success).
    const folder = (await t.client.contacts.groups()).find((g) => g.type === 'folder');
    const added = await t.client.contacts.add({
      email: 'bo@lind.example',
      name: 'Bo Lind',
      title: 'CTO',
      group: folder!.id,
      phone: '+46 8 123',
    });
    expect(added).toMatchObject({ name: 'Bo Lind', email: 'bo@lind.example', title: 'CTO' });
    await expect(t.client.contacts.list()).resolves.toEqual(expect.arrayContaining([expect.objectContaining({ id: added.id })]));
  });

  it('groups reads the folders; addGroup creates one', async () => {
    const folders = async () => (await t.client.contacts.groups()).filter((g) => g.type === 'folder');
    await expect(folders()).resolves.toEqual([expect.objectContaining({ title: 'Clients' })]);
    const created = await t.client.contacts.addGroup({ title: 'Suppliers' });
    expect(created).toMatchObject({ title: 'Suppliers' });
    const titles = (await t.client.contacts.groups()).map((g) => g.title);
    expect(titles).toEqual(['USERS', 'DEFAULT', 'TEAM_ONLY', 'HIDDEN', 'Clients', 'Suppliers']);
    expect((await folders()).map((g) => g.title)).toEqual(['Clients', 'Suppliers']);
  });
});
