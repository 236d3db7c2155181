// `node scripts/measure-large-answers.mjs [MiB] [concurrent]`: what one account-API answer of that size costs the
// process that reads it through WorksectionClient: the longest event-loop stall (the longest gap between two
// ticks of a 1 ms interval timer) while the call runs, the call's time, and the peak RSS (sampled every 5 ms, and at the end) above the RSS
// before. The answer is a get_tasks envelope of tasks shaped as the Postman collection's, served from 127.0.0.1.
// Run one size per process, so that the RSS of one run does not carry into the next.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
require(join(root, 'test', 'helpers', 'ts-register.cjs'));
const { WorksectionClient } = require(join(root, 'src', 'client', 'index.ts'));
const { CallSpacer } = require(join(root, 'src', 'client', 'call-spacer.ts'));

const mib = Number(process.argv[2] ?? 60);
const concurrent = Number(process.argv[3] ?? 1);
const maxAnswerBytes = process.argv[4] === undefined ? undefined : Number(process.argv[4]) * 1024 * 1024;

function task(i) {
  return {
    id: String(100000 + i),
    name: `Task ${i} with a name of ordinary length`,
    page: `/project/1234/${100000 + i}/`,
    status: 'active',
    priority: '5',
    user_from: { id: '1', email: 'owner@example.com', name: 'Owner' },
    user_to: { id: '2', email: 'worker@example.com', name: 'Worker' },
    date_added: '2024-01-01 10:00',
    date_end: '2024-02-01',
    text: 'Text of the task. '.repeat(20),
  };
}
const one = JSON.stringify(task(0)).length + 1;
const count = Math.floor((mib * 1024 * 1024) / one);
const body = Buffer.from(JSON.stringify({ status: 'ok', data: Array.from({ length: count }, (_, i) => task(i)) }));

const server = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const strategy = { refresh: () => Promise.reject(new Error('not needed')), baseURL: origin };
const client = new WorksectionClient({
  strategy,
  baseURL: origin,
  accountUrl: origin,
  tokens: { accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 3_600_000 },
  minInterval: 0,
  timeout: 120_000,
  spacer: new CallSpacer(),
  ...(maxAnswerBytes !== undefined && { maxAnswerBytes }),
});

globalThis.gc?.();
const before = process.memoryUsage().rss;
let peak = before;
let lastTick = performance.now();
let maxStall = 0;
const sampler = setInterval(() => {
  const now = performance.now();
  maxStall = Math.max(maxStall, now - lastTick);
  lastTick = now;
  peak = Math.max(peak, process.memoryUsage().rss);
}, 1);
const started = performance.now();
const outcomes = await Promise.allSettled(Array.from({ length: concurrent }, () => client.call('get_tasks', { id_project: '1' })));
const took = performance.now() - started;
peak = Math.max(peak, process.memoryUsage().rss);
clearInterval(sampler);
const failed = outcomes.find((o) => o.status === 'rejected');
console.log(
  JSON.stringify({
    answerMiB: +(body.length / 1024 / 1024).toFixed(1),
    concurrent,
    result: failed ? `${failed.reason.name}: ${String(failed.reason.message).slice(0, 80)}` : `${outcomes[0].value.length} tasks each`,
    maxStallMs: +Math.max(maxStall, performance.now() - lastTick).toFixed(0),
    callMs: +took.toFixed(0),
    peakRssAboveMB: +((peak - before) / 1e6).toFixed(0),
  }),
);
server.close();
