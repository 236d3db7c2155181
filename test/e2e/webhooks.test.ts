import type { Emulator } from 'worksection-emulator';
import { SCOPES } from '../../src';
import { WorksectionApiError, type WorksectionClient } from '../../src/client';
import { clientOf, signIn, startEmulator } from '../helpers/client-setup';
import { startWebhookReceiver, type ReceiverHarness } from '../helpers/webhook-receiver';

// The package's receiver against the emulator's deliveries: the emulator judges each answer as Worksection does
// (200, JSON, {"status":"OK"} within 5 s, else an error; 10 errors pause the hook), so its delivery outcome is the
// measure of whether Worksection would keep the hook enabled.
let emu: Emulator;
let client: WorksectionClient;
let receiver: ReceiverHarness;

beforeEach(async () => {
  emu = await startEmulator();
  ({ client } = clientOf(await signIn(emu, { scope: SCOPES.join(',') })));
});
afterEach(async () => {
  await emu.close();
  await receiver.close();
});

const deliveries = () => emu.deliveries().filter((d) => d.event !== 'probe');

describe('webhooks from the emulator to the package’s receiver', () => {
  it('delivers a comment posted through the API, with the Basic pair, as a typed event', async () => {
    receiver = await startWebhookReceiver({ basicAuth: { user: 'worksection', pass: 'hook-pass' } });
    await client.webhooks.add({ url: receiver.url, events: ['post_comment'], http_user: 'worksection', http_pass: 'hook-pass' });
    const comment = await client.comments.post({ id_task: '1001', text: 'Hello, hook' });
    await receiver.waitFor('events', 1);
    expect(receiver.events[0]).toMatchObject({
      name: 'post_comment',
      objectId: comment.id,
      new: { text: 'Hello, hook' },
      duplicate: false,
    });
    await emu.deliveriesSettled();
    expect(deliveries().map((d) => d.outcome)).toEqual(['ok']);
  });

  it('keeps the hook enabled while the app’s handler throws on every event', async () => {
    receiver = await startWebhookReceiver({
      onEvent: () => {
        throw new Error('the app is broken');
      },
    });
    await client.webhooks.add({ url: receiver.url, events: ['post_task'] });
    for (let i = 0; i < 11; i++) await client.tasks.create({ id_project: '101', title: `Task ${i}` });
    await emu.deliveriesSettled();
    expect(deliveries().map((d) => d.outcome)).toEqual(Array(11).fill('ok'));
    expect((await client.webhooks.list())[0]?.status).toBe('active');
    await receiver.waitFor('errors', 11);
    expect(receiver.errors.every((e) => e.reason === 'handler_failed')).toBe(true);
  });

  it('answers within Worksection’s 5 seconds while the handler takes 30', async () => {
    const releases: Array<() => void> = [];
    receiver = await startWebhookReceiver({ onEvent: () => new Promise<void>((resolve) => releases.push(resolve)) });
    await client.webhooks.add({ url: receiver.url, events: ['post_task'] });
    await client.tasks.create({ id_project: '101', title: 'Slow to handle' });
    // The emulator gives the answer 5 s, as Worksection does: "ok" means it came in time, while the handler still runs.
    await emu.deliveriesSettled();
    expect(deliveries()[0]?.outcome).toBe('ok');
    expect(releases).toHaveLength(1);
    releases.forEach((release) => release());
  });

  it('is refused by add_webhook (code 11, the URL as details) when the URL answers with 401', async () => {
    receiver = await startWebhookReceiver({ basicAuth: { user: 'worksection', pass: 'hook-pass' } });
    const refused = await client.webhooks.add({ url: receiver.url, events: ['post_task'] }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(WorksectionApiError);
    expect(refused).toMatchObject({ statusCode: 11, message: expect.stringContaining('Url should respond 200') as unknown });
  });
});
