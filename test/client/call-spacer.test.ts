import { CallSpacer, DEFAULT_MIN_INTERVAL } from '../../src/client/call-spacer';

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
});
