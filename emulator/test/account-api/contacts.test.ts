import { one, rows, startApi, type ApiHarness } from './api-call';

describe('account API: contacts', () => {
  let api: ApiHarness;
  beforeEach(async () => {
    api = await startApi('contacts_read,contacts_write');
  });
  afterEach(() => api.emu.close());

  it('shows a contact added with add_contact in get_contacts, in its folder', async () => {
    expect(rows(await api.call('get_contacts'))[0]).toMatchObject({ name: 'Ada Brooks', group: 'Clients' });
    const added = one(await api.call('add_contact', { email: 'jo@client.example', name: 'Jo March', group: '62', phone: '+1 555 0111' }));
    expect(added).toMatchObject({ first_name: 'Jo', last_name: 'March', group: 'Clients', phone: '+1 555 0111' });
    expect(rows(await api.call('get_contacts')).map((c) => c.id)).toEqual(['63', added.id]);
    expect(await api.call('add_contact', { email: 'jo@client.example' })).toMatchObject({ status_code: 10, message_details: 'name' });
  });

  it('lists and adds contact folders', async () => {
    const added = one(await api.call('add_contact_group', { title: 'Suppliers' }));
    expect(rows(await api.call('get_contact_groups')).map((g) => g.title)).toEqual([
      'USERS',
      'DEFAULT',
      'TEAM_ONLY',
      'HIDDEN',
      'Clients',
      'Suppliers',
    ]);
    expect(added.type).toBe('folder');
  });
});
