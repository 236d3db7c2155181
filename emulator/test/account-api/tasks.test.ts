import { one, rows, startApi, type ApiHarness } from './api-call';

describe('account API: tasks', () => {
  let api: ApiHarness;
  beforeEach(async () => {
    api = await startApi('tasks_read,tasks_write,projects_read');
  });
  afterEach(() => api.emu.close());

  it("lists a project's top-level tasks, and their subtasks as child with extra=subtasks", async () => {
    expect(rows(await api.call('get_tasks', { id_project: '101' })).map((t) => t.id)).toEqual(['1001', '1002']);
    const withSubtasks = rows(await api.call('get_tasks', { id_project: '101', extra: 'subtasks' }));
    expect((withSubtasks[1]?.child as Array<{ id: string }>).map((t) => t.id)).toEqual(['1011', '1012']);
  });

  it('shows a task posted with post_task in get_task, with Worksection-style dates', async () => {
    const posted = one(
      await api.call('post_task', {
        id_project: 101,
        title: 'Launch checklist',
        email_user_to: 'olivia.bennett@ws.com',
        priority: 9,
        datestart: '01.03.2024',
        dateend: '15.03.2024',
        text: 'Go-live steps',
      }),
    );
    expect(posted).toMatchObject({
      name: 'Launch checklist',
      priority: '9',
      date_start: '2024-03-01',
      date_end: '2024-03-15',
      user_to: { id: '2477' },
    });
    expect(posted.date_added).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const read = one(await api.call('get_task', { id_task: posted.id, extra: 'text' }));
    expect(read).toMatchObject({ id: posted.id, text: 'Go-live steps', project: { id: '101' } });
  });

  it('refuses a date that is not DD.MM.YYYY, naming the field', async () => {
    expect(await api.call('post_task', { id_project: 101, title: 'x', dateend: '2024-03-15' })).toMatchObject({
      status: 'error',
      status_code: 10,
      message: 'Field is required',
      message_details: expect.stringContaining('dateend') as unknown,
    });
    expect((await api.call('post_task', { id_project: 101, title: 'x', dateend: '31.02.2024' })).status_code).toBe(10);
  });

  it('answers code 10 naming a missing required field, and code 4 for an unknown project', async () => {
    expect(await api.call('post_task', { id_project: 101 })).toMatchObject({
      status_code: 10,
      message: 'Field is required',
      message_details: 'title',
    });
    expect(await api.call('post_task', { id_project: 999, title: 'x' })).toMatchObject({ status_code: 4, message: 'Project is invalid' });
  });

  it('completes and reopens a task, refusing to do either twice (code 12)', async () => {
    expect((await api.call('complete_task', { id_task: '1012' })).status).toBe('ok');
    expect(one(await api.call('get_task', { id_task: '1012' })).status).toBe('done');
    expect(await api.call('complete_task', { id_task: '1012' })).toMatchObject({ status_code: 12, message: 'Task is already closed' });
    expect((await api.call('reopen_task', { id_task: '1012' })).status).toBe('ok');
    expect(await api.call('reopen_task', { id_task: '1012' })).toMatchObject({ status_code: 12, message: 'Task is already active' });
  });

  it('refuses to complete a task with open subtasks (code 13)', async () => {
    expect(await api.call('complete_task', { id_task: '1002' })).toMatchObject({ status_code: 13, message: 'Task has children' });
  });

  it('refuses a subtask under a closed parent (code 8) and reopening under one (code 14)', async () => {
    expect(await api.call('post_task', { id_project: 101, id_parent: '1001', title: 'late' })).toEqual({
      status: 'error',
      status_code: 8,
      message: 'Task is closed',
    });
    await api.call('complete_task', { id_task: '1012' });
    expect((await api.call('complete_task', { id_task: '1002' })).status).toBe('ok');
    expect(await api.call('reopen_task', { id_task: '1011' })).toMatchObject({ status_code: 14, message: 'Parent task is done' });
  });

  it('updates a closed task too (the official clients send dateclosed) and shows an update in the next read', async () => {
    expect(one(await api.call('update_task', { id_task: '1001', title: 'x' }))).toMatchObject({ id: '1001', name: 'x', status: 'done' });
    await api.call('update_task', { id_task: '1002', title: 'Content migration v2', priority: 2 });
    expect(one(await api.call('get_task', { id_task: '1002' }))).toMatchObject({ name: 'Content migration v2', priority: '2' });
  });

  it("takes Worksection's pseudo-assignees ANY and NOONE for email_user_to", async () => {
    const anyone = one(await api.call('post_task', { id_project: 101, title: 'Up for grabs', email_user_to: 'ANY' }));
    expect(anyone.user_to).toEqual({ id: 'ANY', email: 'ANY', name: 'Anyone' });
    expect(one(await api.call('post_task', { id_project: 101, title: 'Unassigned' })).user_to).toMatchObject({ id: 'NOONE' });
    expect(await api.call('post_task', { id_project: 101, title: 'x', email_user_to: 'stranger@ws.com' })).toMatchObject({
      status_code: 11,
    });
  });

  it('answers code 5 for an unknown task', async () => {
    expect(await api.call('get_task', { id_task: '424242' })).toMatchObject({ status_code: 5, message: 'Task is invalid' });
  });

  it('searches with the filter language and requires one criterion', async () => {
    const found = rows(await api.call('search_tasks', { filter: "name has 'redirect' or (priority > 7 and project = 101)" }));
    expect(found.map((t) => t.id)).toEqual(['1012']);
    expect(rows(await api.call('search_tasks', { email_user_to: 'olivia.bennett@ws.com', status: 'done' })).map((t) => t.id)).toEqual([
      '1001',
      '1003',
      '1011',
    ]);
    expect((await api.call('search_tasks', {})).status_code).toBe(10);
    expect(await api.call('search_tasks', { filter: "name has 'x' and" })).toMatchObject({ status_code: 10, message: 'Field is required' });
  });

  it('lists task custom fields', async () => {
    expect(rows(await api.call('get_task_custom_fields')).map((f) => f.name)).toEqual(['Effort', 'Ticket']);
  });
});
