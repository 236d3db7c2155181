import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * `npm run bench:http`: what one call to Worksection costs the calling process, per HTTP client, measured in the same
 * run: the package's NodeTransport (undici's Client under a dispatch handler of its own), bare node:http (as node-oauth and the bench's limit app call), undici's Pool (as
 * the independent harness's limit app calls) and the global fetch. Each client runs in a fresh process of its own
 * against one keep-alive server in another process, 32 calls in flight: a form POST answered by a token-sized JSON
 * answer, as the token and profile calls are. Rounds are interleaved; the table shows medians and per-round ratios.
 */
const run = promisify(execFile);
const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 2 : 5;
const CALLS = quick ? 2000 : 10000;
const CLIENTS = ['ours', 'node-http', 'undici', 'fetch'] as const;
type Client = (typeof CLIENTS)[number];

const ANSWER = JSON.stringify({
  token_type: 'Bearer',
  expires_in: 86400,
  access_token: `eyJ${'a'.repeat(860)}`,
  refresh_token: `def50200${'b'.repeat(700)}`,
  account_url: 'https://acme.worksection.com',
});

function startServer(): Promise<{ url: string; close: () => void }> {
  // In a process of its own, so that its CPU is not the clients'.
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const body = ${JSON.stringify(ANSWER)};
       const s = require('node:http').createServer((req, res) => { req.resume(); req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(body)); });
       s.keepAliveTimeout = 30000;
       s.listen(0, '127.0.0.1', () => console.log(s.address().port));`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) =>
      resolve({ url: `http://127.0.0.1:${chunk.toString().trim()}`, close: () => child.kill() }),
    );
    child.once('error', reject);
  });
}

async function once(client: Client, url: string): Promise<number> {
  const script = path.join(__dirname, 'http-client-process.js');
  const { stdout } = await run(process.execPath, [script, client, url, String(CALLS)], { cwd: path.resolve(__dirname, '..', '..') });
  return (JSON.parse(stdout) as { cpuPerCallUs: number }).cpuPerCallUs;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

async function main(): Promise<void> {
  const server = await startServer();
  try {
    const rounds: Record<Client, number[]> = { ours: [], 'node-http': [], undici: [], fetch: [] };
    for (let r = 0; r < ROUNDS; r++) {
      const order = [...CLIENTS.slice(r % CLIENTS.length), ...CLIENTS.slice(0, r % CLIENTS.length)];
      for (const client of order) rounds[client].push(await once(client, server.url));
      process.stderr.write(`round ${r + 1}/${ROUNDS} done\n`);
    }
    const ratio = (client: Client): string => {
      const xs = rounds[client].map((x, i) => x / (rounds.undici[i] as number));
      return `${median(xs).toFixed(2)} (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`;
    };
    console.log(`\n${CALLS} calls per round, 32 in flight, ${ROUNDS} rounds (medians)\n`);
    console.log('| client | CPU per call (µs) | / undici Pool (per-round ratio, min–max) |\n|---|---:|---:|');
    for (const client of CLIENTS) console.log(`| ${client} | ${median(rounds[client]).toFixed(1)} | ${ratio(client)} |`);
  } finally {
    server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
