import type { Emulator } from '../../src/emulator';
import { SCOPES, WorksectionApiError, type WorksectionClient } from '../../src';
import { clientOf, rejection, signIn, startEmulator } from '../helpers/client-setup';

let emu: Emulator;
let client: WorksectionClient;

beforeAll(async () => {
  emu = await startEmulator();
  ({ client } = clientOf(await signIn(emu, { scope: SCOPES.join(',') })));
});
afterAll(() => emu.close());

describe('client.timers: the user’s own timer', () => {
  it('start runs a timer that mine reads; stopMine records it as a cost; with none running mine is null', async () => {
    await client.timers.discardMine().catch(() => undefined);
    await expect(client.timers.mine()).resolves.toBeNull();
    await client.timers.start({ id_task: '1002' });
    await expect(client.timers.mine()).resolves.toMatchObject({ task: expect.objectContaining({ id: '1002' }) as unknown });
    const err = await rejection(client.timers.start({ id_task: '1002' }));
    expect(err).toBeInstanceOf(WorksectionApiError);
    expect(err).toMatchObject({ action: 'start_my_timer', statusCode: 7 });
    await client.timers.stopMine({ comment: 'Timed work' });
    await expect(client.timers.mine()).resolves.toBeNull();
    await expect(client.costs.list({ id_task: '1002' })).resolves.toEqual(
      expect.arrayContaining([expect.objectContaining({ comment: 'Timed work' })]),
    );
  });

  it('discardMine drops a running timer without recording it', async () => {
    await client.timers.start({ id_task: '1012' });
    await client.timers.discardMine();
    await expect(client.timers.mine()).resolves.toBeNull();
  });
});

describe('client.timers: the account’s timers', () => {
  it('list reads the running timers and stop stops one', async () => {
    const running = await client.timers.list();
    expect(running.length).toBeGreaterThan(0);
    const [first] = running;
    await client.timers.stop({ timer: first!.id });
    expect((await client.timers.list()).map((t) => t.id)).not.toContain(first!.id);
  });
});
