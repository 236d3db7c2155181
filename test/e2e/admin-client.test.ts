import { createHmac } from 'node:crypto';
import { createEmulator, type Emulator } from 'worksection-emulator';
import { SCOPES } from '../../src';
import { WorksectionAdminClient, WorksectionApiError, WorksectionApiKeyError, type WorksectionClient } from '../../src/client';
import { CallSpacer } from '../../src/client/call-spacer';
import { clientOf, rejection, signIn } from '../helpers/client-setup';

// WorksectionAdminClient against the emulator's admin API ({account_url}/api/admin/v2), whose store the OAuth API
// shares: what one writes the other reads.

let emu: Emulator;
let client: WorksectionClient;
let key: string;
/** Everything written to the console and to stdout/stderr while the tests ran: the API key must be in none of it. */
const logged: string[] = [];
const spies: jest.SpyInstance[] = [];

beforeAll(async () => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    spies.push(jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' '))));
  }
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    spies.push(
      jest.spyOn(stream, 'write').mockImplementation((chunk: unknown, ...rest: unknown[]) => {
        logged.push(String(chunk));
        return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      }),
    );
  }
  emu = await createEmulator({ autoApprove: true });
  key = emu.adminApiKey('acc1234');
  ({ client } = clientOf(await signIn(emu, { scope: SCOPES.join(',') })));
});

afterAll(async () => {
  await emu.close();
  for (const spy of spies) spy.mockRestore();
});

function admin(apiKey = key): WorksectionAdminClient {
  return new WorksectionAdminClient({
    accountUrl: emu.accountUrl('acc1234'),
    apiKey,
    baseURL: emu.url,
    minInterval: 0,
    spacer: new CallSpacer(),
  });
}

/** Everything an error shows: its text, its JSON, its stack. */
function shown(err: unknown): string {
  return `${String(err)} ${JSON.stringify(err)} ${(err as Error).stack ?? ''}`;
}

describe('WorksectionAdminClient against the emulator', () => {
  it('reads with the API key what the OAuth client reads', async () => {
    const keyed = await admin().projects.list({ filter: 'active' });
    expect(keyed.map((p) => p.id)).toEqual((await client.projects.list({ filter: 'active' })).map((p) => p.id));
  });

  it('writes with the author named, and the OAuth client reads the write', async () => {
    const task = await admin().tasks.create({
      id_project: '101',
      title: 'Filed by the back office',
      email_user_from: 'olivia.bennett@ws.com',
    });
    expect(task.user_from).toMatchObject({ email: 'olivia.bennett@ws.com' });
    await expect(client.tasks.get({ id_task: task.id })).resolves.toMatchObject({ name: 'Filed by the back office' });
    await expect(admin().costs.add({ id_task: task.id, time: '0:45', email_user_from: 'olivia.bennett@ws.com' })).resolves.toEqual({
      id: expect.any(String) as unknown,
    });
    const costs = await client.costs.list({ id_task: task.id });
    expect(costs.map((c) => [c.time, c.user_from?.email])).toEqual([['0:45', 'olivia.bennett@ws.com']]);
  });

  it('stops a timer a user started over OAuth: admin.timers.list() shows it, admin.timers.stop() books it', async () => {
    await client.timers.discardMine().catch(() => undefined);
    await client.timers.start({ id_task: '1012' });
    const running = await admin().timers.list();
    const mine = running.find((t) => t.task?.id === '1012');
    expect(mine).toMatchObject({ user_from: expect.objectContaining({ id: '3993' }) as unknown });
    await admin().timers.stop({ timer: mine!.id });
    await expect(client.timers.mine()).resolves.toBeNull();
    expect((await admin().timers.list()).map((t) => t.id)).not.toContain(mine!.id);
    const booked = await client.costs.list({ id_task: '1012', is_timer: 1 });
    expect(booked.map((c) => c.user_from?.id)).toContain('3993');
  });

  it("refuses a call over OAuth that only the admin API serves, and the admin client doesn't offer me", async () => {
    const err = await rejection(client.call('get_timers' as never));
    expect(err).toBeInstanceOf(WorksectionApiError);
    expect(err).toMatchObject({ statusCode: 0, message: expect.stringContaining('Action is invalid') as unknown });
    const viaKey = await rejection(admin().call('me' as never));
    expect(viaKey).toMatchObject({ statusCode: 0 });
    expect(viaKey).not.toBeInstanceOf(WorksectionApiKeyError);
  });

  it('rejects a wrong key with WorksectionApiKeyError, naming neither key', async () => {
    const wrong = 'wrong-admin-key-5f4e3d2c1b0a';
    const err = await rejection(admin(wrong).users.list());
    expect(err).toBeInstanceOf(WorksectionApiKeyError);
    expect(err).toMatchObject({ action: 'get_users', statusCode: 2, status: 200 });
    expect((err as Error).message).toMatch(/Action hash is missed or invalid.*Check the apiKey option/);
    expect(shown(err)).not.toContain(wrong);
    expect(shown(err)).not.toContain(key);
  });

  it("rejects the right key signing at a time the emulator's clock is more than 300 s from (WorksectionApiKeyError)", async () => {
    emu.clock.advance(301_000);
    try {
      const err = await rejection(admin().users.list());
      expect(err).toBeInstanceOf(WorksectionApiKeyError);
      expect(shown(err)).not.toContain(key);
    } finally {
      emu.clock.advance(-301_000);
    }
    await expect(admin().users.list()).resolves.not.toHaveLength(0);
  });

  it('a signature replayed after the window is refused with the FAQ’s words (the client itself always signs afresh)', async () => {
    const t = Math.floor(emu.clock.now() / 1000);
    const authorization = `Admin ${t}_${createHmac('sha256', key).update(`get_users:${t}`).digest('hex')}`;
    const send = async () => {
      const res = await fetch(`${emu.accountUrl('acc1234')}/api/admin/v2?action=get_users`, { method: 'POST', headers: { authorization } });
      return (await res.json()) as { status: string; status_code?: number; message?: string };
    };
    expect((await send()).status).toBe('ok');
    emu.clock.advance(301_000);
    try {
      expect(await send()).toEqual({ status: 'error', status_code: 2, message: 'Action hash is missed or invalid' });
    } finally {
      emu.clock.advance(-301_000);
    }
  });

  // Last in the file: the tests above ran a read, writes, timers, refusals and stale signatures.
  it('wrote the API key to no console or stdout/stderr line, the emulator’s or the client’s', () => {
    expect(logged.filter((line) => line.includes(key))).toEqual([]);
  });
});
