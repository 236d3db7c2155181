import { randomBytes } from 'node:crypto';
import { seconds } from '../clock';
import { signJwt, type SigningKeys } from './access-token-jwt';
import type { CodeChallenge, CodeChallengeMethod } from '../oauth/pkce';
import { GrantSealer } from './grant-sealer';
import type { EmulatorClock, EmulatorGrantFilter } from '../types';

/** Authorization codes live 10 minutes (Worksection's docs). */
export const CODE_TTL_SECONDS = 600;
/** Access tokens live 24 hours: `expires_in: 86400`. */
export const ACCESS_TTL_SECONDS = 86_400;
/** Refresh tokens live one month (Worksection's docs); league's `P1M`, taken as 30 days. */
export const REFRESH_TTL_SECONDS = 30 * 86_400;

// Lengths of the live server's codes and refresh tokens (Postman collection).
const CODE_LENGTH = 1290;
const REFRESH_TOKEN_LENGTH = 1270;

/** Who granted what to which client: the substance of a code, an access token and a refresh token. */
export interface Grant {
  clientId: string;
  userId: string;
  accountId: string;
  scopes: string[];
}

/** The decrypted content of an authorization code (league's payload plus the account Worksection binds it to). */
export interface CodePayload extends Grant {
  authCodeId: string;
  redirectUri: string;
  expireTime: number;
  /** league's `code_challenge` and `code_challenge_method`: null for a code issued without PKCE. */
  codeChallenge: string | null;
  codeChallengeMethod: CodeChallengeMethod | null;
}

/** The decrypted content of a refresh token (league's payload plus the account). */
export interface RefreshPayload extends Grant {
  refreshTokenId: string;
  accessTokenId: string;
  expireTime: number;
}

/** What the server remembers about an access token: league's access token repository. */
export interface AccessRecord extends Grant {
  jti: string;
  expireTime: number;
  revoked: boolean;
}

/** Who a code or refresh token was issued to: enough to revoke a user's or a client's grants. */
type Holder = Pick<Grant, 'clientId' | 'userId' | 'accountId'>;

interface Revocable {
  expireTime: number;
  revoked: boolean;
}

/** What the server remembers about a code: whether it was used, and what it was exchanged for. */
export interface CodeRecord extends Holder, Revocable {
  id: string;
  issued?: { jti: string; refreshTokenId: string };
}

/** What the server remembers about a refresh token. */
export interface RefreshRecord extends Holder, Revocable {
  id: string;
}

/** Everything a {@link GrantStore} remembers, as plain JSON-safe data: what an emulator's saved state keeps. */
export interface GrantRecords {
  codes: CodeRecord[];
  refreshTokens: RefreshRecord[];
  accessTokens: AccessRecord[];
}

/** A freshly issued pair. */
export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  jti: string;
  refreshTokenId: string;
}

const hexId = (bytes: number) => randomBytes(bytes).toString('hex');
// Stores are swept of expired entries every so often so a long benchmark does not grow memory without bound.
const SWEEP_EVERY = 1000;

/**
 * The emulator's grant store, in the shape of league/oauth2-server's repositories: codes and refresh tokens are
 * self-contained encrypted payloads, and the server only remembers ids and whether they were revoked.
 */
export class GrantStore {
  private readonly codes = new Map<string, CodeRecord>();
  private readonly refreshTokens = new Map<string, RefreshRecord>();
  private readonly accessTokens = new Map<string, AccessRecord>();
  private issuedSinceSweep = 0;

  /**
   * `sealer` holds the key of codes and refresh tokens (a saved state's, or a new one); `onChange` is called
   * after every change to what {@link GrantStore.toJSON} returns.
   */
  constructor(
    private readonly clock: EmulatorClock,
    private readonly keys: SigningKeys,
    readonly sealer: GrantSealer = new GrantSealer(),
    private readonly onChange: () => void = () => undefined,
  ) {}

  /** The records of the codes and tokens not yet expired, as copies. */
  toJSON(): GrantRecords {
    const now = seconds(this.clock);
    const live = <T extends Revocable>(map: Map<string, T>): T[] => [...map.values()].filter((r) => r.expireTime >= now);
    return structuredClone({ codes: live(this.codes), refreshTokens: live(this.refreshTokens), accessTokens: live(this.accessTokens) });
  }

  /** Adds the records of a saved state (checked by `parseEmulatorState`); a record with a known id replaces it. */
  restore(records: GrantRecords): void {
    for (const r of structuredClone(records.codes)) this.codes.set(r.id, r);
    for (const r of structuredClone(records.refreshTokens)) this.refreshTokens.set(r.id, r);
    for (const r of structuredClone(records.accessTokens)) this.accessTokens.set(r.jti, r);
    this.onChange();
  }

  /**
   * Revokes every code, access token and refresh token of the grants matching `filter` (all of them for `{}`), as
   * a user removing the app's access in Worksection would. Returns how many refresh tokens it revoked.
   */
  revokeWhere(filter: EmulatorGrantFilter): number {
    const matches = (r: Holder & Revocable): boolean =>
      !r.revoked &&
      (filter.clientId === undefined || r.clientId === filter.clientId) &&
      (filter.userId === undefined || r.userId === filter.userId) &&
      (filter.accountId === undefined || r.accountId === filter.accountId);
    const revoke = (records: Iterable<Holder & Revocable>): number => {
      let count = 0;
      for (const record of records) {
        if (!matches(record)) continue;
        record.revoked = true;
        count++;
      }
      return count;
    };
    revoke(this.codes.values());
    revoke(this.accessTokens.values());
    const refreshTokens = revoke(this.refreshTokens.values());
    this.onChange();
    return refreshTokens;
  }

