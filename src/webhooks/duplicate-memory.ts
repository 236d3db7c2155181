import { createHash } from 'node:crypto';

/**
 * @internal
 * Remembers the items seen within a window, at most `max` of them (the oldest forgotten first): what recognises a
 * delivery sent twice. Keys are SHA-256 digests of the item's JSON, so memory is bounded by `max`, not by the items.
 */
export class DuplicateMemory {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly max: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether `item` was seen within the window; remembers it either way. */
  check(item: unknown): boolean {
    const key = createHash('sha256').update(JSON.stringify(item)).digest('base64');
    const now = this.now();
    // Insertion order is time order (a repeat is moved to the end), so expired keys are at the front.
    for (const [oldKey, at] of this.seen) {
      if (at > now - this.windowMs && this.seen.size < this.max) break;
      this.seen.delete(oldKey);
    }
    const before = this.seen.get(key);
    this.seen.delete(key);
    this.seen.set(key, now);
    return before !== undefined && before > now - this.windowMs;
  }
}
