import {
  WEBHOOK_EVENT_NAMES,
  WorksectionWebhookError,
  isCommentEvent,
  isProjectEvent,
  isTaskEvent,
  isWebhookEvent,
  webhookMiddleware,
  type WebhookReceiverOptions,
} from '../../src/client';
import { startWebhookReceiver as startReceiver, type ReceiverHarness as Harness } from '../helpers/webhook-receiver';

const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
const post = (url: string, body: string | Uint8Array, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

/** A `get_events`-shaped item, as the public receiver reads Worksection's deliveries. */
const item = (action: string, type: string, id: string | number, extra: Record<string, unknown> = {}) => ({
  action,
  object: { type, id, page: `/project/1/${String(id)}/` },
  date_added: '2024-05-01 10:00',
  user_from: { id: '7', email: 'henry@example.com', name: 'Henry Gardner' },
  ...extra,
});

describe('the webhook receiver', () => {
  let receiver: Harness;
  afterEach(() => receiver.close());

  it("answers Worksection's URL check (an empty body, any method) with 200 JSON {status: OK} and hands nothing on", async () => {
    receiver = await startReceiver();
    for (const res of [await post(receiver.url, ''), await post(receiver.url, '[]'), await fetch(receiver.url)]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await res.json()).toEqual({ status: 'OK' });
    }
    expect(receiver.events).toEqual([]);
    expect(receiver.errors).toEqual([]);
  });

  it('reads every event type into a typed event, with its fields and the unknown ones kept', async () => {
    receiver = await startReceiver();
    const items = WEBHOOK_EVENT_NAMES.map((name, i) => {
      const [action, type] = name.split('_') as [string, string];
      return item(action, type, i + 100, { new: { text: `x${i}` }, old: { text: '' }, surprise: { kept: true } });
    });
    const res = await post(receiver.url, JSON.stringify(items));
    expect(await res.json()).toEqual({ status: 'OK' });
    await receiver.waitFor('events', items.length);
    expect(receiver.events.map((e) => e.name)).toEqual([...WEBHOOK_EVENT_NAMES]);
    const [first] = receiver.events;
    expect(first).toMatchObject({
      action: 'post',
      objectType: 'task',
      objectId: '100',
      page: '/project/1/100/',
      dateAdded: '2024-05-01 10:00',
      userFrom: { id: '7', name: 'Henry Gardner' },
      new: { text: 'x0' },
      duplicate: false,
    });
    expect(first?.raw.surprise).toEqual({ kept: true });
    const comment = receiver.events.find((e) => isWebhookEvent(e, 'post_comment'));
    expect(comment?.action).toBe('post');
    expect(receiver.events.filter(isTaskEvent)).toHaveLength(5);
    expect(receiver.events.filter(isCommentEvent)).toHaveLength(3);
    expect(receiver.events.filter(isProjectEvent)).toHaveLength(2);
  });

  it('takes one item on its own too, and flags the same item delivered twice as a duplicate', async () => {
    receiver = await startReceiver();
    const one = JSON.stringify(item('post', 'comment', 5));
    await post(receiver.url, one);
    await post(receiver.url, `[${one}]`);
    await post(receiver.url, JSON.stringify([item('post', 'comment', 6)]));
    await receiver.waitFor('events', 3);
    expect(receiver.events.map((e) => [e.objectId, e.duplicate])).toEqual([
      ['5', false],
      ['5', true],
      ['6', false],
    ]);
  });

  describe('with Basic credentials', () => {
    beforeEach(async () => {
      receiver = await startReceiver({ basicAuth: { user: 'worksection', pass: 's3cret pass' } });
    });

    it('hands on a delivery with the right pair', async () => {
      const res = await post(receiver.url, JSON.stringify([item('post', 'task', 1)]), {
        authorization: basic('worksection', 's3cret pass'),
      });
      expect(res.status).toBe(200);
      await receiver.waitFor('events', 1);
    });

    it.each([
      ['a wrong password', { authorization: basic('worksection', 's3cret pasS') }],
      ['a wrong user', { authorization: basic('worksectio', 's3cret pass') }],
      ['no credentials', {}],
      ['another scheme', { authorization: 'Bearer s3cret pass' }],
      ['garbage', { authorization: `Basic ${'%'.repeat(5000)}` }],
    ])('answers 401 to %s, and reads, reports and hands on nothing', async (_label, headers) => {
      const res = await post(receiver.url, JSON.stringify([item('post', 'task', 1)]), headers);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic /);
      // A delivery with the right pair after it is the first and only thing handed on.
      await post(receiver.url, JSON.stringify([item('post', 'task', 2)]), { authorization: basic('worksection', 's3cret pass') });
      await receiver.waitFor('events', 1);
      expect(receiver.events.map((e) => e.objectId)).toEqual(['2']);
      expect(receiver.errors).toEqual([]);
    });
  });

  it('answers a malformed body 200 (an error answer would count against the hook) and reports it on one clean line', async () => {
    receiver = await startReceiver();
    const res = await post(receiver.url, '{"action": "post\u001b[31m\u202e, broken');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'OK' });
    await receiver.waitFor('errors', 1);
    expect(receiver.errors[0]).toBeInstanceOf(WorksectionWebhookError);
    expect(receiver.errors[0]).toMatchObject({ code: 'WORKSECTION_WEBHOOK_FAILED', reason: 'malformed' });
    // eslint-disable-next-line no-control-regex -- what must not be there
    expect(receiver.errors[0]?.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
  });

  it('reports the items of a delivery that are not events, and hands on the ones that are', async () => {
    receiver = await startReceiver();
    await post(
      receiver.url,
      JSON.stringify([42, { action: 'post' }, item('post', 'task', 9), { action: 'x', object: { type: 'task', id: 'a b' } }]),
    );
    await receiver.waitFor('events', 1);
    await receiver.waitFor('errors', 1);
    expect(receiver.errors[0]).toMatchObject({ reason: 'unreadable_event' });
    expect(receiver.errors[0]?.message).toContain('3 item(s)');
    expect(receiver.events.map((e) => e.objectId)).toEqual(['9']);
  });

  it('refuses a body over maxBodyBytes with 413 and reports it, and keeps receiving', async () => {
    receiver = await startReceiver({ maxBodyBytes: 1000 });
    const res = await post(receiver.url, JSON.stringify([item('post', 'task', 1, { new: { text: 'x'.repeat(2000) } })]));
    expect(res.status).toBe(413);
    await receiver.waitFor('errors', 1);
    expect(receiver.errors[0]).toMatchObject({ reason: 'too_large' });
    expect((await post(receiver.url, JSON.stringify([item('post', 'task', 2)]))).status).toBe(200);
    await receiver.waitFor('events', 1);
  });

  it('reports a handler that throws, and answers 200 and hands on the next event regardless', async () => {
    receiver = await startReceiver({
      onEvent: (event) => {
        if (event.objectId === '1') throw new Error('database down\nsecond line');
      },
    });
    const res = await post(receiver.url, JSON.stringify([item('post', 'task', 1), item('post', 'task', 2)]));
    expect(res.status).toBe(200);
    await receiver.waitFor('events', 2);
    await receiver.waitFor('errors', 1);
    expect(receiver.errors[0]).toMatchObject({ reason: 'handler_failed' });
    expect(receiver.errors[0]?.message).toContain('database down second line');
    expect((receiver.errors[0]?.cause as Error).message).toBe('database down\nsecond line');
  });

  it('answers before a slow handler settles, and reports one past handlerTimeoutMs', async () => {
    let release: () => void = () => undefined;
    receiver = await startReceiver({
      handlerTimeoutMs: 50,
      onEvent: () => new Promise<void>((resolve) => (release = resolve)),
    });
    // The handler never settles until released: the answer does not wait for it.
    const res = await post(receiver.url, JSON.stringify([item('post', 'task', 1)]));
    expect(await res.json()).toEqual({ status: 'OK' });
    await receiver.waitFor('errors', 1);
    expect(receiver.errors[0]).toMatchObject({ reason: 'handler_timeout' });
    release();
  });

  it('refuses options that cannot work, naming the option', () => {
    expect(() => webhookMiddleware({ onEvent: () => undefined, maxBodyBytes: -1 })).toThrow(/maxBodyBytes/);
    expect(() => webhookMiddleware({ onEvent: () => undefined, basicAuth: { user: 'a:b', pass: 'x' } })).toThrow(/basicAuth/);
    expect(() => webhookMiddleware({} as WebhookReceiverOptions)).toThrow(/onEvent/);
  });
});

