import { createHash, timingSafeEqual } from 'node:crypto';

/** Longer `Authorization` headers are refused unread: no Basic pair Worksection sends needs more. */
const MAX_HEADER = 4096;
const BASIC = /^Basic[ \t]+([A-Za-z0-9+/]+={0,2})[ \t]*$/i;

const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest();

/**
 * @internal
 * The HTTP Basic pair Worksection sends (`add_webhook`'s `http_user`/`http_pass`), checked in constant time: both
 * sides are hashed first, so neither where they differ nor their lengths show in the time taken.
 */
export class BasicCredentials {
  private readonly expected: Buffer;

  constructor(user: string, pass: string) {
    this.expected = digest(Buffer.from(`${user}:${pass}`, 'utf8'));
  }

  /** Whether the `Authorization` header carries exactly this pair. */
  matches(header: string | null): boolean {
    const match = header !== null && header.length <= MAX_HEADER ? BASIC.exec(header) : null;
    // A missing or malformed header still costs one comparison: the answer takes the same time either way.
    const sent = digest(match?.[1] === undefined ? Buffer.alloc(0) : Buffer.from(match[1], 'base64'));
    return timingSafeEqual(sent, this.expected) && match !== null;
  }
}
