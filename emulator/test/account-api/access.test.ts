import { ACTION_SCOPES } from '../../src/account-api/action-scopes';
import { one, startApi, type ApiHarness } from './api-call';

describe('account API: actions, scopes and parameters', () => {
  let api: ApiHarness;
  afterEach(() => api.emu.close());

  it('refuses every action whose scope the token lacks, naming the scope from ACTION_SCOPES', async () => {
    api = await startApi('contacts_read');
    for (const [action, { scope }] of Object.entries(ACTION_SCOPES)) {
      const answer = await api.call(action, { id_task: '1002', id_project: '101' });
      if (scope === null || scope === 'contacts_read') {
        expect({ action, status: answer.status }).toEqual({ action, status: 'ok' });
      } else {
        expect({ action, answer }).toEqual({
          action,
          answer: {
            status: 'error',
            status_code: 403,
            message: 'Access denied: the token was not granted the scope this action needs',
            message_details: scope,
          },
        });
      }
    }
  });

  it('answers the project-folder action by the name of its saved answers, the plural of a hand-typed URL as unknown', async () => {
    api = await startApi('projects_write');
    expect(await api.get('action=add_project_group&title=Folder')).toMatchObject({ status: 'ok', data: { title: 'Folder' } });
    expect(await api.get('action=add_project_groups&title=Folder')).toMatchObject({ status: 'error', status_code: 0 });
  });

  it('answers a missing action with code 1 and an unknown one with code 0', async () => {
    api = await startApi('tasks_read');
    expect(await api.get('id_task=1')).toMatchObject({ status: 'error', status_code: 1, message: 'Action is required' });
    expect(await api.get('action=add_project_folder')).toMatchObject({
      status: 'error',
      status_code: 0,
      message: 'Action is invalid',
      message_details: 'add_project_folder',
    });
    expect(await api.get('action=__proto__')).toMatchObject({ status_code: 0 });
    expect(await api.get('action=toString')).toMatchObject({ status_code: 0 });
  });

  it('takes a page link instead of an id, and answers a malformed one with code 3', async () => {
    api = await startApi('tasks_read');
    expect(one(await api.get('action=get_task&page=/project/101/1002/1012/')).id).toBe('1012');
    expect(await api.get('action=get_task&page=/etc/passwd')).toMatchObject({ status_code: 3, message: 'Page is invalid' });
  });

  it('treats __proto__ and constructor parameters as plain unknown names', async () => {
    api = await startApi('tasks_read,tasks_write,users_write');
    const res = await fetch(`${api.accountUrl}/api/oauth2`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
      body: '{"action":"post_task","id_project":"101","title":"Proto","__proto__":{"priority":"10","polluted":1},"constructor":{"prototype":{"polluted":1}}}',
    });
    const task = one((await res.json()) as Parameters<typeof one>[0]);
    expect(task).toMatchObject({ name: 'Proto', priority: '0' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await api.call('update_users_schedule', { data: JSON.parse('{"__proto__":{"01.01.2024":"x"}}') as unknown })).toMatchObject({
      status_code: 10,
      message_details: 'data',
    });
    expect(await api.get('action=get_task&id_task=1002&id_task=1001')).toMatchObject({ data: { id: '1002' } });
    expect(await api.get(`action=post_task&id_project=101&title=x&priority=${'9'.repeat(40)}`)).toMatchObject({
      status_code: 10,
      message: 'Field is required',
    });
  });
});
