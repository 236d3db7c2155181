import type { Emulator } from 'worksection-emulator';
import { SCOPES } from '../../src';
import type { WorksectionClient } from '../../src/client';
import { startRecorder } from '../helpers/client-recorder';
import { clientOf, signIn, startEmulator, type Grant } from '../helpers/client-setup';
import { startWebhookReceiver, type ReceiverHarness } from '../helpers/webhook-receiver';

let emu: Emulator;
let grant: Grant;
let client: WorksectionClient;
// add_webhook calls the URL first (as Worksection does): the package's own receiver answers it.
let receiver: ReceiverHarness;

beforeAll(async () => {
  emu = await startEmulator();
  grant = await signIn(emu, { scope: SCOPES.join(',') });
  ({ client } = clientOf(grant));
  receiver = await startWebhookReceiver({ basicAuth: { user: 'hook', pass: 'hook-pass' } });
});
afterAll(async () => {
  await emu.close();
  await receiver.close();
});

describe('client.webhooks', () => {
  it('add creates an active webhook, resolving to its id, which list shows (events joined) and delete removes', async () => {
    await expect(client.webhooks.list()).resolves.toEqual([]);
    const { id } = await client.webhooks.add({
      url: receiver.url,
      events: ['post_task', 'post_comment'],
      projects: ['101'],
      http_user: 'hook',
      http_pass: 'hook-pass',
    });
    expect(id).toEqual(expect.any(String));
    const [hook] = await client.webhooks.list();
    expect(hook).toMatchObject({
      id,
      url: receiver.url,
      events: 'post_task,post_comment',
      status: 'active',
      projects: '101',
    });
    await client.webhooks.delete({ id });
    await expect(client.webhooks.list()).resolves.toEqual([]);
  });

  it('sends the webhook’s HTTP password in the JSON body, never in the URL', async () => {
    const recorder = await startRecorder(emu.url);
    try {
      const { client: recorded } = clientOf(
        { ...grant, accountUrl: grant.accountUrl.replace(emu.url, recorder.url) },
        { baseURL: recorder.url },
      );
      await recorded.webhooks
        .add({ url: receiver.url, events: ['update_task'], http_user: 'u', http_pass: 's3cret-pass' })
        .catch(() => undefined);
      const [request] = recorder.requests;
      expect(request).toMatchObject({ method: 'POST', url: '/acc1234/api/oauth2?action=add_webhook' });
      expect(JSON.parse(request!.body)).toMatchObject({ events: 'update_task', http_pass: 's3cret-pass' });
    } finally {
      await recorder.close();
    }
  });
});
