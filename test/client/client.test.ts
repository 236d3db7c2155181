import type { Emulator } from 'worksection-emulator';
import {
  BODY_TOO_LARGE,
  INVALID_JSON,
  INVALID_RESPONSE,
  UNEXPECTED_REDIRECT,
  UNEXPECTED_STATUS,
  WorksectionApiError,
  WorksectionRateLimitError,
  WorksectionResponseError,
  WorksectionTimeoutError,
  API_ERROR,
  type TokenSet,
} from '../../src';
import { MAX_API_BODY_BYTES } from '../../src/http/stream-request';
import { CallSpacer } from '../../src/client/call-spacer';
import { startRecorder, type Recorder } from '../helpers/client-recorder';
import type { Socket } from 'node:net';
import { startHostileServer, type HostileServer } from '../helpers/hostile-server';
import { clientOf, PAST_EXPIRY, rejection, signIn, startEmulator, type Grant } from '../helpers/client-setup';
import { until } from '../helpers/until';

let emu: Emulator;
let grant: Grant;

beforeEach(async () => {
  emu = await startEmulator();
  grant = await signIn(emu);
});
afterEach(() => emu.close());

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

/** Everything an error shows: what must never hold a token. */
function shown(err: unknown): string {
  return `${String(err)} ${JSON.stringify(err)} ${(err as Error).stack}`;
}

describe('requests', () => {
  let recorder: Recorder;
  beforeEach(async () => {
    recorder = await startRecorder(emu.url);
  });
  afterEach(() => recorder.close());

  function recordedClient() {
    return clientOf({ ...grant, accountUrl: grant.accountUrl.replace(emu.url, recorder.url) }, { baseURL: recorder.url }).client;
  }

  it('calls GET {accountUrl}/api/oauth2?action=… with the parameters in the query and the token only in Authorization: Bearer', async () => {
    const tasks = await recordedClient().call('get_tasks', { id_project: '101', filter: undefined, extra: 'text' });
    expect(tasks).toHaveLength(2);
    const [request] = recorder.requests;
    expect(request).toMatchObject({ method: 'GET', url: '/acc1234/api/oauth2?action=get_tasks&id_project=101&extra=text', body: '' });
    expect(request!.headers.authorization).toBe(`Bearer ${grant.tokens.accessToken}`);
    expect(request!.url).not.toContain(grant.tokens.accessToken);
  });

  it('callJson sends the parameters as a JSON body (never a form body), the action in the query', async () => {
    const tasks = await recordedClient().callJson('get_tasks', { id_project: '102' });
    expect(tasks).toEqual([expect.objectContaining({ id: '1003', name: 'Colour palette' })]);
    const [request] = recorder.requests;
    expect(request).toMatchObject({ method: 'POST', url: '/acc1234/api/oauth2?action=get_tasks', body: '{"id_project":"102"}' });
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers.authorization).toBe(`Bearer ${grant.tokens.accessToken}`);
  });

  it('goes through the fetch option when one is given (e.g. to log requests)', async () => {
    const seen: string[] = [];
    const logging = (url: string, init: RequestInit) => {
      seen.push(`${init.method} ${url}`);
      return fetch(url, init);
    };
    const { client } = clientOf(grant, { fetch: logging });
    await expect(client.me()).resolves.toMatchObject({ id: '3993' });
    expect(seen).toEqual([`GET ${grant.accountUrl}/api/oauth2?action=me`]);
  });

  it('refuses an access_token or action parameter with an argument error: the client sets those', async () => {
    const { client } = clientOf(grant);
    // @ts-expect-error me takes no parameters: the typed call refuses them at compile time too.
    await expect(client.call('me', { access_token: 'x' })).rejects.toMatchObject({
      name: 'WorksectionArgumentError',
      code: 'WORKSECTION_INVALID_ARGUMENT',
      argument: 'params',
    });
    // @ts-expect-error me takes no parameters, as above.
    await expect(client.call('me', { action: 'get_users' })).rejects.toMatchObject({ argument: 'params' });
    await expect(client.callJson('get_tasks', { action: 'get_users', id_project: '101' })).rejects.toMatchObject({ argument: 'params' });
    await expect(client.call('me&x=1')).rejects.toMatchObject({ argument: 'action' });
    expect(emu.stats.requests.api).toBe(0);
  });
});