  /**
   * Issues a single-use authorization code bound to the client, its redirect URI, the user and the account, and
   * to the PKCE challenge when there is one: like league's, the challenge travels inside the encrypted code.
   */
  issueCode(grant: Grant, redirectUri: string, codeChallenge?: CodeChallenge): string {
    const payload: CodePayload = {
      ...grant,
      authCodeId: hexId(40),
      redirectUri,
      expireTime: seconds(this.clock) + CODE_TTL_SECONDS,
      codeChallenge: codeChallenge?.challenge ?? null,
      codeChallengeMethod: codeChallenge?.method ?? null,
    };
    const { clientId, userId, accountId } = grant;
    this.codes.set(payload.authCodeId, {
      id: payload.authCodeId,
      clientId,
      userId,
      accountId,
      expireTime: payload.expireTime,
      revoked: false,
    });
    this.maybeSweep();
    this.onChange();
    return this.sealer.seal(payload, CODE_LENGTH);
  }

  /** Decrypts a code; throws `UnsealError` when it is not one of ours. */
  openCode(code: string): CodePayload {
    return this.sealer.unseal(code) as unknown as CodePayload;
  }

  /** Whether a code was used already (or was never issued here): league's `isAuthCodeRevoked()`. */
  isCodeRevoked(authCodeId: string): boolean {
    return this.codes.get(authCodeId)?.revoked ?? true;
  }

  /** Marks a code used and remembers what it issued. */
  consumeCode(authCodeId: string, issued: IssuedTokens): void {
    const record = this.codes.get(authCodeId);
    if (record) {
      record.revoked = true;
      record.issued = { jti: issued.jti, refreshTokenId: issued.refreshTokenId };
      this.onChange();
    }
  }

  /** Revokes the access and refresh token a code was exchanged for (RFC 6749 §4.1.2 on code reuse). */
  revokeIssuedByCode(authCodeId: string): void {
    const issued = this.codes.get(authCodeId)?.issued;
    if (!issued) return;
    this.revokeAccessToken(issued.jti);
    this.revokeRefreshToken(issued.refreshTokenId);
  }

  /** Issues an RS256 access token and a refresh token for `grant`. */
  issueTokens(grant: Grant): IssuedTokens {
    const now = seconds(this.clock);
    const jti = hexId(40);
    const refreshTokenId = hexId(40);
    const accessExpire = now + ACCESS_TTL_SECONDS;
    const accessToken = signJwt(
      { aud: grant.clientId, jti, iat: now, nbf: now, exp: accessExpire, sub: grant.userId, scopes: [...grant.scopes] },
      this.keys.privateKey,
    );
    this.accessTokens.set(jti, { ...grant, scopes: [...grant.scopes], jti, expireTime: accessExpire, revoked: false });
    const refresh: RefreshPayload = { ...grant, refreshTokenId, accessTokenId: jti, expireTime: now + REFRESH_TTL_SECONDS };
    const { clientId, userId, accountId } = grant;
    this.refreshTokens.set(refreshTokenId, {
      id: refreshTokenId,
      clientId,
      userId,
      accountId,
      expireTime: refresh.expireTime,
      revoked: false,
    });
    this.maybeSweep();
    this.onChange();
    return { accessToken, refreshToken: this.sealer.seal(refresh, REFRESH_TOKEN_LENGTH), jti, refreshTokenId };
  }

  /** Decrypts a refresh token; throws `UnsealError` when it is not one of ours. */
  openRefreshToken(token: string): RefreshPayload {
    return this.sealer.unseal(token) as unknown as RefreshPayload;
  }

  /** Whether a refresh token was rotated or revoked (or never issued here). */
  isRefreshTokenRevoked(refreshTokenId: string): boolean {
    return this.refreshTokens.get(refreshTokenId)?.revoked ?? true;
  }

  /** Revokes a refresh token by id. */
  revokeRefreshToken(refreshTokenId: string): void {
    const record = this.refreshTokens.get(refreshTokenId);
    if (!record) return;
    record.revoked = true;
    this.onChange();
  }

  /** The record of an access token by its `jti`, or undefined when the server never issued (or forgot) it. */
  accessToken(jti: string): AccessRecord | undefined {
    return this.accessTokens.get(jti);
  }

  /** Revokes an access token by its `jti`. */
  revokeAccessToken(jti: string): void {
    const record = this.accessTokens.get(jti);
    if (!record) return;
    record.revoked = true;
    this.onChange();
  }

  private maybeSweep(): void {
    if (++this.issuedSinceSweep < SWEEP_EVERY) return;
    this.issuedSinceSweep = 0;
    // Every check expires an entry before it asks whether it was revoked (league's order), so an expired
    // entry can be forgotten without changing any answer.
    const now = seconds(this.clock);
    for (const map of [this.codes, this.refreshTokens, this.accessTokens] as Map<string, Revocable>[]) {
      for (const [id, record] of map) if (record.expireTime < now - 60) map.delete(id);
    }
  }
}
