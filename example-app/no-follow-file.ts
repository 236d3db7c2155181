import { closeSync, constants, lstatSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { SymlinkRefusedError } from './errors/symlink-refused-error';

/**
 * Reads `file` as UTF-8 without following a symlink at its name (`O_NOFOLLOW`): a symlink throws
 * {@link SymlinkRefusedError}, a missing file the usual `ENOENT` error.
 */
export function readOwnFile(file: string): string {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (err) {
    throw refused(file, err);
  }
  try {
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Creates `file` (mode `mode`) with `text`, failing if anything, a symlink included, is already at its name
 * (`O_CREAT | O_EXCL | O_NOFOLLOW`): a symlink throws {@link SymlinkRefusedError}.
 */
export function createOwnFile(file: string, text: string, mode: number): void {
  let fd: number;
  try {
    fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
  } catch (err) {
    throw refused(file, err);
  }
  try {
    writeFileSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

function refused(file: string, err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  // ELOOP: O_NOFOLLOW met a symlink; EEXIST with O_EXCL: something (perhaps a dangling symlink) is already there.
  if (code === 'ELOOP' || (code === 'EEXIST' && isSymlink(file))) return new SymlinkRefusedError(file);
  return err;
}

function isSymlink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}
