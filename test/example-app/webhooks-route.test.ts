import { AccountEvents } from '../../example-app/account-events';
import { startExample, type RunningExample } from './helpers/example-server';

const CREDENTIALS = { user: 'worksection', pass: 'route-test-pass' };
const basic = `Basic ${Buffer.from(`${CREDENTIALS.user}:${CREDENTIALS.pass}`).toString('base64')}`;
const comment = (id: string, text: string) =>
  JSON.stringify([{ action: 'post', object: { type: 'comment', id, page: `/project/101/1001/#com${id}` }, new: { text } }]);

describe('the example app’s webhook receiver', () => {
  let running: RunningExample;
  beforeEach(async () => {
    running = await startExample({ app: { webhooks: CREDENTIALS } });
  });
  afterEach(() => running.close());

  it('answers a delivery for a registered account 200 {"status":"OK"}, and sets no cookie', async () => {
    const path = running.example.webhooks!.register(running.emulator.accountUrl('acc1234'));
    const res = await fetch(`${running.url}${path}`, { method: 'POST', headers: { authorization: basic }, body: comment('1', 'hi') });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'OK' });
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('answers 401 without the pair and 404 for an account it was not registered for, keeping nothing', async () => {
    const path = running.example.webhooks!.register(running.emulator.accountUrl('acc1234'));
    expect((await fetch(`${running.url}${path}`, { method: 'POST', body: comment('1', 'x') })).status).toBe(401);
    const stranger = `/webhooks/worksection/${'0'.repeat(32)}`;
    expect((await fetch(`${running.url}${stranger}`, { method: 'POST', headers: { authorization: basic }, body: '[]' })).status).toBe(404);
  });

  it("drops the account's cached reads when a delivery for it arrives, and no other account's", async () => {
    const account = running.emulator.accountUrl('acc1234');
    const path = running.example.webhooks!.register(account);
    const reads = running.example.reads;
    let loads = 0;
    const read = (at: string) => reads.read(at, 'user-1', 'get_projects', () => Promise.resolve(++loads));
    await read(account);
    await read('https://other.worksection.com');
    expect(reads.size).toBe(2);
    const res = await fetch(`${running.url}${path}`, {
      method: 'POST',
      headers: { authorization: basic },
      body: comment('2', 'elsewhere'),
    });
    expect(res.status).toBe(200);
    // The receiver hands events on after its answer: wait for the drop.
    while (reads.size !== 1) await new Promise((resolve) => setImmediate(resolve));
    expect(await read('https://other.worksection.com')).toBe(2);
    expect(await read(account)).toBe(3);
  });

  it('refuses the task updates to a visitor who is not signed in', async () => {
    expect((await fetch(`${running.url}/tasks/1001/updates`)).status).toBe(401);
  });
});

describe('AccountEvents', () => {
  it('keeps each account’s events under its own key, and bounds them', () => {
    const events = new AccountEvents('secret');
    const a = 'https://a.worksection.com';
    const b = 'https://b.worksection.com';
    const event = (id: string) => ({
      name: 'post_comment' as const,
      action: 'post',
      objectType: 'comment',
      objectId: id,
      page: `/project/1/7/#com${id}`,
      dateAdded: undefined,
      userFrom: undefined,
      new: { text: `t${id}` },
      old: undefined,
      raw: {},
      duplicate: false,
    });
    for (let i = 0; i < 250; i++) events.add(events.keyOf(a), event(String(i)));
    expect(events.commentsOn(b, '7')).toEqual([]);
    const kept = events.commentsOn(a, '7');
    expect(kept).toHaveLength(200);
    expect(kept.at(-1)).toMatchObject({ objectId: '249', taskId: '7', text: 't249' });
    expect(events.keyOf(a)).not.toBe(events.keyOf(b));
  });
});
