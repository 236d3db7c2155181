import { open } from 'node:fs/promises';
import { endianness } from 'node:os';

/**
 * How many frames (pages written) the WAL of a SQLite database holds now, read asynchronously from its WAL-index
 * (the `-shm` file): `mxFrame`, 4 bytes in native byte order at offset 16 of its header
 * (https://www.sqlite.org/walformat.html). 0 when there is no WAL-index.
 *
 * Read here rather than inferred from the `-wal` file's size: once checkpointed, the WAL is written again from the
 * start of a file that keeps its size, so the size says nothing of how much is waiting to be checkpointed.
 */
export async function walFrames(shmFile: string): Promise<number> {
  let handle;
  try {
    handle = await open(shmFile, 'r');
  } catch {
    return 0;
  }
  try {
    const header = Buffer.alloc(4);
    const { bytesRead } = await handle.read(header, 0, 4, 16);
    if (bytesRead < 4) return 0;
    return endianness() === 'LE' ? header.readUInt32LE(0) : header.readUInt32BE(0);
  } finally {
    await handle.close();
  }
}
