import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { rows, startApi, type ApiHarness } from '../account-api/api-call';

/** What a receiver got: each request's headers and parsed body. */
interface Received {
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/** A receiver on 127.0.0.1:0 that answers as `answer` says (Worksection's contract by default). */
async function startReceiver(answer: (res: http.ServerResponse, socket: Socket) => void = okAnswer) {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') });
      answer(res, req.socket);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function okAnswer(res: http.ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"OK"}');
}

/** The items of the probe-less deliveries the emulator made, oldest first. */
const delivered = (api: ApiHarness) => api.emu.deliveries().filter((d) => d.event !== 'probe');

describe('webhook delivery', () => {
  let api: ApiHarness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeEach(async () => {
    api = await startApi('administrative,projects_write,tasks_write,comments_write');
  });
  afterEach(async () => {
    await api.emu.close();
    await receiver.close();
  });

  it('checks the URL first, as Worksection does, and refuses one that does not answer with 11 and the URL as details', async () => {
    receiver = await startReceiver((res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>hi</h1>'));
    const answer = await api.call('add_webhook', { url: receiver.url, events: '' });
    expect(answer).toEqual({
      status: 'error',
      status_code: 11,
      message: 'Url should respond 200 HTTP_CODE and JSON {status:OK}',
      message_details: receiver.url,
    });
    // A port nobody listens on: refused the same way.
    const dead = await api.call('add_webhook', { url: 'http://127.0.0.1:9/hook', events: 'post_task' });
    expect(dead).toMatchObject({ status_code: 11, message_details: 'http://127.0.0.1:9/hook' });
    expect(rows(await api.call('get_webhooks'))).toEqual([]);
    expect(api.emu.deliveries().map((d) => [d.event, d.outcome])).toEqual([
      ['probe', 'failed'],
      ['probe', 'failed'],
    ]);
  });

  it('adds a hook whose URL answers the check, active, with the Basic pair sent and never shown', async () => {
    receiver = await startReceiver();
    const added = await api.call('add_webhook', { url: receiver.url, events: 'post_task', http_user: 'ws', http_pass: 's3cret-pass' });
    expect(added).toEqual({ status: 'ok', id: expect.any(Number) as unknown });
    const listed = await api.call('get_webhooks');
    // Live lists ids as strings and `projects` only when the hook is limited to some (collection: get_webhooks).
    expect(rows(listed)).toEqual([{ id: String(added.id), url: receiver.url, events: 'post_task', status: 'active' }]);
    expect(JSON.stringify(listed)).not.toContain('s3cret-pass');
    expect(receiver.received[0]?.headers.authorization).toBe(`Basic ${Buffer.from('ws:s3cret-pass').toString('base64')}`);
  });

  it('delivers every event type to the hooks that asked for it, as a get_events-shaped item', async () => {
    receiver = await startReceiver();
    const all =
      'post_task,update_task,close_task,reopen_task,delete_task,post_comment,update_comment,delete_comment,post_project,update_project';
    expect((await api.call('add_webhook', { url: receiver.url, events: all })).status).toBe('ok');
    const task = (await api.call('post_task', { id_project: '101', title: 'Hooked' })).data as { id: string };
    await api.call('update_task', { id_task: task.id, title: 'Hooked again' });
    await api.call('complete_task', { id_task: task.id });
    await api.call('reopen_task', { id_task: task.id });
    const comment = (await api.call('post_comment', { id_task: task.id, text: 'Looks good' })).data as { id: string };
    const project = (await api.call('post_project', { title: 'Hooked project' })).data as { id: string };
    await api.call('update_project', { id_project: project.id, title: 'Renamed' });
    // What members do on Worksection's pages, which the API cannot do.
    const store = api.emu.accountStores.get('acc1234');
    const me = store.state.users[0]!.id;
    store.editComment(comment.id, 'Looks great', me);
    store.deleteComment(comment.id, me);
    store.deleteTask(task.id, me);
    await api.emu.deliveriesSettled();
    expect(delivered(api).map((d) => [d.event, d.outcome])).toEqual(
      [
        'post_task',
        'update_task',
        'close_task',
        'reopen_task',
        'post_comment',
        'post_project',
        'update_project',
        'update_comment',
        'delete_comment',
        'delete_task',
      ].map((name) => [name, 'ok']),
    );
    const bodies = receiver.received.slice(1).map((r) => (r.body as Array<Record<string, unknown>>)[0]);
    // The item as get_events serves it (its `new`/`old` included).
    expect(bodies[0]).toMatchObject({
      action: 'post',
      object: { type: 'task', id: task.id, page: expect.stringContaining(`/${task.id}/`) as unknown },
      date_added: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d/) as unknown,
      user_from: expect.objectContaining({ id: expect.any(String) as unknown }) as unknown,
    });
    expect(bodies[1]).toMatchObject({ action: 'update', new: { title: 'Hooked again' } });
    expect(bodies[4]).toMatchObject({ action: 'post', object: { type: 'comment', id: comment.id }, new: { text: 'Looks good' } });
    expect(bodies[7]).toMatchObject({ action: 'update', new: { text: 'Looks great' }, old: { text: 'Looks good' } });
  });

  it('sends only the events and projects a hook asked for', async () => {
    receiver = await startReceiver();
    await api.call('add_webhook', { url: receiver.url, events: 'post_comment', projects: '102' });
    const inOther = (await api.call('post_task', { id_project: '101', title: 'Elsewhere' })).data as { id: string };
    await api.call('post_comment', { id_task: inOther.id, text: 'not for the hook' });
    const inWatched = (await api.call('post_task', { id_project: '102', title: 'Watched' })).data as { id: string };
    await api.call('post_comment', { id_task: inWatched.id, text: 'for the hook' });
    await api.emu.deliveriesSettled();
    expect(delivered(api).map((d) => d.event)).toEqual(['post_comment']);
    expect(receiver.received.at(-1)?.body).toMatchObject([{ new: { text: 'for the hook' } }]);
  });

  it('answers the API call before the delivery it caused is done', async () => {
    let release: () => void = () => undefined;
    let probed = false;
    receiver = await startReceiver((res) => {
      if (!probed) {
        probed = true;
        okAnswer(res);
      } else release = () => okAnswer(res);
    });
    await api.call('add_webhook', { url: receiver.url, events: 'post_task' });
    expect((await api.call('post_task', { id_project: '101', title: 'Fast' })).status).toBe('ok');
    expect(delivered(api)[0]?.outcome).toBe('pending');
    while (receiver.received.length < 2) await new Promise((resolve) => setImmediate(resolve));
    release();
    await api.emu.deliveriesSettled();
    expect(delivered(api)[0]?.outcome).toBe('ok');
  });

  it('counts errors and pauses the hook at the 10th, then sends it nothing more', async () => {
    let probed = false;
    receiver = await startReceiver((res) => {
      if (!probed) {
        probed = true;
        okAnswer(res);
      } else res.writeHead(500, { 'content-type': 'application/json' }).end('{"status":"error"}');
    });
    await api.call('add_webhook', { url: receiver.url, events: 'post_task' });
    for (let i = 0; i < 11; i++) await api.call('post_task', { id_project: '101', title: `Failing ${i}` });
    await api.emu.deliveriesSettled();
    const outcomes = delivered(api).map((d) => d.outcome);
    expect(outcomes.slice(0, 10)).toEqual(Array(10).fill('failed'));
    expect(outcomes[10]).toBe('dropped');
    expect(rows(await api.call('get_webhooks'))[0]?.status).toBe('paused');
    // The 11th event reached the receiver no more: the probe and 10 deliveries.
    expect(receiver.received).toHaveLength(11);
    await api.call('post_task', { id_project: '101', title: 'After the pause' });
    await api.emu.deliveriesSettled();
    expect(delivered(api)).toHaveLength(11);
  });

  it.each([
    ['a redirect, not followed', (res: http.ServerResponse) => res.writeHead(302, { location: 'http://127.0.0.1:9/' }).end(), /redirect/],
    [
      'an endless answer, cut off',
      (res: http.ServerResponse) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(16 * 1024, 0x20);
        const pump = () => {
          while (res.write(chunk));
          res.once('drain', pump);
        };
        res.once('close', () => res.removeAllListeners('drain'));
        pump();
      },
      /over 65536 bytes/,
    ],
  ])('counts %s as an error, at bounded cost', async (_label, misbehave, why) => {
    let probed = false;
    receiver = await startReceiver((res) => {
      if (!probed) {
        probed = true;
        okAnswer(res);
      } else misbehave(res);
    });
    await api.call('add_webhook', { url: receiver.url, events: 'post_task' });
    await api.call('post_task', { id_project: '101', title: 'Hostile' });
    await api.emu.deliveriesSettled();
    expect(delivered(api)[0]).toMatchObject({ outcome: 'failed', error: expect.stringMatching(why) as unknown });
  });

  it("gives a hanging receiver Worksection's 5 seconds, and counts it as an error", async () => {
    let probed = false;
    receiver = await startReceiver((res) => {
      if (!probed) {
        probed = true;
        okAnswer(res);
      } // else: never answers
    });
    await api.call('add_webhook', { url: receiver.url, events: 'post_task' });
    await api.call('post_task', { id_project: '101', title: 'Hanging' });
    await api.emu.deliveriesSettled();
    expect(delivered(api)[0]).toMatchObject({ outcome: 'failed', error: 'no complete answer within 5000 ms' });
  }, 15_000);
});
