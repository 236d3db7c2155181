import type { Emulator } from 'worksection-emulator';
import { WorksectionRateLimitError, type FetchFunction } from '../../src';
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
  // After a failed test: its calls get their turns and end while the servers still answer.
  for (const clock of manualClocks.splice(0)) clock.letGo();
  await Promise.allSettled(pending.splice(0));
  await recorder.close();
  await emu.close();
});

/** The actions of the account-API requests that reached Worksection, sorted: which arrived, not in what order. */
function arrived(): Array<string | null> {
  return recorder.requests
    .filter((r) => r.url.includes('/api/oauth2'))
    .map((r) => new URL(r.url, 'http://x').searchParams.get('action'))
    .sort();
}

const MIN_INTERVAL = 250;

/** A clock that stands still within one turn of the event loop: everything done in one turn reads the same time. */
function turnClock(): () => number {
  let turn: number | undefined;
  return () => {
    if (turn === undefined) {
      turn = performance.now();
      setImmediate(() => (turn = undefined));
    }
    return turn;
  };
}

/** Calls a test awaits only later, see {@link later}. */
const pending: Array<Promise<unknown>> = [];

/**
 * `call`, for a test that awaits it only after other checks: should one of those fail, the call's outcome is still
 * awaited (after the test) and handled, rather than left to reject once the servers are closed.
 */
function later<T>(call: Promise<T>): Promise<T> {
  pending.push(call.catch(() => undefined));
  return call;
}

/** The clocks made by {@link manualClock}, let go after each test. */
const manualClocks: Array<{ letGo(): void }> = [];

/**
 * A clock for a spacer that moves only when the test moves it. After the test it runs (from far ahead of any time
 * the test set): a test that failed must not leave its calls waiting for a turn that never comes, and Jest running.
 */
function manualClock() {
  let running = false;
  const clock = {
    now: 0,
    read: (): number => (running ? 1e9 + performance.now() : clock.now),
    letGo: () => {
      running = true;
    },
  };
  manualClocks.push(clock);
  return clock;
}

/**
 * A spacer on `clock`, and a `fetch` that notes each account-API request as the client sends it: its action and the
 * clock's time. A call's request is sent in the same turn of the event loop as the spacer lets the call start, so on
 * a {@link turnClock} the times noted are the starts the spacer spaced, exactly: their gaps hold however busy the
 * machine is, where arrival times at a server can bunch up (one request delayed on its way, the next not).
 */
function recordedSpacing(clock: () => number = turnClock()) {
  const sent: Array<{ action: string | null; at: number }> = [];
  const recordingFetch: FetchFunction = (url, init) => {
    sent.push({ action: new URL(url).searchParams.get('action'), at: clock() });
    return fetch(url, init);
  };
  return {
    spacer: new CallSpacer(clock),
    fetch: recordingFetch,
    /** The actions sent, in the order the client sent them. */
    actions: () => sent.map((s) => s.action),
    /** The gaps between the sends, in ms. */
    gaps: () => sent.slice(1).map((s, i) => s.at - sent[i]!.at),
  };
}

describe('calls to one account', () => {
  it('start spaced by minInterval, in order, and all reach Worksection, even from separate clients', async () => {
    const spacing = recordedSpacing();
    const options = {
      strategy: grant.strategy,
      accountUrl: grant.accountUrl,
      tokens: grant.tokens,
      minInterval: MIN_INTERVAL,
      spacer: spacing.spacer,
      fetch: spacing.fetch,
    };
    const a = new WorksectionClient(options);
    const b = new WorksectionClient(options);
    const results = await Promise.all([a.me(), b.getProjects(), a.getUsers(), b.me(), a.getProjects()]);
    expect(results).toHaveLength(5);
    expect(spacing.actions()).toEqual(['me', 'get_projects', 'get_users', 'me', 'get_projects']);
    expect(arrived()).toEqual(['get_projects', 'get_projects', 'get_users', 'me', 'me']);
    expect(emu.stats.requests.api).toBe(5);
    const gaps = spacing.gaps();
    expect(gaps).toHaveLength(4);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(MIN_INTERVAL);
  });

  it("clients given no spacer share one: the first client's call holds up the second client's", async () => {
    // An interval no test outlasts: the second client's turn cannot come within its maxQueueWait.
    const options = { strategy: grant.strategy, accountUrl: grant.accountUrl, tokens: grant.tokens, minInterval: 600_000 };
    const first = later(new WorksectionClient(options).me());
    const err = await new WorksectionClient({ ...options, maxQueueWait: 300_000 }).getProjects().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorksectionRateLimitError);
    await first;
    expect(arrived()).toEqual(['me']);
  });

  it('the replay after a refresh waits its turn as well', async () => {
    emu.clock.advance(86_400_000 + 1000);
    const spacing = recordedSpacing();
    const client = new WorksectionClient({
      strategy: grant.strategy,
      accountUrl: grant.accountUrl,
      tokens: grant.tokens,
      minInterval: MIN_INTERVAL,
      spacer: spacing.spacer,
      fetch: spacing.fetch,
    });
    await Promise.all([client.me(), client.me()]);
    expect(emu.stats.requests.refresh).toBe(1);
    // The first call is answered 401; the second, sent after the refresh, uses the new token; then the replay.
    expect(emu.stats.requests.api).toBe(3);
    const gaps = spacing.gaps();
    expect(gaps).toHaveLength(2);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(MIN_INTERVAL);
  });
});

