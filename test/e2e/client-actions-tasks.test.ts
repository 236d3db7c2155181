import type { Emulator } from 'worksection-emulator';
import { SCOPES, WorksectionApiError } from '../../src';
import type { WorksectionClient } from '../../src/client';
import { startRecorder, type Recorder } from '../helpers/client-recorder';
import { clientOf, rejection, signIn, startEmulator, type Grant } from '../helpers/client-setup';

let emu: Emulator;
let grant: Grant;
let client: WorksectionClient;

beforeAll(async () => {
  emu = await startEmulator();
  grant = await signIn(emu, { scope: SCOPES.join(',') });
  ({ client } = clientOf(grant));
});
afterAll(() => emu.close());

describe('client.tasks', () => {
  it('list reads one project’s tasks; create adds a task there that get reads back', async () => {
    const before = await client.tasks.list({ id_project: '101' });
    expect(before.map((t) => t.name)).toEqual(['Wireframes', 'Content migration']);
    expect(before.capped).toBe(false);

    const created = await client.tasks.create({
      id_project: '101',
      title: 'Launch checklist',
      text: 'Everything before the switch.',
      priority: 8,
      dateend: '31.03.2024',
      todo: ['DNS', 'Redirects'],
    });
    expect(created).toMatchObject({ name: 'Launch checklist', status: 'active', priority: '8', project: { id: '101' } });
    expect(typeof created.id).toBe('string');

    const read = await client.tasks.get({ id_task: created.id, extra: 'text' });
    expect(read).toMatchObject({ id: created.id, name: 'Launch checklist', text: 'Everything before the switch.', date_end: '2024-03-31' });
    const after = await client.tasks.list({ id_project: '101' });
    expect(after.map((t) => t.id)).toContain(created.id);
  });

  it('create sends files as attach[n] parts (the FAQ), which get with extra=files shows and download returns', async () => {
    const created = await client.tasks.create({
      id_project: '101',
      title: 'With attachments',
      attach: [
        { name: 'a.txt', content: 'first' },
        { name: 'b.txt', content: 'second', type: 'text/plain' },
      ],
    });
    const read = await client.tasks.get({ id_task: created.id, extra: 'files' });
    const files = read.files as Array<{ id: string; name: string }>;
    expect(files.map((f) => f.name)).toEqual(['a.txt', 'b.txt']);
    const second = await client.files.download(files[1]!.id);
    const chunks: Buffer[] = [];
    for await (const chunk of second.stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('second');
  });

  it('create with attach and a list parameter rejects with WorksectionArgumentError, before any request', async () => {
    const err = await rejection(
      client.tasks.create({ id_project: '101', title: 'x', todo: ['a'], attach: [{ name: 'a.txt', content: 'a' }] }),
    );
    expect(err).toMatchObject({ name: 'WorksectionArgumentError', argument: 'todo' });
    const empty = await rejection(client.tasks.create({ id_project: '101', title: 'x', attach: [] }));
    expect(empty).toMatchObject({ name: 'WorksectionArgumentError', argument: 'attach' });
  });

  it('update, complete and reopen change a task as get then shows it', async () => {
    const { id } = await client.tasks.create({ id_project: '101', title: 'Draft' });
    const updated = await client.tasks.update({ id_task: id, title: 'Final', priority: 2 });
    expect(updated).toMatchObject({ id, name: 'Final', priority: '2' });
    // Live answers the task as it was before closing (collection: complete_task / success).
    await expect(client.tasks.complete({ id_task: id })).resolves.toMatchObject({ id, status: 'active' });
    await expect(client.tasks.get({ id_task: id })).resolves.toMatchObject({ status: 'done' });
    await client.tasks.reopen({ id_task: id });
    await expect(client.tasks.get({ id_task: id })).resolves.toMatchObject({ status: 'active' });
  });

  it('search, listAll and customFields read across projects', async () => {
    const found = await client.tasks.search({ id_project: '101', status: 'active' });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((t) => t.status === 'active')).toBe(true);
    const all = await client.tasks.listAll({ extra: 'archive' });
    expect(all.map((t) => t.id)).toEqual(expect.arrayContaining(['1001', '1002', '1003']));
    const fields = await client.tasks.customFields();
    expect(fields.map((f) => f.name)).toEqual(expect.arrayContaining(['Effort', 'Ticket']));
  });

  it('subscribe and unsubscribe add and remove a member, as get_task with extra=subscribers shows', async () => {
    const [, other] = await client.users.list();
    const email = other!.email;
    await client.tasks.subscribe({ id_task: '1002', email_user: email });
    const subscribed = await client.tasks.get({ id_task: '1002', extra: 'subscribers' });
    expect(subscribed.subscribers).toEqual(expect.arrayContaining([expect.objectContaining({ email })]));
    await client.tasks.unsubscribe({ id_task: '1002', email_user: email });
    const after = await client.tasks.get({ id_task: '1002', extra: 'subscribers' });
    expect(after.subscribers ?? []).not.toEqual(expect.arrayContaining([expect.objectContaining({ email })]));
  });

  it('a refusal (a closed parent task) rejects with WorksectionApiError carrying Worksection’s code', async () => {
    const err = await rejection(client.tasks.create({ id_project: '101', title: 'Sub', id_parent: '1001' }));
    expect(err).toBeInstanceOf(WorksectionApiError);
    expect(err).toMatchObject({ action: 'post_task', statusCode: 8, message: 'Task is closed' });
  });
});

