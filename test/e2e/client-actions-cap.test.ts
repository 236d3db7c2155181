import { WorksectionApiError } from '../../src';
import { RECORD_CAP } from '../../src/client';
import { rejection, signedInWithEveryScope } from '../helpers/client-setup';

// Answers of megabytes, built and read on a machine that may be busy: the strategy's 2 s would be a race, not a check.
const t = signedInWithEveryScope({ timeout: 20_000 });

describe("Worksection's 10,000-record cap", () => {
  it('a list of exactly 10,000 records resolves flagged capped: records may be missing past it', async () => {
    // Project 101 has two top-level tasks: 9,998 more make 10,000, about 3.5 MB of JSON.
    t.emu.accountStores.get('acc1234').addTasks(RECORD_CAP - 2, { projectId: '101' });
    const tasks = await t.client.tasks.list({ id_project: '101' });
    expect(tasks).toHaveLength(RECORD_CAP);
    expect(tasks.capped).toBe(true);
    // The flag is not a field of the data: JSON and copies leave it out.
    expect(Object.keys(tasks)).not.toContain('capped');
    // A narrower query is not flagged.
    const narrow = await t.client.tasks.list({ id_project: '102' });
    expect(narrow.capped).toBe(false);
  }, 30_000);

  it('a list over the cap, which Worksection refuses ("Too many tasks (10000 max)"), rejects with limit and what to do', async () => {
    t.emu.accountStores.get('acc1234').addTasks(1, { projectId: '101' });
    const err = await rejection(t.client.tasks.list({ id_project: '101' }));
    expect(err).toBeInstanceOf(WorksectionApiError);
    expect(err).toMatchObject({ action: 'get_tasks', limit: RECORD_CAP });
    expect((err as Error).message).toMatch(/^Too many tasks \(10000 max\)\. Worksection answers at most 10000 records: narrow the query/);
    expect(JSON.parse(JSON.stringify(err))).toMatchObject({ limit: RECORD_CAP });
    // The same refusal through the typed call, and for get_all_tasks.
    await expect(t.client.call('get_all_tasks')).rejects.toMatchObject({ action: 'get_all_tasks', limit: RECORD_CAP });
  }, 30_000);
});
