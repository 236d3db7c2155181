import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { rows, startApi, type ApiHarness } from './api-call';

describe('account API: webhooks', () => {
  let api: ApiHarness;
  let receiver: http.Server;
  let url: string;
  beforeEach(async () => {
    api = await startApi('administrative');
    // add_webhook calls the URL first: a receiver that answers as Worksection requires.
    receiver = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"OK"}'));
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/ws`;
  });
  afterEach(async () => {
    await api.emu.close();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('registers a webhook (a numeric id, status active), lists it without its password, and deletes it', async () => {
    expect(rows(await api.call('get_webhooks'))).toEqual([]);
    const added = await api.call('add_webhook', {
      url,
      events: 'post_task,close_task',
      projects: ['101'],
      http_user: 'hook',
      http_pass: 's3cret-pass',
    });
    expect(added).toEqual({ status: 'ok', id: expect.any(Number) as unknown });
    const listed = await api.call('get_webhooks');
    expect(rows(listed)).toEqual([{ id: String(added.id), url, events: 'post_task,close_task', status: 'active', projects: '101' }]);
    expect(JSON.stringify(listed)).not.toContain('s3cret-pass');
    expect((await api.call('delete_webhook', { id: added.id })).status).toBe('ok');
    expect(rows(await api.call('get_webhooks'))).toEqual([]);
  });

  it('refuses unknown events, bad URLs and unknown projects', async () => {
    expect(await api.call('add_webhook', { url, events: 'drop_everything' })).toMatchObject({ status_code: 10 });
    expect(await api.call('add_webhook', { url: 'javascript:alert(1)', events: 'post_task' })).toMatchObject({ status_code: 10 });
    expect(await api.call('add_webhook', { url, events: 'post_task', projects: '999' })).toMatchObject({ status_code: 4 });
    expect(await api.call('add_webhook', { events: 'post_task' })).toMatchObject({ status_code: 10, message_details: 'url' });
  });

  it('takes reopen_task, which a documented hook lists among its events', async () => {
    expect((await api.call('add_webhook', { url, events: 'reopen_task' })).status).toBe('ok');
  });
});
