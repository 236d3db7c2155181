import { AccountStores } from '../../../src/account-api/store/account-stores';
import { AccountStore } from '../../../src/account-api/store/account-store';
import { createEmulator } from '../../../src';
import { Directory } from '../../../src/directory/directory';
import { DEMO_ACCOUNTS, DEMO_CLIENT, DEMO_USERS } from '../../../src/directory/demo';
import { getTokens } from '../../helpers/oauth-flow';

const directory = () => new Directory([DEMO_CLIENT], DEMO_USERS, DEMO_ACCOUNTS);

describe('AccountStores', () => {
  it('seeds each account from the demo data on first use', () => {
    const stores = new AccountStores(directory(), () => Date.UTC(2024, 0, 1));
    expect(stores.get('acc1234').state.projects.map((p) => p.id)).toEqual(['101', '102']);
    expect(stores.get('acc5678').state.users.map((u) => u.id)).toEqual(['3993', '5120']);
    expect(() => stores.get('nope')).toThrow(RangeError);
  });

  it('survives toJSON → JSON text → fromJSON with writes and file bytes intact', () => {
    const stores = new AccountStores(directory(), () => 0);
    const store = stores.get('acc1234');
    store.addTasks(3);
    store.state.files.push({
      id: 'f1',
      name: 'b.bin',
      contentType: 'application/octet-stream',
      base64: Buffer.from([0, 255]).toString('base64'),
      size: 2,
      userId: '3993',
      added: 0,
      taskId: '',
      commentId: '',
      attached: false,
    });
    const restored = AccountStores.fromJSON(JSON.parse(JSON.stringify(stores)) as unknown, directory(), () => 0).get('acc1234');
    expect(restored.state).toEqual(store.state);
    expect(restored.newId()).toBe(store.newId());
  });

  it('refuses saved data of the wrong shape', () => {
    expect(() => AccountStores.fromJSON({ version: 2, accounts: [] }, directory(), () => 0)).toThrow(TypeError);
    expect(() => AccountStores.fromJSON({ version: 1, accounts: [['acc1234', { nextId: 1 }]] }, directory(), () => 0)).toThrow(
      /users must be an array/,
    );
    expect(() => AccountStore.fromJSON(null)).toThrow(TypeError);
  });

  it('shows a write to emu.accountStores over HTTP and in what toJSON saves', async () => {
    const emu = await createEmulator({ autoApprove: true });
    try {
      const saved = JSON.parse(JSON.stringify(emu.accountStores)) as { accounts: Array<[string, { projects: Array<{ name: string }> }]> };
      expect(saved.accounts).toEqual([]);
      emu.accountStores.get('acc1234').state.projects[0]!.name = 'Renamed before saving';
      const again = AccountStores.fromJSON(JSON.parse(JSON.stringify(emu.accountStores)) as unknown, directory(), () => 0);
      expect(again.get('acc1234').state.projects[0]?.name).toBe('Renamed before saving');
      const { access_token, account_url } = await getTokens(emu, { scope: 'projects_read' });
      const res = await fetch(`${account_url}/api/oauth2?action=get_project&id_project=101`, {
        headers: { authorization: `Bearer ${access_token}` },
      });
      expect(((await res.json()) as { data: { name: string } }).data.name).toBe('Renamed before saving');
    } finally {
      await emu.close();
    }
  });
});
