import { one, rows, startApi, type ApiHarness } from './api-call';

describe('account API: comments', () => {
  let api: ApiHarness;
  beforeEach(async () => {
    api = await startApi('comments_read,comments_write');
  });
  afterEach(() => api.emu.close());

  it("lists a task's seeded comments with their authors", async () => {
    const comments = rows(await api.call('get_comments', { id_task: '1001' }));
    expect(comments.map((c) => c.text)).toEqual(['First drafts are in Figma.', 'Looks good, approved.']);
    expect(comments[0]).toMatchObject({ id: '3001', date_added: '2023-11-05 16:20', user_from: { id: '2477' } });
  });

  it('shows a posted comment in the next get_comments', async () => {
    const posted = one(await api.call('post_comment', { id_task: '1002', text: 'Redirect map attached.' }));
    expect(posted).toMatchObject({ text: 'Redirect map attached.', user_from: { id: '3993' } });
    expect(rows(await api.call('get_comments', { id_task: '1002' })).map((c) => c.id)).toContain(posted.id);
  });

  it('requires text and a known task', async () => {
    expect(await api.call('post_comment', { id_task: '1002' })).toMatchObject({ status_code: 10, message_details: 'text' });
    expect(await api.call('post_comment', { id_task: '77', text: 'x' })).toMatchObject({ status_code: 5 });
  });
});
