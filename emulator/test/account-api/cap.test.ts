import { LIST_CAP } from '../../src/account-api/list-cap';
import { rows, startApi, type ApiHarness } from './api-call';

describe('account API: the 10,000-record cap', () => {
  let api: ApiHarness;
  beforeEach(async () => {
    api = await startApi('tasks_read');
  });
  afterEach(() => api.emu.close());

  it('answers a list of exactly 10,000 tasks, and refuses one more with "Too many tasks (10000 max)"', async () => {
    const store = api.emu.accountStores.get('acc1234');
    store.addTasks(LIST_CAP - 2, { projectId: '101' });
    expect(rows(await api.call('get_tasks', { id_project: '101' }))).toHaveLength(LIST_CAP);
    store.addTasks(1, { projectId: '101' });
    expect(await api.call('get_tasks', { id_project: '101' })).toMatchObject({
      status: 'error',
      status_code: 9,
      message: 'Too many tasks (10000 max)',
    });
    expect(await api.call('get_all_tasks')).toMatchObject({ status_code: 9 });
    expect(rows(await api.call('search_tasks', { filter: "name has 'Wireframes'" })).map((t) => t.id)).toEqual(['1001']);
  });
});
