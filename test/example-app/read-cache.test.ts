import { READS, ReadCache } from '../../example-app/read-cache';

const A = 'https://acme.worksection.com';
const B = 'https://other.worksection.com';

/** A cache on a clock the test moves, and a loader that counts its calls. */
function setUp(options: { maxEntries?: number; ttlMs?: number } = {}) {
  let now = 1_000_000;
  const cache = new ReadCache({ ...options, now: () => now });
  let loads = 0;
  const load = (value: string) => () => {
    loads += 1;
    return Promise.resolve(value);
  };
  return { cache, load, loads: () => loads, advance: (ms: number) => (now += ms) };
}

describe('ReadCache', () => {
  test('a second read of the same call for the same user of the same account is served without loading', async () => {
    const { cache, load, loads } = setUp();
    expect(await cache.read(A, '1', READS.task('7'), load('first'))).toBe('first');
    expect(await cache.read(A, '1', READS.task('7'), load('second'))).toBe('first');
    expect(loads()).toBe(1);
  });

  test('another user, another account or another call is loaded on its own (visibility is per user)', async () => {
    const { cache, load, loads } = setUp();
    await cache.read(A, '1', READS.task('7'), load('x'));
    await cache.read(A, '2', READS.task('7'), load('x'));
    await cache.read(B, '1', READS.task('7'), load('x'));
    await cache.read(A, '1', READS.costs('7'), load('x'));
    expect(loads()).toBe(4);
  });

  test('an entry older than the TTL is loaded again', async () => {
    const { cache, load, loads, advance } = setUp({ ttlMs: 1000 });
    await cache.read(A, '1', READS.projects(), load('old'));
    advance(1000);
    expect(await cache.read(A, '1', READS.projects(), load('new'))).toBe('new');
    expect(loads()).toBe(2);
  });

  test('holds at most maxEntries, pushing out the least recently used', async () => {
    const { cache, load, loads } = setUp({ maxEntries: 2 });
    await cache.read(A, '1', READS.task('1'), load('1'));
    await cache.read(A, '1', READS.task('2'), load('2'));
    await cache.read(A, '1', READS.task('1'), load('1'));
    await cache.read(A, '1', READS.task('3'), load('3'));
    expect(cache.size).toBe(2);
    await cache.read(A, '1', READS.task('1'), load('1'));
    expect(loads()).toBe(3);
    await cache.read(A, '1', READS.task('2'), load('2'));
    expect(loads()).toBe(4);
  });

  test('invalidate(account, call) drops that call for every user of the account, and nothing of another account', async () => {
    const { cache, load, loads } = setUp();
    await cache.read(A, '1', READS.task('7'), load('x'));
    await cache.read(A, '2', READS.task('7'), load('x'));
    await cache.read(A, '1', READS.costs('7'), load('x'));
    await cache.read(B, '1', READS.task('7'), load('x'));
    cache.invalidate(A, READS.task('7'));
    expect(cache.size).toBe(2);
    await cache.read(A, '1', READS.costs('7'), load('x'));
    await cache.read(B, '1', READS.task('7'), load('x'));
    expect(loads()).toBe(4);
  });

  test('invalidate(account) with no call drops all of the account', async () => {
    const { cache, load } = setUp();
    await cache.read(A, '1', READS.projects(), load('x'));
    await cache.read(A, '1', READS.tasks('5'), load('x'));
    await cache.read(B, '1', READS.projects(), load('x'));
    cache.invalidate(A);
    expect(cache.size).toBe(1);
  });

  test('an answer that arrives after an invalidate is served but not kept: it may predate the write', async () => {
    const { cache, loads } = setUp();
    let answer!: (value: string) => void;
    const pending = cache.read(A, '1', READS.task('7'), () => new Promise<string>((resolve) => (answer = resolve)));
    cache.invalidate(A, READS.task('7'));
    answer('before the write');
    expect(await pending).toBe('before the write');
    expect(cache.size).toBe(0);
    expect(loads()).toBe(0);
  });

  test('a failed load is not kept', async () => {
    const { cache } = setUp();
    await expect(cache.read(A, '1', READS.projects(), () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(cache.size).toBe(0);
  });
});
