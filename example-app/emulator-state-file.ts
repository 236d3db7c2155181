import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { parseEmulatorState, type EmulatorState } from 'worksection-emulator';
import { EmulatorStateFileError } from './errors/emulator-state-file-error';
import { readOwnFile } from './no-follow-file';
import { SymlinkRefusedError } from './errors/symlink-refused-error';

/**
 * Reads the state the dev emulator saved at `file`: undefined when there is none yet. Throws
 * {@link EmulatorStateFileError} when the file is there but unreadable or damaged: starting afresh would silently
 * sign every browser out and overwrite it, so the user decides (by deleting it). A symlink at `file` is not read
 * through (`O_NOFOLLOW`).
 */
export function loadEmulatorState(file: string): EmulatorState | undefined {
  let text: string;
  try {
    text = readOwnFile(file);
  } catch (err) {
    if (err instanceof SymlinkRefusedError) throw new EmulatorStateFileError(file, 'a symlink, not read');
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new EmulatorStateFileError(file, code ?? 'unreadable');
  }
  try {
    return parseEmulatorState(JSON.parse(text));
  } catch (err) {
    throw new EmulatorStateFileError(file, err instanceof SyntaxError ? 'not JSON' : err instanceof Error ? err.message : String(err));
  }
}

/**
 * Writes `state` to `file`, mode 0600 (it holds the emulator's private keys), through a temporary file renamed over
 * it: a crash mid-write leaves the previous state, never half of one.
 */
export async function saveEmulatorState(file: string, state: EmulatorState): Promise<void> {
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    // `wx`: a file someone planted at that name is not written through (nor its mode kept).
    await writeFile(temporary, `${JSON.stringify(state)}\n`, { mode: 0o600, flag: 'wx' });
    await rename(temporary, file);
  } catch (err) {
    await unlink(temporary).catch(() => undefined);
    throw err;
  }
}
