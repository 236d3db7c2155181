import { createHash } from 'node:crypto';
import type { TokenSet } from '../oauth/token-set';

/** How long a rotation is remembered: long enough for requests that loaded the old tokens before it was saved. */
export const ROTATION_MEMORY_MS = 60_000;
/** How many refresh tokens a process remembers (the oldest are forgotten first). */
const LIMIT = 10_000;

/** What became of a refresh token this process sent: Worksection rotated it into `rotated`, or the refresh failed. */
export type RefreshOutcome = { rotated: TokenSet } | { failed: unknown };

interface Entry {
  outcome: RefreshOutcome;
  at: number;
}

/**
 * @internal
 * The outcomes of the refreshes this process made, by refresh-token hash, shared by every client. Apps often
 * build a client per request from stored tokens, so a request that loaded the tokens just before another one
 * refreshed them still holds the old refresh token, which Worksection has revoked. With this memory it takes
 * over the new tokens instead of failing, and never sends a refresh token whose refresh failed or was lost again.
 */
export class RefreshOutcomes {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Remembers that `refreshToken` was rotated into `tokens`. */
  rotated(refreshToken: string, tokens: TokenSet): void {
    this.set(refreshToken, { rotated: tokens });
  }

  /** Remembers that refreshing with `refreshToken` failed (or its answer was lost) with `cause`. */
  failed(refreshToken: string, cause: unknown): void {
    this.set(refreshToken, { failed: cause });
  }

  /**
   * What became of `refreshToken`, following rotations to the newest known tokens. Rotations are forgotten
   * after {@link ROTATION_MEMORY_MS}; failures only when the memory is full.
   */
  get(refreshToken: string): RefreshOutcome | undefined {
    let outcome: RefreshOutcome | undefined;
    let token = refreshToken;
    // Bounded: a chain longer than the memory cannot exist, and a cycle cannot either (tokens are new each time).
    for (let hops = 0; hops < 100; hops++) {
      const entry = this.entries.get(hash(token));
      if (entry === undefined) break;
      if ('rotated' in entry.outcome && this.now() - entry.at > ROTATION_MEMORY_MS) break;
      outcome = entry.outcome;
      if (!('rotated' in outcome)) break;
      token = outcome.rotated.refreshToken;
    }
    return outcome;
  }

  private set(refreshToken: string, outcome: RefreshOutcome): void {
    const key = hash(refreshToken);
    this.entries.delete(key);
    this.entries.set(key, { outcome, at: this.now() });
    if (this.entries.size > LIMIT) this.entries.delete(this.entries.keys().next().value as string);
  }
}

/** @internal A refresh token's SHA-256, hex: names a grant in lock keys and memory without revealing the token. */
export function hash(refreshToken: string): string {
  return createHash('sha256').update(refreshToken).digest('hex');
}

/** @internal The memory every client of this process shares. */
export const refreshOutcomes = new RefreshOutcomes();
