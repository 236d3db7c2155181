import { randomBytes } from 'node:crypto';
import { lstatSync, unlinkSync } from 'node:fs';
import { createOwnFile, readOwnFile } from './no-follow-file';

/**
 * Outside production, with no `SESSION_SECRET`: reads the random secret kept at `file`, creating it (mode 0600)
 * on first use. A fresh secret per start would invalidate every cookie, so sessions would not survive a restart.
 * A symlink at `file` is refused (`SymlinkRefusedError`), neither read nor written through.
 */
export function loadOrCreateDevSecret(file: string): string {
  try {
    const existing = readOwnFile(file).trim();
    if (existing.length >= 32) return existing;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const secret = randomBytes(32).toString('hex');
  // A short file that was there is replaced: created anew, so that its mode is 0600 whatever it was.
  if (exists(file)) unlinkSync(file);
  createOwnFile(file, `${secret}\n`, 0o600);
  return secret;
}

function exists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}
