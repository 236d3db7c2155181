import type { Emulator } from 'worksection-emulator';
import { WorksectionRateLimitError } from '../../src';
import { WorksectionClient, type WorksectionClientOptions } from '../../src/client';
import { CallSpacer } from '../../src/client/call-spacer';
import { startRecorder, type Recorder } from '../helpers/client-recorder';
import { signIn, startEmulator, type Grant } from '../helpers/client-setup';

let emu: Emulator;
let recorder: Recorder;
let grant: Grant;

beforeEach(async () => {
  emu = await startEmulator();
  recorder = await startRecorder(emu.url);
  grant = await signIn(emu, { baseURL: recorder.url });
  grant.accountUrl = grant.accountUrl.replace(emu.url, recorder.url);
});
afterEach(async () => {
  await recorder.close();
  await emu.close();
});

/** Gaps between the arrival times of the recorded account-API requests, in ms. */
function arrivalGaps(): number[] {
  const at = recorder.requests.filter((r) => r.url.includes('/api/oauth2')).map((r) => r.at);
  return at.slice(1).map((t, i) => t - at[i]!);
}

// Arrival gaps can be shorter than the send gaps by one request's latency (in-process, but a loaded CI machine
// can stretch it): a generous slack, still far above the ~0 ms gaps of unspaced calls.
const MIN_INTERVAL = 250;
const SLACK = 60;

describe('calls to one account', () => {
  it('arrive at Worksection spaced by minInterval, none dropped, even from separate clients', async () => {
    const minInterval = MIN_INTERVAL;
    const options = { strategy: grant.strategy, accountUrl: grant.accountUrl, tokens: grant.tokens, minInterval };
    const a = new WorksectionClient(options);
    const b = new WorksectionClient(options);
    const results = await Promise.all([a.me(), b.getProjects(), a.getUsers(), b.me(), a.getProjects()]);
    expect(results).toHaveLength(5);
    expect(emu.stats.requests.api).toBe(5);
    const gaps = arrivalGaps();
    expect(gaps).toHaveLength(4);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(minInterval - SLACK);
  });

  it('the replay after a refresh waits its turn as well', async () => {
    emu.clock.advance(86_400_000 + 1000);
    const minInterval = MIN_INTERVAL;
    const client = new WorksectionClient({ strategy: grant.strategy, accountUrl: grant.accountUrl, tokens: grant.tokens, minInterval });
    await Promise.all([client.me(), client.me()]);
    expect(emu.stats.requests.refresh).toBe(1);
    // The first call is answered 401; the second, sent after the refresh, uses the new token; then the replay.
    expect(emu.stats.requests.api).toBe(3);
    const gaps = arrivalGaps();
    expect(gaps).toHaveLength(2);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(minInterval - SLACK);
  });
});

