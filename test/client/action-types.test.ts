// What TypeScript accepts of the typed account-API surface. The assertions are compile-time: `npm run typecheck`
// fails when a line marked @ts-expect-error compiles (a check got lost) or an unmarked line does not. The calls are
// inside functions Jest never runs; Jest only checks the type-level equalities came out true.
import type { Readable } from 'node:stream';
import type {
  ActionMap,
  ActionName,
  ActionResult,
  WorksectionClient,
  WorksectionCostTotals,
  WorksectionDownload,
  WorksectionList,
  WorksectionTask,
  WorksectionUploadedFile,
} from '../../src/client';

/** `true` when A and B are the same type (mutually assignable, and neither is `any`). */
type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? (0 extends 1 & A ? false : 0 extends 1 & B ? false : true) : false) : false;

const facts = {
  everyActionIsMapped: true satisfies Equal<keyof ActionMap, ActionName>,
  getTasksResult: true satisfies Equal<ActionResult<'get_tasks'>, WorksectionTask[]>,
  downloadResult: true satisfies Equal<ActionResult<'download'>, WorksectionDownload>,
};

async function typedCalls(client: WorksectionClient): Promise<void> {
  const tasks = await client.call('get_tasks', { id_project: '101', filter: 'active' });
  const same: WorksectionTask[] = tasks;
  const me = await client.call('me');
  const name: string = me.name;
  const added = await client.call('add_costs', { id_task: '1', time: '1:30' });
  const id: string | number = added.id;

  // @ts-expect-error get_tasks needs id_project.
  await client.call('get_tasks');
  // @ts-expect-error ids are strings, as Worksection sends them.
  await client.call('get_tasks', { id_project: 101 });
  // @ts-expect-error a parameter get_tasks does not take (a typo): callJson is the way to send one we lack.
  await client.call('get_tasks', { id_project: '101', id_projet: '1' });
  // @ts-expect-error filter is active, pending or archive.
  await client.call('get_projects', { filter: 'closed' });
  // @ts-expect-error get_files takes a project or a task, not both.
  await client.call('get_files', { id_project: '1', id_task: '2' });

  // An action this package does not know: any parameters, an unknown answer.
  const unknownAnswer = await client.call('get_brand_new_thing', { anything: 1 });
  const countOf = (list: string[]): number => list.length;
  // @ts-expect-error the answer of an unknown action must be checked before use.
  countOf(unknownAnswer);
  const dynamic: string = String(Math.random());
  const dynamicAnswer: unknown = await client.call(dynamic);
  const raw = await client.callJson<{ ok: boolean }>('post_brand_new_thing', { a: [1] });

  expect([same, name, id, dynamicAnswer, raw.ok]).toBeDefined();
}

async function helpers(client: WorksectionClient): Promise<void> {
  const list: WorksectionList<WorksectionTask> = await client.tasks.list({ id_project: '1' });
  const capped: boolean = list.capped;
  const all: WorksectionTask[] = await client.tasks.listAll();
  const created: WorksectionTask = await client.tasks.create({ id_project: '1', title: 'T', priority: 5, todo: ['a'] });
  const download = await client.files.download('70', { signal: AbortSignal.timeout(1000) });
  const stream: Readable = download.stream;
  const size: number | undefined = download.size;
  const uploaded: WorksectionUploadedFile[] = await client.files.upload([{ name: 'a.txt', content: 'x' }]);
  await client.comments.post({ id_task: '1', text: 'hi', files: uploaded });
  const cost: { id: string } = await client.costs.add({ id_task: '1', money: 10 });
  const totals: WorksectionCostTotals = await client.costs.total({ extra: 'projects' });
  const timer = await client.timers.mine();
  const running: number | undefined = timer?.time;
  await client.webhooks.add({ url: 'https://x.example/h', events: ['post_task', 'close_task'] });
  // @ts-expect-error an event Worksection does not send.
  await client.webhooks.add({ url: 'https://x.example/h', events: ['post_tsk'] });
  // @ts-expect-error projects.events needs a period such as 30d.
  await client.projects.events({});
  // @ts-expect-error a period is minutes, hours or days.
  await client.projects.events({ period: '2w' });
  // The old helpers still work.
  const projects = await client.getProjects({ filter: 'active' });
  const users = await client.getUsers();
  expect([capped, all, created, stream, size, cost, totals, running, projects.capped, users.length]).toBeDefined();
}

describe('the typed account-API surface', () => {
  it('maps every one of the 63 actions, and types call() and the helpers by it (checked by the type checker)', () => {
    expect(Object.values(facts).every(Boolean)).toBe(true);
    expect([typedCalls, helpers].map((f) => typeof f)).toEqual(['function', 'function']);
  });
});
