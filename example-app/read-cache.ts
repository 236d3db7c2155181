/** Options of {@link ReadCache}. */
export interface ReadCacheOptions {
  /** Entries kept across all accounts; the least recently used go first. Default 1000. */
  maxEntries?: number;
  /** Milliseconds an entry is served. Default 60 000. */
  ttlMs?: number;
  /** The clock, ms since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** The calls the example's pages read, as cache keys: one per action and its parameters. */
export const READS = {
  projects: () => 'get_projects',
  tasks: (projectId: string) => `get_tasks:${projectId}`,
  task: (taskId: string) => `get_task:${taskId}`,
  costs: (taskId: string) => `get_costs:${taskId}`,
} as const;

interface Entry {
  account: string;
  call: string;
  value: unknown;
  expires: number;
}

/**
 * Recent account-API reads, per Worksection account: Worksection answers about one call a second per account, so a
 * page served from here answers at once and leaves the account's turn to the calls that need it. Keyed by account,
 * user and call (visibility in Worksection is per user: one user's projects are not another's). Bounded (entries,
 * TTL). The app's own writes, and later Worksection's webhooks, drop what they change with {@link invalidate}.
 */
export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;
  // Bumped by every invalidate: a read that was in flight meanwhile may have fetched what the write changed.
  private generation = 0;

  constructor(options: ReadCacheOptions = {}) {
    this.maxEntries = Math.max(0, Math.floor(options.maxEntries ?? 1000));
    this.ttlMs = Math.max(0, options.ttlMs ?? 60_000);
    this.now = options.now ?? Date.now;
  }

  /** How many entries are held (expired ones included until touched or pushed out). */
  get size(): number {
    return this.entries.size;
  }

  /**
   * The cached answer of `call` for `user` of `account`, or `load()`'s answer, kept for the next read. A failed load
   * is not kept; an answer that arrives after an {@link invalidate} is served but not kept.
   */
  async read<T>(account: string, user: string, call: string, load: () => Promise<T>): Promise<T> {
    const key = keyOf(account, user, call);
    const entry = this.entries.get(key);
    if (entry && entry.expires > this.now()) {
      // Most recently used last: the Map's order is the eviction order.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.value as T;
    }
    if (entry) this.entries.delete(key);
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation && this.maxEntries > 0) {
      this.entries.set(key, { account, call, value, expires: this.now() + this.ttlMs });
      for (const oldest of this.entries.keys()) {
        if (this.entries.size <= this.maxEntries) break;
        this.entries.delete(oldest);
      }
    }
    return value;
  }

  /**
   * Drops the cached reads of `account` (every user of it) for the given calls ({@link READS}), or all of the account's
   * reads when no call is named. Call it after a write to the account: the app's own forms, or a webhook's event.
   */
  invalidate(account: string, ...calls: string[]): void {
    this.generation += 1;
    const wanted = new Set(calls);
    for (const [key, entry] of this.entries) {
      if (entry.account === account && (wanted.size === 0 || wanted.has(entry.call))) this.entries.delete(key);
    }
  }
}

// JSON keeps the three parts apart whatever characters they hold.
function keyOf(account: string, user: string, call: string): string {
  return JSON.stringify([account, user, call]);
}
