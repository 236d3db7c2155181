import { WorksectionApiError } from '../../src';
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

// The account's timers (get_timers, stop_timer) are admin-API actions: test/client/admin-client.test.ts.
