import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Outside production, with no `SESSION_SECRET`: reads the random secret kept at `file`, creating it (mode 0600)
 * on first use. A fresh secret per start would invalidate every cookie, so sessions would not survive a restart.
 */
export function loadOrCreateDevSecret(file: string): string {
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
