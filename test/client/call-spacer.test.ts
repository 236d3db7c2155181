import { CallSpacer, DEFAULT_MAX_QUEUE_WAIT, DEFAULT_MIN_INTERVAL } from '../../src/client/call-spacer';
import { RATE_LIMITED, WorksectionRateLimitError } from '../../src';

describe('CallSpacer', () => {
  it('starts calls with one key at least `interval` apart, in the order they were scheduled', async () => {
    const spacer = new CallSpacer();
    const starts: Array<[number, number]> = [];
    await Promise.all(
      [0, 1, 2, 3].map((n) =>
        spacer.schedule('acc', 40, () => {
          starts.push([n, performance.now()]);
          return Promise.resolve();
        }),
      ),
    );
    expect(starts.map(([n]) => n)).toEqual([0, 1, 2, 3]);
    for (let i = 1; i < starts.length; i++) expect(starts[i]![1] - starts[i - 1]![1]).toBeGreaterThanOrEqual(39.9);
  });

  it("counts the spacing from when the previous call's function actually started, not from when its turn came", async () => {
    let now = 1000;
    const spacer = new CallSpacer(() => now);
    const first = spacer.schedule('acc', 40, () => Promise.resolve());
    // The event loop was busy: the first call's function runs 5 ms after its turn came.
    now += 5;
    await first;
    // A call that may not wait reports how long it would have: the whole interval from that actual start.
    const err = await spacer.schedule('acc', 40, () => Promise.resolve(), { maxWait: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorksectionRateLimitError);
    expect((err as WorksectionRateLimitError).retryAfter).toBe(40);
  });

  it('drops no call: a rejecting call does not stop the ones queued behind it', async () => {
    const spacer = new CallSpacer();
    const results = await Promise.allSettled([
      spacer.schedule('acc', 10, () => Promise.resolve('a')),
      spacer.schedule('acc', 10, () => Promise.reject(new Error('boom'))),
      spacer.schedule('acc', 10, () => Promise.resolve('c')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseFulfilledResult<string>).value).toBe('c');
  });

  it('does not space calls with different keys (accounts)', async () => {
    const now = 1000;
    const spacer = new CallSpacer(() => now);
    const order: string[] = [];
    // With a clock that never moves, a spaced call would wait forever: only unspaced calls can finish.
    await Promise.all([
      spacer.schedule('a', 60_000, () => Promise.resolve(order.push('a'))),
      spacer.schedule('b', 60_000, () => Promise.resolve(order.push('b'))),
    ]);
    expect(order.sort()).toEqual(['a', 'b']);
  });

  it('runs a call at once when the previous one started longer than `interval` ago', async () => {
    let now = 0;
    const spacer = new CallSpacer(() => now);
    await spacer.schedule('acc', 100, () => Promise.resolve(undefined));
    now = 150;
    const started = await spacer.schedule('acc', 100, () => Promise.resolve(now));
    expect(started).toBe(150);
  });

  it("defaults to Worksection's one request per second", () => {
    expect(DEFAULT_MIN_INTERVAL).toBe(1000);
  });

  it('waits at most 30 s by default in the client (DEFAULT_MAX_QUEUE_WAIT)', () => {
    expect(DEFAULT_MAX_QUEUE_WAIT).toBe(30_000);
  });
});

describe('CallSpacer with maxWait and a signal', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** A spacer on the fake clock, and what its calls did: start times by name. */
  function spaced() {
    const spacer = new CallSpacer(() => Date.now());
    const starts = new Map<string, number>();
    const t0 = Date.now();
    const call = (name: string, options: { maxWait?: number; signal?: AbortSignal } = {}) =>
      spacer.schedule(
        'acc',
        1000,
        () => {
          starts.set(name, Date.now() - t0);
          return Promise.resolve(name);
        },
        options,
      );
    return { call, starts };
  }

  it('rejects at once, without queuing, a call whose turn would come later than maxWait, with retryAfter the wait', async () => {
    const { call, starts } = spaced();
    const first = call('a', { maxWait: 1500 });
    const second = call('b', { maxWait: 1500 });
    const err = await call('c', { maxWait: 1500 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorksectionRateLimitError);
    expect(err).toMatchObject({ code: RATE_LIMITED, retryAfter: 2000, retryable: true });
    expect((err as Error).message).toMatch(/maxQueueWait/);
    // The refused call took no place: the next one fits where it would have gone.
    const third = call('d', { maxWait: 2000 });
    await jest.advanceTimersByTimeAsync(2000);
    await Promise.all([first, second, third]);
    expect(Object.fromEntries(starts)).toEqual({ a: 0, b: 1000, d: 2000 });
  });

  it('queues a call whose turn comes exactly at maxWait', async () => {
    const { call, starts } = spaced();
    const calls = [call('a', { maxWait: 1000 }), call('b', { maxWait: 1000 })];
    await jest.advanceTimersByTimeAsync(1000);
    await Promise.all(calls);
    expect(starts.get('b')).toBe(1000);
  });

  it('takes an aborted call out of the queue: its fn never runs, it rejects with the reason, the call behind moves up', async () => {
    const { call, starts } = spaced();
    const controller = new AbortController();
    const a = call('a');
    const b = call('b', { signal: controller.signal });
    const c = call('c');
    const reason = new Error('user left');
    controller.abort(reason);
    await expect(b).rejects.toBe(reason);
    await jest.advanceTimersByTimeAsync(1000);
    await Promise.all([a, c]);
    expect(Object.fromEntries(starts)).toEqual({ a: 0, c: 1000 });
  });

  it('an aborted call is not counted in the wait of later calls', async () => {
    const { call } = spaced();
    const controller = new AbortController();
    const a = call('a');
    const b = call('b', { signal: controller.signal });
    controller.abort();
    await expect(b).rejects.toMatchObject({ name: 'AbortError' });
    const c = call('c', { maxWait: 1000 });
    await jest.advanceTimersByTimeAsync(1000);
    await expect(Promise.all([a, c])).resolves.toEqual(['a', 'c']);
  });

  it('rejects a call whose signal is already aborted without running it, and leaves the queue as it was', async () => {
    const { call, starts } = spaced();
    await expect(call('a', { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    await expect(call('b')).resolves.toBe('b');
    expect(Object.fromEntries(starts)).toEqual({ b: 0 });
  });

  it('an abort after the call started changes nothing: it resolves as its fn does', async () => {
    const { call } = spaced();
    const controller = new AbortController();
    const a = call('a', { signal: controller.signal });
    await jest.advanceTimersByTimeAsync(0);
    controller.abort();
    await expect(a).resolves.toBe('a');
  });

  it("serves callers in turn: a caller arriving behind another's many calls waits one call of each, not all of them", async () => {
    const spacer = new CallSpacer(() => Date.now());
    const order: string[] = [];
    const t0 = Date.now();
    const call = (caller: string, name: string, maxWait = Infinity) =>
      spacer.schedule(
        'acc',
        1000,
        () => {
          order.push(`${name}@${Date.now() - t0}`);
          return Promise.resolve();
        },
        { caller, maxWait },
      );
    const heavy = [1, 2, 3, 4, 5].map((n) => call('a', `a${n}`));
    // Behind four of a's calls waiting, b (nothing waiting) goes next: within 1000 ms, not 4000.
    const light = [call('b', 'b1', 1000), call('b', 'b2')];
    // So does a third caller; then one call of each per round.
    const third = call('c', 'c1', 1000);
    await jest.advanceTimersByTimeAsync(7000);
    await Promise.all([...heavy, ...light, third]);
    expect(order).toEqual(['a1@0', 'c1@1000', 'b1@2000', 'a2@3000', 'b2@4000', 'a3@5000', 'a4@6000', 'a5@7000']);
  });
});
