import { createHash } from 'node:crypto';
import type { TokenSet } from '../oauth/token-set';

/** How long an outcome is remembered: long enough for requests that loaded the old tokens before it was saved. */
export const ROTATION_MEMORY_MS = 60_000;
/** How many refresh tokens a process remembers (the oldest are forgotten first). */
const LIMIT = 10_000;

/** What became of a refresh token this process sent: Worksection rotated it into `rotated`, or refused it (`failed`). */
export type RefreshOutcome = { rotated: TokenSet } | { failed: unknown };

interface Entry {
  outcome: RefreshOutcome;
  at: number;
}

/**
 * The outcomes of the refreshes a process made, by refresh-token hash. Apps often build a client per request from
 * stored tokens, so a request that loaded the tokens just before another one refreshed them still holds the old
 * refresh token, which Worksection has revoked. With this memory it takes over the new tokens instead of failing,
 * and does not send again a refresh token Worksection refused. A refresh that failed any other way (a lost
 * answer, a 5xx) is not remembered: the next call tries it again. Entries are deleted
 * {@link ROTATION_MEMORY_MS} after they were made, and the memory holds 10,000 at most.
 *
 * Every client shares {@link defaultRefreshOutcomes} unless given its own (`refreshOutcomes` option): give clients
 * that must not learn of each other's refreshes (tests, separate tenants) a memory of their own.
 */
export class RefreshOutcomes {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Remembers that `refreshToken` was rotated into `tokens`. */
  rotated(refreshToken: string, tokens: TokenSet): void {
    this.set(refreshToken, { rotated: tokens });
  }

  /** Remembers that Worksection refused refreshing with `refreshToken`, with `cause` (its OAuth error). */
  failed(refreshToken: string, cause: unknown): void {
    this.set(refreshToken, { failed: cause });
  }

  /** How many outcomes are remembered now. */
  get size(): number {
    this.forgetExpired();
    return this.entries.size;
  }

  /** What became of `refreshToken`, following rotations to the newest known tokens. */
  get(refreshToken: string): RefreshOutcome | undefined {
    this.forgetExpired();
    let outcome: RefreshOutcome | undefined;
    let token = refreshToken;
    // Bounded: a chain longer than the memory cannot exist, and a cycle cannot either (tokens are new each time).
    for (let hops = 0; hops < 100; hops++) {
      const entry = this.entries.get(hash(token));
      if (entry === undefined) break;
      outcome = entry.outcome;
      if (!('rotated' in outcome)) break;
      token = outcome.rotated.refreshToken;
    }
    return outcome;
  }

  private set(refreshToken: string, outcome: RefreshOutcome): void {
    this.forgetExpired();
    const key = hash(refreshToken);
    this.entries.delete(key);
    this.entries.set(key, { outcome, at: this.now() });
    if (this.entries.size > LIMIT) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** Entries are in the order they were made (set re-inserts), so the expired ones are at the front. */
  private forgetExpired(): void {
    const cutoff = this.now() - ROTATION_MEMORY_MS;
    for (const [key, entry] of this.entries) {
      if (entry.at >= cutoff) break;
      this.entries.delete(key);
    }
  }
}

/** @internal A refresh token's SHA-256, hex: names a grant in lock keys and memory without revealing the token. */
export function hash(refreshToken: string): string {
  return createHash('sha256').update(refreshToken).digest('hex');
}

/** The memory every {@link WorksectionClient} without a `refreshOutcomes` option shares. */
export const defaultRefreshOutcomes = new RefreshOutcomes();
