import { signedInWithEveryScope } from '../helpers/client-setup';

const t = signedInWithEveryScope();

describe('client.costs', () => {
  it('add resolves to the new entry’s id (Worksection answers {"status":"ok","id":…}), which list then shows', async () => {
    const before = await t.client.costs.list({ id_task: '1002' });
    expect(before.map((c) => c.id)).toEqual(['4002']);
    const { id } = await t.client.costs.add({ id_task: '1002', time: '1:30', money: 40, comment: 'Review', date: '08.11.2023' });
    expect(id).toEqual(expect.any(String));
    const after = await t.client.costs.list({ id_task: '1002' });
    expect(after).toEqual(expect.arrayContaining([expect.objectContaining({ id, time: '1:30', comment: 'Review', date: '2023-11-08' })]));
  });

  it('update changes an entry and delete removes it', async () => {
    const { id } = await t.client.costs.add({ id_task: '1012', time: 30 });
    await t.client.costs.update({ id_costs: id, comment: 'Changed', time: '0:45' });
    await expect(t.client.costs.list({ id_task: '1012' })).resolves.toEqual(
      expect.arrayContaining([expect.objectContaining({ id, comment: 'Changed', time: '0:45' })]),
    );
    await t.client.costs.delete({ id_costs: id });
    expect((await t.client.costs.list({ id_task: '1012' })).map((c) => c.id)).not.toContain(id);
  });

  it('total reads the totals, with projects and their tasks as lists (Worksection may key them by id)', async () => {
    const totals = await t.client.costs.total({ id_project: '101', extra: 'projects,tasks' });
    expect(totals.total).toEqual({ time: expect.any(String) as unknown, money: expect.any(String) as unknown });
    expect(totals.projects).toEqual([expect.objectContaining({ id: '101', name: 'Website relaunch' })]);
    expect(Array.isArray(totals.projects[0]!.tasks)).toBe(true);
    expect(totals.projects[0]!.tasks!.map((t) => t.id)).toEqual(expect.arrayContaining(['1001', '1002']));
  });
});
