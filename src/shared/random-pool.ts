import { randomFillSync } from 'node:crypto';

/** Bytes drawn from the system's generator at once: about a hundred sign-ins' worth. */
const POOL_BYTES = 4096;

const pool = Buffer.allocUnsafeSlow(POOL_BYTES);
let offset = POOL_BYTES;

/**
 * @internal
 * `size` cryptographically strong random bytes, as `crypto.randomBytes(size)` gives them, taken from a pool that is
 * refilled with `randomFillSync` when spent. One draw per sign-in cost about 10 µs of a login's CPU under load (a call
 * into OpenSSL each time); a pooled draw is a copy. Node's `crypto.randomUUID()` pools its randomness the same way.
 * Each byte is handed out once. `size` is at most the pool's size.
 */
export function randomBytesPooled(size: number): Buffer {
  if (offset + size > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = Buffer.allocUnsafe(size);
  pool.copy(bytes, 0, offset, offset + size);
  offset += size;
  return bytes;
}
