import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Another process holding the write lock of a SQLite database, as a backup tool or a second app might. */
export interface SqliteLocker {
  /** Resolves when the other process has released the lock (and says so), after `holdMs`. */
  released: Promise<void>;
  child: ChildProcess;
}

// Plain JavaScript run by `node -e`: the other process is not the app, and shares nothing with it but the file.
const LOCKER = `
const Database = require('better-sqlite3');
const [file, holdMs] = process.argv.slice(1);
const db = new Database(file);
db.exec('BEGIN EXCLUSIVE');
process.stdout.write('locked\\n');
setTimeout(() => {
  db.exec('ROLLBACK');
  db.close();
  process.stdout.write('released\\n');
}, Number(holdMs));
`;

/**
 * Starts a node process that opens `file` with better-sqlite3, takes the write lock (`BEGIN EXCLUSIVE`), holds it
 * for `holdMs` and releases it. Resolves once the lock is held.
 */
export async function holdWriteLock(file: string, holdMs: number): Promise<SqliteLocker> {
  // The repository's root, where better-sqlite3 is installed.
  const child = spawn(process.execPath, ['-e', LOCKER, file, String(holdMs)], {
    cwd: `${__dirname}/../../..`,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  const said = (word: string) =>
    new Promise<void>((resolve, reject) => {
      lines.on('line', (line) => {
        if (line === word) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the locking process exited (${String(code)}) before "${word}": ${stderr}`)));
    });
  const locked = said('locked');
  const released = said('released');
  released.catch(() => undefined);
  await locked;
  return { released, child };
}
