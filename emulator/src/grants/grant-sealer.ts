import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { UnsealError } from '../errors/unseal-error';

/** Version header of defuse/php-encryption ciphertexts, which league/oauth2-server uses for codes and refresh tokens. */
export const SEALED_PREFIX = 'def50200';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Bytes of the AES-256 key. */
export const SEALING_KEY_BYTES = 32;

/**
 * Seals the two grants league/oauth2-server hands out as ciphertexts, authorization codes and refresh tokens
 * (league's `AbstractGrant::encrypt()`), into opaque `def50200…` hex strings, and opens them again.
 * AES-256-GCM with a key made at start (or restored from a saved state): any edited or foreign string fails to
 * open, which is what produces "Cannot decrypt the refresh token".
 */
export class GrantSealer {
  private readonly key: Buffer;

  /** `key`: the 32-byte key of a saved state; default a new random one. */
  constructor(key: Buffer = randomBytes(SEALING_KEY_BYTES)) {
    if (key.length !== SEALING_KEY_BYTES) throw new TypeError(`The sealing key must be ${SEALING_KEY_BYTES} bytes, got ${key.length}`);
    this.key = Buffer.from(key);
  }

  /** The key, base64: what a saved state keeps so that the codes and refresh tokens issued stay valid. */
  exportKey(): string {
    return this.key.toString('base64');
  }

  /**
   * Seals `payload` into a `def50200…` hex string of at least `length` characters. Worksection's codes are
   * ~1290 characters and its refresh tokens ~1270 (Postman collection): padding keeps ours as long, so a
   * client that stores them in a short column fails here as it would live.
   */
  seal(payload: object, length: number): string {
    const json = JSON.stringify(payload);
    const minPlaintext = Math.ceil((length - SEALED_PREFIX.length) / 2) - IV_BYTES - TAG_BYTES;
    // Trailing spaces are valid JSON whitespace, so padding needs no framing.
    const plaintext = Buffer.from(json.padEnd(minPlaintext, ' '), 'utf8');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return SEALED_PREFIX + Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString('hex');
  }

  /** Opens a string made by {@link GrantSealer.seal}; throws {@link UnsealError} for anything else. */
  unseal(token: string): Record<string, unknown> {
    if (!token.startsWith(SEALED_PREFIX)) throw new UnsealError('Bad version header');
    const hex = token.slice(SEALED_PREFIX.length);
    if (!/^(?:[0-9a-f]{2})+$/.test(hex)) throw new UnsealError('Not hex');
    const raw = Buffer.from(hex, 'hex');
    if (raw.length <= IV_BYTES + TAG_BYTES) throw new UnsealError('Too short');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    let plaintext: string;
    try {
      plaintext = Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new UnsealError('Integrity check failed');
    }
    const value: unknown = JSON.parse(plaintext);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UnsealError('Not an object');
    return value as Record<string, unknown>;
  }
}
