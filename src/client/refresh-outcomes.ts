import { createHash } from 'node:crypto';
import type { TokenSet } from '../oauth/token-set';

/** How long an outcome is remembered: long enough for requests that loaded the old tokens before it was saved. */
export const ROTATION_MEMORY_MS = 60_000;
/**
 * How long rotated tokens nobody has saved yet are kept: a refresh token's lifetime, a month (documented:
 * worksection.com/en/faq/oauth.html, "refresh token 1 month"; 31 days is inferred). Past it the old refresh token
 * would be refused anyway.
 */
export const UNSAVED_ROTATION_MEMORY_MS = 31 * 86_400_000;
/** How many refresh tokens a process remembers, in each of its two memories (the oldest are forgotten first). */
const LIMIT = 10_000;

/** What became of a refresh token this process sent: Worksection rotated it into `rotated`, or refused it (`failed`). */
export type RefreshOutcome = { rotated: TokenSet } | { failed: unknown };

interface Entry {
  outcome: RefreshOutcome;
  at: number;
}

/** A rotation whose new tokens no `onTokens` has accepted yet, under the hash of the refresh token it replaced. */
interface Unsaved {
  tokens: TokenSet;
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
 * A rotation whose new tokens no client's `onTokens` has saved yet (the store was down) is kept longer, until one
 * has ({@link saved}) or for {@link UNSAVED_ROTATION_MEMORY_MS}: the app's store still holds the old tokens, whose
 * refresh token Worksection has revoked, and without this memory the user would be signed out the first time a
 * request loads them a minute later. At most 10,000 such rotations are kept (the oldest are forgotten first).
 *
 * Every client shares {@link defaultRefreshOutcomes} unless given its own (`refreshOutcomes` option): give clients
 * that must not learn of each other's refreshes (tests, separate tenants) a memory of their own.
 */
export class RefreshOutcomes {
  private readonly entries = new Map<string, Entry>();
  private readonly unsaved = new Map<string, Unsaved>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Remembers that `refreshToken` was rotated into `tokens`. */
  rotated(refreshToken: string, tokens: TokenSet): void {
    this.set(refreshToken, { rotated: tokens });
    const key = hash(refreshToken);
    this.unsaved.delete(key);
    this.unsaved.set(key, { tokens, at: this.now() });
    if (this.unsaved.size > LIMIT) this.unsaved.delete(this.unsaved.keys().next().value as string);
  }

  /** Notes that `tokens` (or tokens rotated from them) were saved: the rotations leading to them need no keeping. */
  saved(tokens: TokenSet): void {
    for (const [key, entry] of this.unsaved) if (entry.tokens.refreshToken === tokens.refreshToken) this.unsaved.delete(key);
  }

  /** Remembers that Worksection refused refreshing with `refreshToken`, with `cause` (its OAuth error). */
  failed(refreshToken: string, cause: unknown): void {
    this.set(refreshToken, { failed: cause });
  }

  /** How many outcomes are remembered now. */
  get size(): number {
    this.forgetExpired();
    let size = this.entries.size;
    for (const key of this.unsaved.keys()) if (!this.entries.has(key)) size++;
    return size;
  }

  /** What became of `refreshToken`, following rotations to the newest known tokens. */
  get(refreshToken: string): RefreshOutcome | undefined {
    this.forgetExpired();
    let outcome: RefreshOutcome | undefined;
    let token = refreshToken;
    // Bounded: a chain longer than the memory cannot exist, and a cycle cannot either (tokens are new each time).
    for (let hops = 0; hops < 100; hops++) {
      const key = hash(token);
      const unsaved = this.unsaved.get(key);
      const entry = this.entries.get(key)?.outcome ?? (unsaved && { rotated: unsaved.tokens });
      if (entry === undefined) break;
      outcome = entry;
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
    const unsavedCutoff = this.now() - UNSAVED_ROTATION_MEMORY_MS;
    for (const [key, entry] of this.unsaved) {
      if (entry.at >= unsavedCutoff) break;
      this.unsaved.delete(key);
    }
  }
}

/** @internal A refresh token's SHA-256, hex: names a grant in lock keys and memory without revealing the token. */
export function hash(refreshToken: string): string {
  return createHash('sha256').update(refreshToken).digest('hex');
}

/** The memory every {@link WorksectionClient} without a `refreshOutcomes` option shares. */
export const defaultRefreshOutcomes = new RefreshOutcomes();
