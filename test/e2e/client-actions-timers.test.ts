import { WorksectionApiError } from '../../src';
import { WorksectionAdminClient } from '../../src/client';
import { rejection, signedInWithEveryScope } from '../helpers/client-setup';

const t = signedInWithEveryScope();

describe('client.timers: the user’s own timer', () => {
  it('start runs a timer that mine reads; stopMine records it as a cost; with none running mine is null', async () => {
    await t.client.timers.discardMine().catch(() => undefined);
    await expect(t.client.timers.mine()).resolves.toBeNull();
    await t.client.timers.start({ id_task: '1002' });
    await expect(t.client.timers.mine()).resolves.toMatchObject({ task: expect.objectContaining({ id: '1002' }) as unknown });
    const err = await rejection(t.client.timers.start({ id_task: '1002' }));
    expect(err).toBeInstanceOf(WorksectionApiError);
    expect(err).toMatchObject({ action: 'start_my_timer', statusCode: 6, message: 'Timer is already started' });
    await t.client.timers.stopMine({ comment: 'Timed work' });
    await expect(t.client.timers.mine()).resolves.toBeNull();
    await expect(t.client.costs.list({ id_task: '1002' })).resolves.toEqual(
      expect.arrayContaining([expect.objectContaining({ comment: 'Timed work' })]),
    );
  });

  it('discardMine drops a running timer without recording it', async () => {
    await t.client.timers.start({ id_task: '1012' });
    await t.client.timers.discardMine();
    await expect(t.client.timers.mine()).resolves.toBeNull();
  });
});

describe('admin.timers: the account’s timers (admin API)', () => {
  it('list reads the running timers and stop stops one', async () => {
    const admin = new WorksectionAdminClient({
      accountUrl: t.emu.accountUrl('acc1234'),
      apiKey: t.emu.adminApiKey('acc1234'),
      baseURL: t.emu.url,
      minInterval: 0,
    });
    const running = await admin.timers.list();
    expect(running.length).toBeGreaterThan(0);
    const [first] = running;
    await admin.timers.stop({ timer: first!.id });
    expect((await admin.timers.list()).map((timer) => timer.id)).not.toContain(first!.id);
  });
});
