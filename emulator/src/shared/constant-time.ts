import { timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets (client secrets, PKCE verifiers, CSRF tokens) in time that does not depend on where they
 * differ. The emulator's own copy: it shares no code with `passport-worksection`.
 */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
