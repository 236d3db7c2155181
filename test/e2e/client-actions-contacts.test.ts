import type { Emulator } from '../../src/emulator';
import { SCOPES, type WorksectionClient } from '../../src';
import { clientOf, signIn, startEmulator } from '../helpers/client-setup';

let emu: Emulator;
let client: WorksectionClient;

beforeAll(async () => {
  emu = await startEmulator();
  ({ client } = clientOf(await signIn(emu, { scope: SCOPES.join(',') })));
});
afterAll(() => emu.close());

describe('client.contacts', () => {
  it('list reads the contacts; add creates one in a folder that list then shows', async () => {
    const before = await client.contacts.list();
    expect(before.map((c) => c.name)).toEqual(['Ada Brooks']);
    const [folder] = await client.contacts.groups();
    const added = await client.contacts.add({
      email: 'bo@lind.example',
      name: 'Bo Lind',
      title: 'CTO',
      group: folder!.id,
      phone: '+46 8 123',
    });
    expect(added).toMatchObject({ name: 'Bo Lind', email: 'bo@lind.example', title: 'CTO' });
    await expect(client.contacts.list()).resolves.toEqual(expect.arrayContaining([expect.objectContaining({ id: added.id })]));
  });

  it('groups reads the folders; addGroup creates one', async () => {
    await expect(client.contacts.groups()).resolves.toEqual([expect.objectContaining({ title: 'Clients' })]);
    const created = await client.contacts.addGroup({ title: 'Suppliers' });
    expect(created).toMatchObject({ title: 'Suppliers' });
    const titles = (await client.contacts.groups()).map((g) => g.title);
    expect(titles).toEqual(['Clients', 'Suppliers']);
  });
});
