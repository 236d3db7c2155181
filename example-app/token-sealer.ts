import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** The tokens a session keeps for calling Worksection on the user's behalf. */
export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
// Fixed and public: HKDF's salt only separates this key from other uses of the same secret (cookie signing).
const SALT = Buffer.from('passport-worksection example app');
const INFO = Buffer.from('session tokens at rest, AES-256-GCM, v1');

/**
 * Encrypts the session's tokens for the session store (AES-256-GCM), so a copy of the database file or of Redis
 * holds no usable token. The key is derived from each session secret with HKDF-SHA256: the first secret seals,
 * every one of them opens (secret rotation). The session id is the associated data, so a sealed value copied
 * into another session does not open.
 */
export class TokenSealer {
  private readonly sealingKey: Buffer;
  private readonly keys: Buffer[];

  /** @param secrets The session secrets, newest first (at least one). */
  constructor(secrets: readonly string[]) {
    const [newest, ...older] = secrets.map((secret) => Buffer.from(hkdfSync('sha256', secret, SALT, INFO, 32)));
    if (!newest) throw new TypeError('TokenSealer needs at least one secret.');
    this.sealingKey = newest;
    this.keys = [newest, ...older];
  }

  /** `v1.<base64url of iv | ciphertext | tag>`, bound to `sid`. */
  seal(tokens: SessionTokens, sid: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.sealingKey, iv);
    cipher.setAAD(Buffer.from(sid));
    const body = Buffer.concat([cipher.update(JSON.stringify(tokens), 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
  }

  /** The tokens, or undefined when `sealed` is not one of ours for `sid` (tampered, another session, a retired secret). */
  open(sealed: string, sid: string): SessionTokens | undefined {
    if (!sealed.startsWith(`${VERSION}.`)) return undefined;
    const raw = Buffer.from(sealed.slice(VERSION.length + 1), 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES) return undefined;
    const iv = raw.subarray(0, IV_BYTES);
    const body = raw.subarray(IV_BYTES, raw.length - TAG_BYTES);
    const tag = raw.subarray(raw.length - TAG_BYTES);
    for (const key of this.keys) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAAD(Buffer.from(sid));
        decipher.setAuthTag(tag);
        const plain = Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
        const tokens = JSON.parse(plain) as Partial<SessionTokens>;
        if (typeof tokens.accessToken === 'string' && typeof tokens.refreshToken === 'string') {
          return { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
        }
        return undefined;
      } catch {
        // Not this key (authentication failed): try the next, older one.
      }
    }
    return undefined;
  }
}
