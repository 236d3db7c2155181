import { one, rows, startApi, type ApiAnswer, type ApiHarness } from './api-call';

describe('account API: files', () => {
  let api: ApiHarness;
  beforeEach(async () => {
    api = await startApi('files_read,files_write,tasks_write,tasks_read,comments_write,comments_read,projects_write');
  });
  afterEach(() => api.emu.close());

  async function upload(body: Buffer | string, contentType: string): Promise<{ status: number; json: ApiAnswer }> {
    const res = await fetch(`${api.accountUrl}/api/oauth2?action=upload_files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.token}`, 'content-type': contentType },
      body,
    });
    return { status: res.status, json: (await res.json()) as ApiAnswer };
  }

  function download(idFile: unknown) {
    return fetch(`${api.accountUrl}/api/oauth2`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'download', id_file: idFile }),
    });
  }

  it("lists a task's seeded file and downloads its bytes as an attachment", async () => {
    expect(rows(await api.call('get_files', { id_task: '1001' }))).toEqual([
      expect.objectContaining({
        id: '70',
        name: 'wireframes.txt',
        page: '/download/70/',
        size: '36',
        user_from: expect.objectContaining({ id: '2477' }) as unknown,
      }) as unknown,
    ]);
    const res = await download('70');
    // Live sends every file as application/x-download (collection: download / success).
    expect(res.headers.get('content-type')).toBe('application/x-download');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="wireframes.txt"; filename*=UTF-8''wireframes.txt`);
    expect(await res.text()).toBe('Home: hero, pricing teaser, footer.\n');
  });

  it('round-trips an upload attached to a post_task: the same bytes come back with the UTF-8 name', async () => {
    const bytes = Buffer.from([0, 1, 2, 255, 254, 13, 10, 45, 45]);
    const form = new FormData();
    form.append('files[]', new Blob([bytes], { type: 'application/pdf' }), 'Отчёт 2024 (final).pdf');
    const res = await fetch(`${api.accountUrl}/api/oauth2?action=upload_files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.token}` },
      body: form,
    });
    const uploaded = rows((await res.json()) as ApiAnswer);
    expect(uploaded).toEqual([{ id: expect.any(String) as unknown, ext: 'pdf', name: 'Отчёт 2024 (final).pdf' }]);
    const task = one(await api.call('post_task', { id_project: 101, title: 'With report', files: uploaded }));
    expect(rows(await api.call('get_files', { id_task: task.id })).map((f) => f.id)).toEqual([uploaded[0]?.id]);
    const file = await download(uploaded[0]?.id);
    expect(file.headers.get('content-type')).toBe('application/x-download');
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="_____ 2024 (final).pdf"; filename*=UTF-8''${encodeURIComponent('Отчёт')}%202024%20%28final%29.pdf`,
    );
    expect(Buffer.from(await file.arrayBuffer())).toEqual(bytes);
  });

  it('takes attach[n] file parts on post_task, post_comment and post_project, the other parameters in the query (the FAQ)', async () => {
    const post = async (query: string, parts: Array<[string, string]>): Promise<Record<string, unknown>> => {
      const form = new FormData();
      parts.forEach(([name, text], n) => form.append(`attach[${String(n)}]`, new Blob([text], { type: 'text/plain' }), name));
      const res = await fetch(`${api.accountUrl}/api/oauth2?${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${api.token}` },
        body: form,
      });
      return one((await res.json()) as ApiAnswer);
    };
    const task = await post('action=post_task&id_project=101&title=With%20brief', [
      ['brief.txt', 'brief'],
      ['plan.txt', 'plan'],
    ]);
    expect(task.name).toBe('With brief');
    const onTask = one(await api.call('get_task', { id_task: task.id, extra: 'files' }));
    expect((onTask.files as Array<{ name: string }>).map((f) => f.name)).toEqual(['brief.txt', 'plan.txt']);
    const comment = await post(`action=post_comment&id_task=${String(task.id)}`, [['reply.txt', 'reply']]);
    const comments = rows(await api.call('get_comments', { id_task: task.id, extra: 'files' }));
    expect(comments.find((c) => c.id === comment.id)?.files).toEqual([expect.objectContaining({ name: 'reply.txt' })]);
    const project = await post('action=post_project&title=With%20spec', [['spec.txt', 'spec']]);
    expect(rows(await api.call('get_files', { id_project: project.id })).map((f) => f.name)).toEqual(['spec.txt']);
    const reply = rows(await api.call('get_files', { id_task: task.id })).find((f) => f.name === 'reply.txt');
    expect(Buffer.from(await (await download(reply?.id)).arrayBuffer()).toString()).toBe('reply');
  });

  it('attaches an upload to a comment, listed with extra=files', async () => {
    const form = new FormData();
    form.append('files[]', new Blob(['notes']), 'notes.txt');
    const res = await fetch(`${api.accountUrl}/api/oauth2?action=upload_files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.token}` },
      body: form,
    });
    const [upload] = rows((await res.json()) as ApiAnswer);
    await api.call('post_comment', { id_task: '1002', text: 'See notes', files: [String(upload?.id)] });
    const comments = rows(await api.call('get_comments', { id_task: '1002', extra: 'files' }));
    expect(comments.at(-1)?.files).toEqual([expect.objectContaining({ name: 'notes.txt', size: '5' }) as unknown]);
    expect(await api.call('post_comment', { id_task: '1002', text: 'again', files: [String(upload?.id)] })).toMatchObject({
      status_code: 4,
      message: 'File not found',
    });
  });

  it('answers an unknown file with the JSON error envelope (code 4)', async () => {
    const res = await download('123456');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toMatchObject({ status: 'error', status_code: 4, message: 'File not found' });
  });

  it('requires exactly one of id_project and id_task for get_files', async () => {
    expect(rows(await api.call('get_files', { id_project: '101' })).map((f) => f.id)).toEqual(['70']);
    expect((await api.call('get_files')).status_code).toBe(10);
    expect((await api.call('get_files', { id_project: '101', id_task: '1001' })).status_code).toBe(10);
  });

  it.each([
    ['no boundary', 'x', 'multipart/form-data'],
    ['a boundary that is not in the body', 'hello', 'multipart/form-data; boundary=abc'],
    [
      'an unterminated part',
      '--abc\r\nContent-Disposition: form-data; name="files[]"; filename="a.txt"\r\n\r\nhalf a file',
      'multipart/form-data; boundary=abc',
    ],
    ['endless headers', `--abc\r\nX: ${'y'.repeat(20_000)}`, 'multipart/form-data; boundary=abc'],
    [
      'a part that is not form-data',
      '--abc\r\nContent-Disposition: attachment; name="files[]"\r\n\r\nx\r\n--abc--',
      'multipart/form-data; boundary=abc',
    ],
    [
      'a path-only file name',
      '--abc\r\nContent-Disposition: form-data; name="files[]"; filename="../"\r\n\r\nx\r\n--abc--',
      'multipart/form-data; boundary=abc',
    ],
    [
      'too many parts',
      `${'--abc\r\nContent-Disposition: form-data; name="f"\r\n\r\nx\r\n'.repeat(40)}--abc--`,
      'multipart/form-data; boundary=abc',
    ],
  ])('answers hostile multipart (%s) with a clear error envelope', async (_what, body, contentType) => {
    const { status, json } = await upload(body, contentType);
    expect(status).toBe(200);
    expect(json).toMatchObject({
      status: 'error',
      status_code: 10,
      message: 'Field is required',
      message_details: 'files',
    });
  });

  it('refuses a file over 10 MiB naming the field, and keeps nothing of it', async () => {
    const form = new FormData();
    form.append('files[]', new Blob([Buffer.alloc(10 * 1024 * 1024 + 1)]), 'huge.bin');
    const res = await fetch(`${api.accountUrl}/api/oauth2?action=upload_files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.token}` },
      body: form,
    });
    expect(await res.json()).toMatchObject({
      status: 'error',
      status_code: 10,
      message_details: 'files[]',
    });
    expect(api.emu.accountStores.get('acc1234').state.files.map((f) => f.name)).toEqual(['wireframes.txt']);
  });

  it('requires at least one files[] part', async () => {
    const { json } = await upload(
      '--abc\r\nContent-Disposition: form-data; name="note"\r\n\r\nx\r\n--abc--\r\n',
      'multipart/form-data; boundary=abc',
    );
    expect(json).toMatchObject({ status_code: 10, message: 'Field is required', message_details: 'files[]' });
  });

  it('strips a path and control characters from an uploaded file name', async () => {
    const body =
      '--abc\r\nContent-Disposition: form-data; name="files[]"; filename="C:\\\\evil\\\\..\\\\na\x07me.txt"\r\n\r\nx\r\n--abc--\r\n';
    expect(rows((await upload(body, 'multipart/form-data; boundary=abc')).json)[0]).toMatchObject({ name: 'name.txt' });
  });
});