describe('the webhook receiver under hostile bodies', () => {
  let receiver: Harness;
  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(() => receiver.close());

  it('keeps __proto__ keys away from every prototype', async () => {
    const body = `[{"action":"post","object":{"type":"task","id":"1","__proto__":{"polluted":true}},"__proto__":{"polluted":true},"new":{"constructor":{"prototype":{"polluted":true}}}}]`;
    await post(receiver.url, body);
    await receiver.waitFor('events', 1);
    const [event] = receiver.events;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(event?.raw)).toBeNull();
    expect((event?.raw as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(event?.raw ?? {}, '__proto__')).toBe(false);
  });

  it.each([
    ['deep nesting', () => `${'['.repeat(500_000)}${']'.repeat(500_000)}`, 'malformed'],
    ['10 MB', () => `["${'x'.repeat(10 * 1024 * 1024)}"]`, 'too_large'],
    ['invalid UTF-8', () => Buffer.from([0x5b, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x5d]), 'malformed'],
    ['a NUL-filled body', () => '\u0000'.repeat(1000), 'malformed'],
  ] as const)('survives %s, reports it, and loses no delivery after it', async (_label, body, reason) => {
    const res = await post(receiver.url, body());
    expect([200, 413]).toContain(res.status);
    await receiver.waitFor('errors', 1);
    expect(receiver.errors[0]).toMatchObject({ reason });
    await post(receiver.url, JSON.stringify([item('post', 'comment', 77)]));
    await receiver.waitFor('events', 1);
    expect(receiver.events[0]?.objectId).toBe('77');
  });
});
