import type { Emulator } from 'worksection-emulator';
import { SCOPES } from '../../src';
import type { WorksectionClient } from '../../src/client';
import { startRecorder } from '../helpers/client-recorder';
import { clientOf, signIn, startEmulator, type Grant } from '../helpers/client-setup';

let emu: Emulator;
let grant: Grant;
let client: WorksectionClient;

beforeAll(async () => {
  emu = await startEmulator();
  grant = await signIn(emu, { scope: SCOPES.join(',') });
  ({ client } = clientOf(grant));
});
afterAll(() => emu.close());

describe('client.webhooks', () => {
  it('add creates a disabled webhook, resolving to its id, which list shows (events joined) and delete removes', async () => {
    await expect(client.webhooks.list()).resolves.toEqual([]);
    const { id } = await client.webhooks.add({
      url: 'https://app.example/hooks/worksection',
      events: ['post_task', 'post_comment'],
      projects: ['101'],
      http_user: 'hook',
      http_pass: 'hook-pass',
    });
    expect(id).toEqual(expect.any(String));
    const [hook] = await client.webhooks.list();
    expect(hook).toMatchObject({
      id,
      url: 'https://app.example/hooks/worksection',
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
      await recorded.webhooks.add({ url: 'https://app.example/h', events: ['update_task'], http_user: 'u', http_pass: 's3cret-pass' });
      const [request] = recorder.requests;
      expect(request).toMatchObject({ method: 'POST', url: '/acc1234/api/oauth2?action=add_webhook' });
      expect(JSON.parse(request!.body)).toMatchObject({ events: 'update_task', http_pass: 's3cret-pass' });
    } finally {
      await recorder.close();
    }
  });
});
