import { Worker } from 'node:worker_threads';

/** What one checkpoint of the WAL did (SQLite's `wal_checkpoint` row). */
export interface CheckpointResult {
  /** Whether every frame of the WAL is now in the database: the next write starts the WAL over. */
  complete: boolean;
  /** Frames in the WAL, and frames of them copied into the database. */
  walFrames: number;
  checkpointedFrames: number;
}

/** Options of {@link SqliteCheckpointer}. */
export interface SqliteCheckpointerOptions {
  /** Told once when the checkpoint thread fails, and once when it works again. */
  log: (line: string) => void;
}

interface Reply {
  id: number;
  busy?: number;
  log?: number;
  checkpointed?: number;
  error?: string;
}

// Plain JavaScript run by `new Worker(…, { eval: true })`: one string works both from the compiled app (dist/) and
// from the TypeScript sources under ts-jest, where a worker file next to this one would have to be copied or compiled.
// better-sqlite3 comes by the path the main thread resolved, so the worker finds it whatever the working directory.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 0, fileMustExist: true });
db.pragma('synchronous = NORMAL');
db.pragma('journal_size_limit = ' + String(workerData.journalSizeLimit));
parentPort.on('message', (id) => {
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ id, busy: row.busy, log: row.log, checkpointed: row.checkpointed });
  } catch (err) {
    parentPort.postMessage({ id, error: String(err && err.message) });
  }
});
`;

/**
 * Checkpoints a SQLite database's WAL in a worker thread, with its own connection: the copy of the WAL into the
 * database and the fsyncs it needs (10 to 40 ms on the test VM) never run on the event loop.
 *
 * The checkpoints are PASSIVE: they take no lock that a writer or a reader waits for (busy_timeout is 0 here too), so
 * a request's write is never refused because of one. Once the WAL is all copied, the next write (on any connection)
 * starts it over (from the start of the file, cut back to `journal_size_limit` if it is larger).
 *
 * A thread that fails (it cannot open the file, or crashes) is logged once and started again at a checkpoint a second
 * or more later; until then checkpoints report nothing done, and the app goes on.
 */
export class SqliteCheckpointer {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, (result: CheckpointResult) => void>();
  private nextId = 0;
  private failing = false;
  /** When the last thread died: the next one starts no sooner than {@link RESTART_DELAY_MS} after. */
  private diedAt = -Infinity;
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly journalSizeLimit: number,
    private readonly options: SqliteCheckpointerOptions,
  ) {}

  /** Checkpoints the WAL in the worker thread (started if needed). Never rejects: a failure reports nothing done. */
  checkpoint(): Promise<CheckpointResult> {
    if (this.closed) return Promise.resolve(NOTHING_DONE);
    if (!this.worker && Date.now() - this.diedAt < RESTART_DELAY_MS) return Promise.resolve(NOTHING_DONE);
    const worker = this.running();
    const id = this.nextId++;
    // Referenced while a checkpoint is pending (a script awaiting maintain() gets its answer before exiting), and
    // only then: an idle thread never keeps the process alive.
    worker.ref();
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage(id);
    });
  }

  /** The worker thread now running, if any: for tests, which end it to show that the app survives. */
  get thread(): Worker | undefined {
    return this.worker;
  }

  /** Ends the worker thread; resolves once it has exited. Later checkpoints do nothing. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    this.settleAll();
    if (worker) await worker.terminate();
  }

  private running(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { file: this.file, driver: require.resolve('better-sqlite3'), journalSizeLimit: this.journalSizeLimit },
    });
    worker.on('message', (reply: Reply) => {
      this.settle(reply);
      if (this.pending.size === 0) worker.unref();
    });
    worker.on('error', (err) => {
      this.fail(worker, err.message);
    });
    worker.on('exit', (code) => {
      this.fail(worker, `exited with code ${String(code)}`);
    });
    this.worker = worker;
    return worker;
  }

  private settle(reply: Reply): void {
    const resolve = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    if (reply.error !== undefined) {
      this.report(`SQLite checkpoint of ${this.file} failed (${reply.error}); retried at the next one.`);
      resolve?.(NOTHING_DONE);
      return;
    }
    if (this.failing) {
      this.failing = false;
      this.options.log(`SQLite checkpoints of ${this.file} work again.`);
    }
    const walFrames = reply.log ?? 0;
    const checkpointedFrames = reply.checkpointed ?? 0;
    resolve?.({ complete: reply.busy === 0 && walFrames === checkpointedFrames, walFrames, checkpointedFrames });
  }

  // A thread that died takes its pending checkpoints with it: they report nothing done, and the next checkpoint
  // starts a new thread.
  private fail(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.diedAt = Date.now();
    this.settleAll();
    this.report(`SQLite checkpoint thread for ${this.file} stopped (${reason}); started again at a later checkpoint.`);
  }

  private settleAll(): void {
    for (const resolve of this.pending.values()) resolve(NOTHING_DONE);
    this.pending.clear();
  }

  private report(line: string): void {
    if (this.closed || this.failing) return;
    this.failing = true;
    this.options.log(line);
  }
}

// A thread that cannot open the file would otherwise be started again at each look at a large WAL, ten times a second.
const RESTART_DELAY_MS = 1000;

const NOTHING_DONE: CheckpointResult = { complete: false, walFrames: 0, checkpointedFrames: 0 };
