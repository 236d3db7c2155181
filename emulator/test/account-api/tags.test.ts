import { one, rows, startApi, type ApiHarness } from './api-call';

describe('account API: tags', () => {
  let api: ApiHarness;
  beforeEach(async () => {
    api = await startApi('tags_read,tags_write,tasks_read,projects_read');
  });
  afterEach(() => api.emu.close());

  it('lists task tags with their groups, filtered by type', async () => {
    expect(rows(await api.call('get_task_tags', { type: 'status' })).map((t) => t.title)).toEqual(['In review', 'Blocked']);
    expect(rows(await api.call('get_task_tag_groups'))).toEqual([
      { id: 50, title: 'Stage', type: 'status', access: 'public' },
      { id: 53, title: 'Area', type: 'label', access: 'public' },
    ]);
  });

  it('sets one status per group: a new status replaces the old one on the task', async () => {
    expect((await api.call('update_task_tags', { id_task: '1012', plus: '51,54' })).status).toBe('ok');
    expect(one(await api.call('get_task', { id_task: '1012' })).tags).toEqual({ '51': 'In review', '54': 'Design' });
    await api.call('update_task_tags', { id_task: '1012', minus: '54' });
    expect(one(await api.call('get_task', { id_task: '1012' })).tags).toEqual({ '51': 'In review' });
  });

  it('adds tags and tag groups that later reads show', async () => {
    const [group] = rows(await api.call('add_task_tag_groups', { title: 'Client', type: 'label', access: 'private' }));
    const tags = rows(await api.call('add_task_tags', { group: group?.id, title: 'ACME,Globex' }));
    expect(tags.map((t) => t.title)).toEqual(['ACME', 'Globex']);
    expect(rows(await api.call('get_task_tags', { group: 'Client' })).map((t) => t.id)).toEqual(tags.map((t) => t.id));
  });

  it('handles project tags the same way', async () => {
    const [group] = rows(await api.call('add_project_tag_groups', { title: 'Budget', access: 'public' }));
    const [tag] = rows(await api.call('add_project_tags', { group: group?.id, title: 'Fixed price' }));
    await api.call('update_project_tags', { id_project: '102', plus: String(tag?.id) });
    expect(one(await api.call('get_project', { id_project: '102' })).tags).toEqual({ [String(tag?.id)]: 'Fixed price' });
    expect(rows(await api.call('get_project_tag_groups')).map((g) => g.title)).toEqual(['Kind', 'Budget']);
    expect(rows(await api.call('get_project_tags')).map((t) => t.title)).toEqual(['Client work', 'Fixed price']);
  });

  it('answers an unknown tag with code 16', async () => {
    expect(await api.call('update_task_tags', { id_task: '1012', plus: 'Nonexistent' })).toMatchObject({
      status_code: 16,
      message: 'Tag is invalid',
    });
    expect(await api.call('add_task_tags', { group: 'No such group', title: 'x' })).toMatchObject({ status_code: 16 });
  });
});
