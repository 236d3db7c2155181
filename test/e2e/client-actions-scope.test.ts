import type { Emulator } from 'worksection-emulator';
import { WorksectionApiError } from '../../src';
import { ACTION_SCOPES } from '../../src/client';
import { startRecorder } from '../helpers/client-recorder';
import { clientOf, rejection, signIn, startEmulator } from '../helpers/client-setup';

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

describe('an action refused for a scope the user did not grant', () => {
  it('rejects with WorksectionApiError whose scope names what to ask for at sign-in', async () => {
    const { client } = clientOf(await signIn(emu, { scope: 'projects_read' }));
    await expect(client.projects.list()).resolves.toHaveLength(2);
    const err = await rejection(client.users.list());
    expect(err).toBeInstanceOf(WorksectionApiError);
    expect(err).toMatchObject({ action: 'get_users', statusCode: 403, scope: 'users_read' });
    expect((err as Error).message).toMatch(/Ask for the users_read scope at sign-in\.$/);
    expect(JSON.parse(JSON.stringify(err))).toMatchObject({ scope: 'users_read' });
  });

  it('names the scope of a write the same way (tasks_write, from the table when Worksection does not name it)', async () => {
    const { client } = clientOf(await signIn(emu, { scope: 'tasks_read' }));
    const err = await rejection(client.tasks.create({ id_project: '101', title: 'Not allowed' }));
    expect(err).toMatchObject({ action: 'post_task', scope: ACTION_SCOPES.post_task.scope });
    expect((err as Error).message).toContain('Ask for the tasks_write scope at sign-in');
  });

  it('is not blocked by the client: the call reaches Worksection whatever the table says', async () => {
    const grant = await signIn(emu, { scope: 'projects_read' });
    const recorder = await startRecorder(emu.url);
    try {
      const { client } = clientOf({ ...grant, accountUrl: grant.accountUrl.replace(emu.url, recorder.url) }, { baseURL: recorder.url });
      await rejection(client.comments.list({ id_task: '1001' }));
      expect(recorder.requests.map((r) => r.url)).toEqual(['/acc1234/api/oauth2?action=get_comments&id_task=1001']);
    } finally {
      await recorder.close();
    }
  });

  it('other refusals carry no scope', async () => {
    const { client } = clientOf(await signIn(emu, { scope: 'tasks_read' }));
    const err = await rejection(client.tasks.get({ id_task: '999999' }));
    expect(err).toBeInstanceOf(WorksectionApiError);
    expect((err as WorksectionApiError).scope).toBeUndefined();
    expect((err as WorksectionApiError).limit).toBeUndefined();
    expect(JSON.parse(JSON.stringify(err))).not.toHaveProperty('scope');
  });
});