describe('the envelope', () => {
  it('"status":"ok" resolves to data: me() is the signed-in user', async () => {
    const { client } = clientOf(grant);
    await expect(client.me()).resolves.toMatchObject({
      id: '3993',
      first_name: 'Henry',
      last_name: 'Gardner',
      name: 'Henry Gardner',
      email: 'Henry.Gardner@ws.com',
      role: 'owner',
    });
  });

  it("me's one-element array (as Worksection's docs show it) is unwrapped to the object", async () => {
    const profile = { id: '3993', first_name: 'Henry', last_name: 'Gardner', name: 'Henry Gardner', email: 'henry.gardner@ws.com' };
    emu.faults.set('api', { type: 'respond', status: 200, headers: JSON_HEADERS, body: JSON.stringify({ status: 'ok', data: [profile] }) });
    const { client } = clientOf(grant);
    await expect(client.call('me')).resolves.toEqual(profile);
    await expect(client.me()).resolves.toEqual(profile);
  });

  it('an answer without data ({"status":"ok","id":…}) resolves to its other fields, in a null-prototype object', async () => {
    const { client } = clientOf(grant);
    emu.faults.set('api', { type: 'respond', status: 200, headers: JSON_HEADERS, body: '{"status":"ok","id":"4010"}', times: 1 });
    await expect(client.call('add_costs', { id_task: '1002', time: 5 })).resolves.toEqual({ id: '4010' });
    const hostile = '{"status":"ok","id":"4011","__proto__":{"polluted":true}}';
    emu.faults.set('api', { type: 'respond', status: 200, headers: JSON_HEADERS, body: hostile, times: 1 });
    const answer = (await client.call('add_costs', { id_task: '1002', time: 5 })) as Record<string, unknown>;
    expect(Object.getPrototypeOf(answer)).toBeNull();
    // The parser drops a __proto__ key: nothing reaches a prototype.
    expect(answer).toEqual({ id: '4011' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    emu.faults.set('api', { type: 'respond', status: 200, headers: JSON_HEADERS, body: '{"status":"ok"}', times: 1 });
    await expect(client.tasks.complete({ id_task: '1002' })).resolves.toBeUndefined();
  });

  it('getProjects, getTasks and getUsers resolve to the lists of the account', async () => {
    const { client } = clientOf(grant);
    const projects = await client.getProjects({ filter: 'active' });
    // The filter reaches the account API: the archived project is left out.
    expect(projects.map((p) => [p.id, p.name, p.status])).toEqual([['101', 'Website relaunch', 'active']]);
    const tasks = await client.getTasks({ id_project: projects[0]!.id });
    expect(tasks.map((t) => t.name)).toEqual(['Wireframes', 'Content migration']);
    expect(tasks[0]!.user_to).toMatchObject({ id: '2477' });
    const users = await client.getUsers();
    expect(users.map((u) => u.id)).toEqual(['3993', '2477']);
  });

  it('"status":"error" rejects with WorksectionApiError carrying statusCode, message and details', async () => {
    const { client } = clientOf(grant);
    // @ts-expect-error get_tasks needs id_project: here Worksection's refusal of its absence is under test.
    const err = await rejection(client.call('get_tasks'));
    expect(err).toBeInstanceOf(WorksectionApiError);
    expect(err).toMatchObject({
      code: API_ERROR,
      // Worksection's documented code 10: a required field is missing.
      statusCode: 10,
      message: 'Field is required',
      details: 'id_project',
      status: 200,
      action: 'get_tasks',
    });
    expect(JSON.parse(JSON.stringify(err))).toMatchObject({ name: 'WorksectionApiError', statusCode: 10, details: 'id_project' });
  });

  it("an action whose scope was not granted rejects with the emulator's 403 answer, naming the scope", async () => {
    const narrow = await signIn(emu, { scope: 'projects_read' });
    const { client } = clientOf(narrow);
    await expect(client.getProjects()).resolves.toHaveLength(2);
    const err = await rejection(client.getUsers());
    expect(err).toMatchObject({ name: 'WorksectionApiError', statusCode: 403, details: 'users_read', status: 200 });
  });

  it("blanks the tokens out of Worksection's words, should a server echo them", async () => {
    const body = JSON.stringify({
      status: 'error',
      status_code: 400,
      message: `bad ${grant.tokens.accessToken}`,
      message_details: grant.tokens.refreshToken,
    });
    emu.faults.set('api', { type: 'respond', status: 200, headers: JSON_HEADERS, body });
    const { client } = clientOf(grant);
    const err = await rejection(client.me());
    expect(err).toMatchObject({ message: 'bad [redacted]', details: '[redacted]' });
    expect(shown(err)).not.toContain(grant.tokens.accessToken);
  });

  it('JSON that is not the envelope, or data of the wrong shape, is WORKSECTION_INVALID_RESPONSE', async () => {
    const { client } = clientOf(grant);
    emu.faults.set('api', { type: 'respond', status: 200, headers: JSON_HEADERS, body: '{"projects":[]}', times: 1 });
    await expect(client.getProjects()).rejects.toMatchObject({ name: 'WorksectionResponseError', code: INVALID_RESPONSE });
    emu.faults.set('api', { type: 'respond', status: 200, headers: JSON_HEADERS, body: '{"status":"ok","data":{"id":"1"}}', times: 1 });
    await expect(client.getProjects()).rejects.toMatchObject({ code: INVALID_RESPONSE });
  });
});

describe('answers that are not the API', () => {
  it("nginx's HTML 502 page is WORKSECTION_UNEXPECTED_STATUS, without the page or a token in the error", async () => {
    const page =
      '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
    emu.faults.set('api', { type: 'respond', status: 502, headers: { 'content-type': 'text/html' }, body: page });
    const { client } = clientOf(grant);
    const err = await rejection(client.getProjects());
    expect(err).toBeInstanceOf(WorksectionResponseError);
    expect(err).toMatchObject({ code: UNEXPECTED_STATUS, status: 502, contentType: 'text/html' });
    expect(shown(err)).not.toContain('Bad Gateway</h1>');
    expect(shown(err)).not.toContain(grant.tokens.accessToken);
  });

  it('a 5xx with a JSON body is WORKSECTION_UNEXPECTED_STATUS too, and is not retried', async () => {
    emu.faults.set('api', {
      type: 'respond',
      status: 503,
      headers: JSON_HEADERS,
      body: '{"status":"error","status_code":503,"message":"Maintenance"}',
    });
    const { client } = clientOf(grant);
    await expect(client.me()).rejects.toMatchObject({ name: 'WorksectionResponseError', code: UNEXPECTED_STATUS, status: 503 });
    expect(emu.stats.requests.api).toBe(1);
  });

  it('an HTML 200 page is WORKSECTION_UNEXPECTED_CONTENT_TYPE', async () => {
    emu.faults.set('api', {
      type: 'respond',
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: '<html>login</html>',
    });
    const { client } = clientOf(grant);
    await expect(client.me()).rejects.toMatchObject({ code: 'WORKSECTION_UNEXPECTED_CONTENT_TYPE', status: 200 });
  });

  it('an answer cut in half is WORKSECTION_INVALID_JSON', async () => {
    emu.faults.set('api', { type: 'truncate' });
    const { client } = clientOf(grant);
    await expect(client.getProjects()).rejects.toMatchObject({ code: INVALID_JSON });
  });

  it('an answer of megabytes is read (lists of thousands of tasks are); one over MAX_API_BODY_BYTES is WORKSECTION_BODY_TOO_LARGE', async () => {
    const { client } = clientOf(grant);
    // 2 MiB of JSON that is not the envelope: read whole, then refused for its shape, not its size.
    emu.faults.set('api', { type: 'oversized', bytes: 2 * 1024 * 1024, times: 1 });
    await expect(client.getProjects()).rejects.toMatchObject({ code: INVALID_RESPONSE });
    emu.faults.set('api', { type: 'oversized', bytes: MAX_API_BODY_BYTES + 1, times: 1 });
    await expect(client.getProjects()).rejects.toMatchObject({
      code: BODY_TOO_LARGE,
      message: expect.stringContaining(`${MAX_API_BODY_BYTES}-byte cap`) as unknown,
    });
  });

  it('a redirect is not followed, so the bearer token is not sent elsewhere', async () => {
    emu.faults.set('api', { type: 'respond', status: 302, headers: { location: 'http://127.0.0.1:9/steal' }, body: '' });
    const { client } = clientOf(grant);
    await expect(client.me()).rejects.toMatchObject({ code: UNEXPECTED_REDIRECT, status: 302 });
  });

  it('no answer within `timeout` is a WorksectionTimeoutError, and the connection is closed', async () => {
    emu.faults.set('api', { type: 'hang' });
    const { client } = clientOf(grant, { timeout: 200 });
    const err = await rejection(client.me());
    expect(err).toBeInstanceOf(WorksectionTimeoutError);
    expect(err).toMatchObject({ code: 'WORKSECTION_TIMEOUT', timeout: 200 });
    expect(shown(err)).not.toContain(grant.tokens.accessToken);
  });
});

describe('rotated tokens', () => {
  let recorder: Recorder;
  beforeEach(async () => {
    recorder = await startRecorder(emu.url);
  });
  afterEach(() => recorder.close());

  // Only a call that has already passed the token check when the tokens rotate can read them early: one queued for
  // its turn in the spacer (it reads the tokens when its turn comes). A call made while onTokens runs waits for the
  // save before it looks at the tokens at all, so it alone cannot tell whether the client waits for onTokens.
  it('are used by no call, however concurrent, before onTokens has resolved: not by a call waiting for its turn, nor by one made meanwhile', async () => {
    // Worksection says the access token expired; the client does not know it yet, so its calls go out with it.
    emu.clock.advance(PAST_EXPIRY);
    const interval = 50;
    // The spacer's clock stands still until the test starts it: the queued call's turn comes while onTokens is pending.
    let startedAt: number | undefined;
    const spacer = new CallSpacer(() => (startedAt === undefined ? 0 : interval + performance.now() - startedAt));
    let accept!: () => void;
    const accepted = new Promise<void>((resolve) => (accept = resolve));
    let handOver!: (tokens: TokenSet) => void;
    const handedOver = new Promise<TokenSet>((resolve) => (handOver = resolve));
    const { client } = clientOf(
      { ...grant, accountUrl: grant.accountUrl.replace(emu.url, recorder.url) },
      {
        baseURL: recorder.url,
        minInterval: interval,
        spacer,
        onTokens: async (tokens) => {
          handOver(tokens);
          await accepted;
        },
      },
    );
    let rotated: TokenSet | undefined;
    /** The access token each account-API request carried, as it arrived: the grant's ('old') or the rotated one ('new'). */
    const tokensSent = () =>
      recorder.requests.map(({ headers: { authorization } }) =>
        authorization === `Bearer ${grant.tokens.accessToken}`
          ? 'old'
          : authorization === `Bearer ${rotated?.accessToken}`
            ? 'new'
            : authorization,
      );
    const calls: Array<Promise<unknown>> = [];
    try {
      calls.push(client.me(), client.getProjects());
      // The first call was answered 401 "expired" and refreshed the tokens; onTokens has them and has not resolved.
      rotated = await handedOver;
      expect(rotated.accessToken).not.toBe(grant.tokens.accessToken);
      calls.push(client.getUsers());
      // The queued call's turn comes now, onTokens still pending: it goes out, and must carry the old token.
      startedAt = performance.now();
      await until(() => recorder.requests.length === 2);
      expect(tokensSent()).toEqual(['old', 'old']);
      // Its 401 makes it wait for the save as well, as does the call made meanwhile.
      accept();
      await Promise.all(calls);
      // Afterwards: the two replays and the call made meanwhile, all with the new token; one refresh in all.
      expect(tokensSent()).toEqual(['old', 'old', 'new', 'new', 'new']);
      expect(emu.stats.requests.refresh).toBe(1);
      expect(client.tokens.accessToken).toBe(rotated.accessToken);
    } finally {
      // A failed expectation must not leave the calls waiting, nor let them fail after the servers closed.
      accept();
      startedAt ??= performance.now();
      await Promise.allSettled(calls);
    }
  });
});

describe('rate-limit refusals', () => {
  it("the emulator's rateLimit fault (HTTP 429, Retry-After) is a WorksectionRateLimitError with retryAfter in ms; the next call works", async () => {
    emu.faults.set('api', { type: 'rateLimit', retryAfter: 2, times: 1 });
    const { client } = clientOf(grant);
    const err = await rejection(client.getProjects());
    expect(err).toBeInstanceOf(WorksectionRateLimitError);
    expect(err).toMatchObject({ code: 'WORKSECTION_RATE_LIMITED', status: 429, retryAfter: 2000, retryable: true });
    expect((err as Error).message).toMatch(/"Too many requests"/);
    await expect(client.getProjects()).resolves.toHaveLength(2);
  });

  it("against the emulator enforcing Worksection's one call a second per account, a client spacing its calls is never refused, one that does not is", async () => {
    // 900 ms at the emulator against the client's 1000: requests may arrive a little closer together than they left.
    emu.faults.set('api', { type: 'rateLimit', minInterval: 900 });
    const spaced = clientOf(grant, { minInterval: 1000 }).client;
    for (let i = 0; i < 3; i++) await expect(spaced.me()).resolves.toMatchObject({ id: expect.any(String) as unknown });
    const eager = clientOf(grant, { minInterval: 0 }).client;
    const results = await Promise.allSettled([eager.me(), eager.me()]);
    const refused: unknown[] = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused[0]).toBeInstanceOf(WorksectionRateLimitError);
    expect(refused[0]).toMatchObject({ retryAfter: 1000 });
  });

  it('reads Retry-After through a fetch option too', async () => {
    emu.faults.set('api', { type: 'rateLimit', retryAfter: 3, times: 1 });
    const { client } = clientOf(grant, { fetch: (url, init) => fetch(url, init) });
    await expect(client.me()).rejects.toMatchObject({ name: 'WorksectionRateLimitError', retryAfter: 3000 });
  });

  it('an error envelope about request frequency, even with HTTP 200, is a WorksectionRateLimitError without retryAfter', async () => {
    const body = JSON.stringify({ status: 'error', status_code: 1, message: 'Request frequency exceeded', message_details: '' });
    emu.faults.set('api', { type: 'respond', status: 200, headers: JSON_HEADERS, body });
    const { client } = clientOf(grant);
    const err = await rejection(client.me());
    expect(err).toBeInstanceOf(WorksectionRateLimitError);
    expect(err).toMatchObject({ status: 200 });
    expect((err as WorksectionRateLimitError).retryAfter).toBeUndefined();
  });

  it("a proxy's HTML 429 page is a WorksectionRateLimitError too", async () => {
    emu.faults.set('api', {
      type: 'respond',
      status: 429,
      headers: { 'content-type': 'text/html', 'retry-after': '5' },
      body: '<h1>429</h1>',
    });
    const { client } = clientOf(grant);
    await expect(client.me()).rejects.toMatchObject({ name: 'WorksectionRateLimitError', status: 429 });
  });
});

describe.each([
  ['the built-in transport', undefined],
  ['a fetch option', (url: string, init: RequestInit) => fetch(url, init)],
])('a call aborted while under way, over %s', (_name, fetchOption) => {
  let server: HostileServer;
  let arrived: Promise<Socket>;
  beforeEach(async () => {
    let arrive!: (socket: Socket) => void;
    arrived = new Promise((resolve) => (arrive = resolve));
    // Worksection that takes the request and never answers.
    server = await startHostileServer((_req, _res, socket) => arrive(socket));
  });
  afterEach(() => server.close());

  function hangingClient() {
    return clientOf(
      { ...grant, accountUrl: `${server.url}/acc1234` },
      { baseURL: server.url, timeout: 10_000, ...(fetchOption !== undefined && { fetch: fetchOption }) },
    ).client;
  }

  it("rejects with the signal's reason at once and closes its connection", async () => {
    const controller = new AbortController();
    const call = hangingClient().me({ signal: controller.signal });
    const socket = await arrived;
    const reason = new Error('user left');
    controller.abort(reason);
    await expect(call).rejects.toBe(reason);
    // The connection that carried the request closes (long before the 10 s timeout).
    await new Promise((resolve) => (socket.destroyed ? resolve(undefined) : socket.once('close', resolve)));
    expect(server.requests).toHaveLength(1);
  });

  it('an AbortSignal.timeout rejects with its TimeoutError', async () => {
    const call = hangingClient().call('get_projects', {}, { signal: AbortSignal.timeout(100) });
    await expect(call).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});

describe('a signal already aborted', () => {
  it('rejects every kind of call without a request, not even a refresh of expired tokens', async () => {
    let refreshes = 0;
    const strategy = { baseURL: emu.url, refresh: (token: string) => (refreshes++, grant.strategy.refresh(token)) };
    const { client } = clientOf(grant, { strategy, tokens: { ...grant.tokens, expiresAt: Date.now() - 1 } });
    const signal = AbortSignal.abort();
    const calls = [
      client.call('me', {}, { signal }),
      client.callJson('get_tasks', { id_project: '101' }, { signal }),
      client.me({ signal }),
      client.getProjects({}, { signal }),
      client.getTasks({ id_project: '101' }, { signal }),
      client.getUsers({}, { signal }),
    ];
    for (const call of calls) await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    // Every pending promise job has run by then: a refresh would have been asked for.
    await new Promise((resolve) => setImmediate(resolve));
    expect(refreshes).toBe(0);
    expect(emu.stats.requests.api).toBe(0);
  });
});
