// `npm run measure:start [runs]`: how long a warm `npm start` (nothing changed since the last build) takes from the
// command to the app's "open http://…" line, the moment it listens. The first run builds whatever is stale and is
// not counted; each counted run is stopped with Ctrl-C's SIGINT. The app runs with the emulator, on a free port,
// with its session database and emulator state in a temporary directory kept across the runs (as across restarts).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 5);
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write('usage: node scripts/measure-start.mjs [runs ≥ 1]\n');
  process.exit(2);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs `npm start` until it prints where to open the app; resolves with the milliseconds that took. */
async function timeOneStart(env) {
  const began = process.hrtime.bigint();
  // A process group of its own, so SIGINT reaches npm and the app together, as Ctrl-C in a terminal does.
  const child = spawn('npm', ['start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const exited = new Promise((resolve) => child.once('close', (code) => resolve(code)));
  const listening = await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk.toString();
      if (output.includes('example app: open http')) resolve(process.hrtime.bigint());
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`npm start ended (code ${code}) before listening:\n${output}`)));
  });
  process.kill(-child.pid, 'SIGINT');
  await exited;
  return { ms: Number(listening - began) / 1e6, built: output.includes('npm start: building') };
}

const dir = mkdtempSync(join(tmpdir(), 'ws-measure-start-'));
try {
  const env = { ...process.env, PORT: String(await freePort()), SESSION_DB: join(dir, 'sessions.sqlite') };
  delete env.WORKSECTION_CLIENT_ID;
  delete env.WORKSECTION_CLIENT_SECRET;
  delete env.REDIS_URL;
  delete env.NODE_ENV;
  const warmUp = await timeOneStart(env);
  process.stdout.write(`warm-up (${warmUp.built ? 'built what was stale' : 'nothing to build'}): ${warmUp.ms.toFixed(0)} ms\n`);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const run = await timeOneStart(env);
    if (run.built) throw new Error('a counted run rebuilt: did a source change during the measurement?');
    times.push(run.ms);
    process.stdout.write(`run ${i + 1}: ${run.ms.toFixed(0)} ms\n`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  process.stdout.write(
    `warm npm start to listening: median ${median.toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted.at(-1).toFixed(0)} ms (${runs} runs)\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