describe('bounded waiting', () => {
  function spacedClient(spacing: ReturnType<typeof recordedSpacing>, options: Partial<WorksectionClientOptions> = {}) {
    return new WorksectionClient({
      strategy: grant.strategy,
      accountUrl: grant.accountUrl,
      tokens: grant.tokens,
      minInterval: MIN_INTERVAL,
      spacer: spacing.spacer,
      fetch: spacing.fetch,
      ...options,
    });
  }

  it('a call whose turn would come later than maxQueueWait rejects at once with WORKSECTION_RATE_LIMITED, never reaching Worksection', async () => {
    // The spacer's clock stands still until the refusal: a call that waited for its turn would never be answered.
    const clock = manualClock();
    const spacing = recordedSpacing(clock.read);
    const client = spacedClient(spacing, { maxQueueWait: MIN_INTERVAL + 50 });
    const first = later(client.me());
    const second = later(client.getProjects());
    const err = await client.getUsers().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorksectionRateLimitError);
    expect(err).toMatchObject({ code: 'WORKSECTION_RATE_LIMITED', retryable: true });
    // Its turn: after the first call's interval and the second call's.
    expect((err as WorksectionRateLimitError).retryAfter).toBe(2 * MIN_INTERVAL);
    clock.now = MIN_INTERVAL;
    await Promise.all([first, second]);
    expect(spacing.actions()).toEqual(['me', 'get_projects']);
    expect(arrived()).toEqual(['get_projects', 'me']);
  });

  it('an aborted call leaves the queue without reaching Worksection, and the call behind it takes its turn', async () => {
    const controller = new AbortController();
    const clock = manualClock();
    const spacing = recordedSpacing(clock.read);
    // Aborted while the first call is being sent, once every pending promise job has run: the other two calls
    // are in the queue by then, the second one a whole interval from its turn.
    const client = spacedClient(spacing, {
      fetch: (url, init) => {
        if (url.endsWith('action=me')) setImmediate(() => controller.abort());
        return spacing.fetch(url, init);
      },
    });
    const first = later(client.me());
    const aborted = later(client.getUsers({}, { signal: controller.signal }));
    const third = later(client.getProjects());
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    // One interval after the first, not two: the aborted call holds nobody up. Were it still counted, the third
    // call's turn would never come on this clock (the test would time out).
    clock.now = MIN_INTERVAL;
    await Promise.all([first, third]);
    expect(spacing.actions()).toEqual(['me', 'get_projects']);
    expect(spacing.gaps()).toEqual([MIN_INTERVAL]);
    expect(arrived()).toEqual(['get_projects', 'me']);
  });

  it('calls made one after the other are sent in that order, whether or not they carry a signal, and all reach Worksection', async () => {
    const spacing = recordedSpacing();
    const client = spacedClient(spacing, { minInterval: 0 });
    const signal = new AbortController().signal;
    await Promise.all([client.me(), client.getUsers({}, { signal }), client.getProjects(), client.me({ signal })]);
    expect(spacing.actions()).toEqual(['me', 'get_users', 'get_projects', 'me']);
    expect(arrived()).toEqual(['get_projects', 'get_users', 'me', 'me']);
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
    const aborted = later(client.me({ signal: controller.signal }));
    const other = later(client.getProjects());
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