describe('how calls are sent', () => {
  let recorder: Recorder;
  let recorded: WorksectionClient;
  beforeAll(async () => {
    recorder = await startRecorder(emu.url);
    recorded = clientOf({ ...grant, accountUrl: grant.accountUrl.replace(emu.url, recorder.url) }, { baseURL: recorder.url }).client;
  });
  afterAll(() => recorder.close());
  beforeEach(() => recorder.requests.splice(0));

  it('reads go as GET with the parameters in the query; writes as POST with a JSON body; the token only in Authorization', async () => {
    await recorded.tasks.list({ id_project: '101', filter: 'active' });
    const { id } = await recorded.tasks.create({ id_project: '101', title: 'Sent as JSON', todo: ['a', 'b'] });
    const [read, write] = recorder.requests;
    expect(read).toMatchObject({ method: 'GET', url: '/acc1234/api/oauth2?action=get_tasks&id_project=101&filter=active', body: '' });
    expect(write).toMatchObject({ method: 'POST', url: '/acc1234/api/oauth2?action=post_task' });
    expect(write!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(write!.body)).toEqual({ id_project: '101', title: 'Sent as JSON', todo: ['a', 'b'] });
    for (const request of recorder.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${grant.tokens.accessToken}`);
      expect(request.url + request.body).not.toContain(grant.tokens.accessToken);
    }
    expect(id).toEqual(expect.any(String));
  });

  it('a create with attach goes as multipart: the other parameters in the query, the files as attach[0], attach[1]', async () => {
    await recorded.tasks.create({
      id_project: '101',
      title: 'Sent as parts',
      priority: 3,
      attach: [
        { name: 'a.txt', content: 'A' },
        { name: 'b.txt', content: 'B' },
      ],
    });
    const [write] = recorder.requests;
    expect(write).toMatchObject({
      method: 'POST',
      url: '/acc1234/api/oauth2?action=post_task&id_project=101&title=Sent+as+parts&priority=3',
    });
    expect(write!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(write!.body).toContain('Content-Disposition: form-data; name="attach[0]"; filename="a.txt"');
    expect(write!.body).toContain('Content-Disposition: form-data; name="attach[1]"; filename="b.txt"');
    expect(write!.body + write!.url).not.toContain(grant.tokens.accessToken);
  });

  it('a read with a list parameter goes as a JSON body, which a query string cannot carry', async () => {
    const [, other] = await recorded.users.list();
    await recorded.users.schedule({ users: [other!.email] });
    expect(recorder.requests[1]).toMatchObject({ method: 'POST', url: '/acc1234/api/oauth2?action=get_users_schedule' });
    expect(JSON.parse(recorder.requests[1]!.body)).toEqual({ users: [other!.email] });
  });

  it('an action this package does not know goes through call() as a GET, resolving to unknown', async () => {
    const err = await rejection(recorded.call('get_something_new', { id: '1' }));
    expect(recorder.requests[0]).toMatchObject({ method: 'GET', url: '/acc1234/api/oauth2?action=get_something_new&id=1' });
    expect(err).toMatchObject({ name: 'WorksectionApiError', action: 'get_something_new', statusCode: 0 });
  });
});
