import { WorksectionClient, type TokenRefresher } from '../../src/client';
import { CallSpacer } from '../../src/client/call-spacer';
import { collectionAnswers } from '../fixtures/collection-answers';
import { json, startHostileServer, type HostileServer } from '../helpers/hostile-server';

// The OAuth client against a server that answers as live Worksection does (the collection's saved answers), where
// the emulator does not yet: the project-folder action's name, complete_task's task, get_my_timer's object.

let server: HostileServer;
let client: WorksectionClient;
beforeEach(async () => {
  server = await startHostileServer();
  const strategy: TokenRefresher = {
    baseURL: server.url,
    refresh: () => Promise.reject(new Error('no refresh in these tests')),
  };
  client = new WorksectionClient({
    strategy,
    accountUrl: `${server.url}/acc1234`,
    tokens: { accessToken: 'access-token-0123456789', refreshToken: 'refresh-token-0123456789' },
    minInterval: 0,
    spacer: new CallSpacer(),
  });
});
afterEach(() => server.close());

/** Answers every call with `data`, as Worksection's envelope. */
function answering(data: unknown): void {
  server.handle((_, res) => json(res, { status: 'ok', data }));
}

describe('the OAuth client against live answers', () => {
  it('projects.addGroup sends add_project_group, the name every official client and the collection use', async () => {
    answering(collectionAnswers.add_project_group['add_project_group / success']);
    await expect(client.projects.addGroup({ title: 'Outsource' })).resolves.toMatchObject({ title: 'Outsource' });
    expect(new URL(server.requests[0]!.url, server.url).searchParams.get('action')).toBe('add_project_group');
  });

  it('tasks.complete resolves to the closed task Worksection answers', async () => {
    const task = collectionAnswers.complete_task['complete_task / success'];
    answering(task);
    await expect(client.tasks.complete({ id_task: task.id })).resolves.toEqual(task);
  });

  it('tasks.complete resolves to undefined when the answer carries no task', async () => {
    server.handle((_, res) => json(res, { status: 'ok' }));
    await expect(client.tasks.complete({ id_task: '1' })).resolves.toBeUndefined();
  });

  it('timers.mine resolves to the one timer object, its time in seconds and without an id', async () => {
    answering(collectionAnswers.get_my_timer['get_my_timer / success']);
    const timer = await client.timers.mine();
    expect(timer).toMatchObject({ time: 4360 });
    expect(timer).not.toHaveProperty('id');
  });

  it('timers.mine resolves to null for an empty list or an empty object', async () => {
    answering([]);
    await expect(client.timers.mine()).resolves.toBeNull();
    answering({});
    await expect(client.timers.mine()).resolves.toBeNull();
  });

  it('tag ids stay the numbers Worksection sends, through call() and the helpers', async () => {
    const tags = collectionAnswers.get_task_tags['get_task_tags / success'];
    answering(tags);
    const listed = await client.tags.taskTags({ group: 'Basic workflow' });
    expect(listed.map((tag) => tag.id)).toEqual(tags.map((tag) => tag.id));
    expect(typeof listed[0]!.id).toBe('number');
  });
});
