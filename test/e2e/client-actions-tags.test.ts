import { signedInWithEveryScope } from '../helpers/client-setup';

const t = signedInWithEveryScope();

describe('client.tags: task tags', () => {
  it('taskTagGroups and taskTags read; addTaskTagGroup and addTaskTags create; updateTaskTags puts tags on a task', async () => {
    await expect(t.client.tags.taskTagGroups({ type: 'status' })).resolves.toEqual([expect.objectContaining({ title: 'Stage' })]);
    const group = await t.client.tags.addTaskTagGroup({ title: 'Size', type: 'label', access: 'public' });
    expect(group).toMatchObject({ title: 'Size', type: 'label' });
    const added = await t.client.tags.addTaskTags({ group: group.id, title: 'Small,Large' });
    expect(added.map((t) => t.title)).toEqual(['Small', 'Large']);
    const inGroup = await t.client.tags.taskTags({ group: group.id });
    expect(inGroup.map((t) => t.title)).toEqual(['Small', 'Large']);

    await t.client.tags.updateTaskTags({ id_task: '1002', plus: added.map((t) => t.id).join(',') });
    const task = await t.client.tasks.get({ id_task: '1002' });
    expect(task.tags).toMatchObject({ [added[0]!.id]: 'Small', [added[1]!.id]: 'Large' });
    await t.client.tags.updateTaskTags({ id_task: '1002', minus: added[1]!.id });
    const after = await t.client.tasks.get({ id_task: '1002' });
    expect(Object.keys(after.tags as object)).not.toContain(added[1]!.id);
  });
});

describe('client.tags: project tags', () => {
  it('projectTagGroups and projectTags read; addProjectTagGroup and addProjectTags create; updateProjectTags puts tags on a project', async () => {
    await expect(t.client.tags.projectTagGroups()).resolves.toEqual([expect.objectContaining({ title: 'Kind' })]);
    await expect(t.client.tags.projectTags()).resolves.toEqual([expect.objectContaining({ title: 'Client work' })]);
    const group = await t.client.tags.addProjectTagGroup({ title: 'Budget', access: 'private' });
    const [tag] = await t.client.tags.addProjectTags({ group: group.id, title: 'Fixed price' });
    expect(tag).toMatchObject({ title: 'Fixed price' });
    await t.client.tags.updateProjectTags({ id_project: '101', plus: tag!.id });
    const project = await t.client.projects.get({ id_project: '101' });
    expect(project.tags).toMatchObject({ [tag!.id]: 'Fixed price' });
  });
});
