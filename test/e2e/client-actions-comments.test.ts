import { signedInWithEveryScope } from '../helpers/client-setup';

const t = signedInWithEveryScope();

describe('client.comments', () => {
  it('list reads a task’s comments; post adds one that list then shows', async () => {
    const before = await t.client.comments.list({ id_task: '1001' });
    expect(before.map((c) => c.text)).toEqual(['First drafts are in Figma.', 'Looks good, approved.']);
    const posted = await t.client.comments.post({ id_task: '1001', text: 'Shipped.' });
    expect(posted).toMatchObject({ text: 'Shipped.', id: expect.any(String) as unknown });
    const after = await t.client.comments.list({ id_task: '1001' });
    expect(after.map((c) => c.id)).toContain(posted.id);
  });

  it('post attaches files uploaded first, which list shows with extra=files', async () => {
    const uploaded = await t.client.files.upload([{ name: 'notes.txt', content: 'see attached', type: 'text/plain' }]);
    const posted = await t.client.comments.post({ id_task: '1002', text: 'Attached notes.', files: uploaded });
    const listed = await t.client.comments.list({ id_task: '1002', extra: 'files' });
    const mine = listed.find((c) => c.id === posted.id);
    expect(mine?.files).toEqual([expect.objectContaining({ name: 'notes.txt' })]);
  });

  it('post sends files as attach[n] parts (the FAQ), which list shows with extra=files', async () => {
    const posted = await t.client.comments.post({
      id_task: '1002',
      text: 'Photo attached.',
      attach: [{ name: 'photo.png', content: new Uint8Array([137, 80, 78, 71]), type: 'image/png' }],
    });
    const listed = await t.client.comments.list({ id_task: '1002', extra: 'files' });
    expect(listed.find((c) => c.id === posted.id)?.files).toEqual([expect.objectContaining({ name: 'photo.png', size: '4' })]);
  });
});