describe('bounded waiting', () => {
  function spacedClient(options: Partial<WorksectionClientOptions> = {}) {
    return new WorksectionClient({
      strategy: grant.strategy,
      accountUrl: grant.accountUrl,
      tokens: grant.tokens,
      minInterval: MIN_INTERVAL,
      spacer: new CallSpacer(),
      ...options,
    });
  }

  it('a call whose turn would come later than maxQueueWait rejects at once with WORKSECTION_RATE_LIMITED, never reaching Worksection', async () => {
    const client = spacedClient({ maxQueueWait: MIN_INTERVAL + 50 });
    const first = client.me();
    const second = client.getProjects();
    const started = performance.now();
    const err = await client.getUsers().catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(MIN_INTERVAL);
    expect(err).toBeInstanceOf(WorksectionRateLimitError);
    expect(err).toMatchObject({ code: 'WORKSECTION_RATE_LIMITED', retryable: true });
    expect((err as WorksectionRateLimitError).retryAfter).toBeGreaterThan(MIN_INTERVAL + 50);
    expect((err as WorksectionRateLimitError).retryAfter).toBeLessThanOrEqual(2 * MIN_INTERVAL);
    await Promise.all([first, second]);
    expect(recorder.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('action'))).toEqual(['me', 'get_projects']);
  });

  it('an aborted call leaves the queue without reaching Worksection, and the call behind it takes its turn', async () => {
    const controller = new AbortController();
    // Aborted while the first call is being sent, once every pending promise job has run: the other two calls
    // are in the queue by then, the second one a whole interval from its turn.
    const client = spacedClient({
      fetch: (url, init) => {
        if (url.endsWith('action=me')) setImmediate(() => controller.abort());
        return fetch(url, init);
      },
    });
    const first = client.me();
    const aborted = client.getUsers({}, { signal: controller.signal });
    const third = client.getProjects();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    await Promise.all([first, third]);
    expect(recorder.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('action'))).toEqual(['me', 'get_projects']);
    // One interval after the first, not two: the aborted call holds nobody up.
    const [gap] = arrivalGaps();
    expect(gap).toBeGreaterThanOrEqual(MIN_INTERVAL - SLACK);
    expect(gap).toBeLessThan(2 * MIN_INTERVAL - SLACK);
  });

  it('calls made one after the other reach Worksection in that order, whether or not they carry a signal', async () => {
    const client = spacedClient({ minInterval: 0 });
    const signal = new AbortController().signal;
    await Promise.all([client.me(), client.getUsers({}, { signal }), client.getProjects(), client.me({ signal })]);
    expect(recorder.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('action'))).toEqual([
      'me',
      'get_users',
      'get_projects',
      'me',
    ]);
  });

  it("a call aborted while it waits for a refresh rejects with the signal's reason; the refresh goes on for the others", async () => {
    emu.faults.set('refresh', { type: 'delay', ms: 300, times: 1 });
    const client = new WorksectionClient({
      strategy: grant.strategy,
      accountUrl: grant.accountUrl,
      tokens: { ...grant.tokens, expiresAt: Date.now() - 1 },
      minInterval: 0,
      spacer: new CallSpacer(),
    });
    const reason = new Error('the user closed the page');
    const controller = new AbortController();
    const aborted = client.me({ signal: controller.signal });
    const other = client.getProjects();
    controller.abort(reason);
    await expect(aborted).rejects.toBe(reason);
    // At once: the refresh (300 ms) has not finished.
    expect(client.tokens.accessToken).toBe(grant.tokens.accessToken);
    await expect(other).resolves.toHaveLength(2);
    expect(client.tokens.accessToken).not.toBe(grant.tokens.accessToken);
    expect(emu.stats.requests.refresh).toBe(1);
    expect(recorder.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('action'))).toEqual([null, 'get_projects']);
  });
});

describe('calls of several users to one account', () => {
  it("are served in turn: a user's one call is not refused behind another user's backlog", async () => {
    const other = await signIn(emu, { baseURL: recorder.url });
    const spacer = new CallSpacer();
    const options = { strategy: grant.strategy, accountUrl: grant.accountUrl, minInterval: 200, spacer };
    const heavy = new WorksectionClient({ ...options, tokens: grant.tokens, maxQueueWait: Infinity });
    const light = new WorksectionClient({ ...options, tokens: other.tokens, maxQueueWait: 300 });
    const backlog = [1, 2, 3, 4, 5, 6].map(() => heavy.me());
    // Without turns between callers this call would wait 1000 ms behind the backlog, past its maxQueueWait.
    await expect(light.me()).resolves.toBeDefined();
    await Promise.all(backlog);
    expect(emu.stats.requests.api).toBe(7);
  });
});

describe("the client's own signal option", () => {
  it('aborts every call of the client: one waiting for its turn leaves the queue without reaching Worksection', async () => {
    const spacer = new CallSpacer();
    const options = { strategy: grant.strategy, accountUrl: grant.accountUrl, tokens: grant.tokens, minInterval: 300, spacer };
    const controller = new AbortController();
    const busy = new WorksectionClient(options);
    const client = new WorksectionClient({ ...options, signal: controller.signal });
    const first = busy.me();
    const waiting = client.me().catch((err: unknown) => err);
    controller.abort(new Error('gone'));
    expect(await waiting).toEqual(new Error('gone'));
    await first;
    await busy.me();
    expect(emu.stats.requests.api).toBe(2);
    await expect(client.me()).rejects.toThrow('gone');
  });

  it('must be an AbortSignal', () => {
    expect(
      () =>
        new WorksectionClient({ strategy: grant.strategy, accountUrl: grant.accountUrl, tokens: grant.tokens, signal: {} as AbortSignal }),
    ).toThrow(/signal option must be an AbortSignal/);
  });
});
