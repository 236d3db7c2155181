import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createEmulator, type Emulator } from 'worksection-emulator';
import type { ContenderConfig } from './contenders/config';
import { Child } from './ipc';
import type { LoadResult } from './load';
import { measureColdStart } from './cold-start';
import { profileShares } from './profile-summary';

/**
 * `npm run bench`: the four contenders measured in the same run, interleaved, several rounds; medians of the figures
 * and of the per-round ratios (with their spread), then the cold start of the package's entry against its peers'.
 * `--quick` runs small counts (a smoke run, not figures to record).
 */
const quick = process.argv.includes('--quick');
/** `--profile`: each app process writes a V8 CPU profile into bench/results/ (open it in Chrome DevTools). */
const profile = process.argv.includes('--profile');
const RESULTS_DIR = path.resolve(__dirname, '..', '..', 'results');
const N = quick
  ? { rounds: 2, c1: 50, c32: 400, starts: 400, heap: 2000, upstream: 400, warmup: 200 }
  : { rounds: 5, c1: 200, c32: 3000, starts: 3000, heap: 20000, upstream: 3000, warmup: 1000 };
const NAMES = ['ours', 'peer', 'limit', 'core'] as const;
type Name = (typeof NAMES)[number];
const SESSION_TTL_MS = 2000;
const TIMEOUT_MS = 10_000;

interface Contender {
  name: Name;
  app: Child;
  url: string;
  config: ContenderConfig;
}

/** The figures of the results table, per contender. */
type FigureKey =
  | 'loginsPerSecC1'
  | 'loginsPerSecC32'
  | 'callbackP50Ms'
  | 'callbackP99Ms'
  | 'startReqPerSec'
  | 'cpuPerLoginUs'
  | 'upstreamConnsPer1000'
  | 'heapBytesPerLogin';

interface RoundFigures {
  c1: LoadResult;
  c32: LoadResult;
  starts: LoadResult;
  cpuPerLoginUs: number;
  upstreamConnsPer1000: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  // NaN for no values, as the figures' formatter expects.
  const upper = s[m] ?? NaN;
  return s.length % 2 ? upper : ((s[m - 1] ?? NaN) + upper) / 2;
};

async function startContender(name: Name, emu: Emulator): Promise<Contender> {
  const execArgv = [
    '--expose-gc',
    ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${RESULTS_DIR}`, `--cpu-prof-name=${name}.cpuprofile`] : []),
  ];
  const app = new Child(path.join(__dirname, 'app-process.js'), [name], execArgv);
  const port = await app.call<number>('listen');
  const url = `http://127.0.0.1:${port}`;
  const config: ContenderConfig = {
    emulatorUrl: emu.url,
    clientId: `bench-${name}`,
    clientSecret: `bench-${name}-secret`,
    callbackURL: `${url}/auth/worksection/callback`,
    sessionTtlMs: SESSION_TTL_MS,
    timeoutMs: TIMEOUT_MS,
  };
  emu.addClient({ clientId: config.clientId, clientSecret: config.clientSecret, redirectUris: [config.callbackURL] });
  await app.call('configure', config);
  return { name, app, url, config };
}

function assertClean(what: string, r: LoadResult): void {
  if (r.ok !== r.done) throw new Error(`${what}: ${r.done - r.ok} of ${r.done} did not succeed (${JSON.stringify(r)})`);
}

async function round(c: Contender, load: Child, emu: Emulator): Promise<RoundFigures> {
  const base = { appUrl: c.url, emulatorUrl: emu.url, limitMs: TIMEOUT_MS + 1000 };
  const c1 = await load.call<LoadResult>('logins', { ...base, concurrency: 1, count: N.c1 });
  assertClean(`${c.name} c1`, c1);
  const cpu0 = await c.app.call<number>('cpu');
  const conns0 = emu.stats.connections;
  const c32 = await load.call<LoadResult>('logins', { ...base, concurrency: 32, count: N.c32 });
  const cpu1 = await c.app.call<number>('cpu');
  assertClean(`${c.name} c32`, c32);
  const upstreamConns = emu.stats.connections - conns0 - c32.emulatorSockets;
  const starts = await load.call<LoadResult>('starts', { ...base, concurrency: 32, count: N.starts });
  assertClean(`${c.name} starts`, starts);
  return { c1, c32, starts, cpuPerLoginUs: (cpu1 - cpu0) / c32.done, upstreamConnsPer1000: (upstreamConns / c32.done) * 1000 };
}

async function heapPerLogin(c: Contender, load: Child, emu: Emulator): Promise<number> {
  const before = await c.app.call<number>('heap');
  const r = await load.call<LoadResult>('logins', {
    appUrl: c.url,
    emulatorUrl: emu.url,
    limitMs: TIMEOUT_MS + 1000,
    concurrency: 32,
    count: N.heap,
  });
  assertClean(`${c.name} heap run`, r);
  // Let every session of the run expire and be swept before measuring what stayed.
  await new Promise((resolve) => setTimeout(resolve, SESSION_TTL_MS * 2));
  const after = await c.app.call<number>('heap');
  return (after - before) / r.done;
}

const fmt = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');

/** A ratio's median over the rounds, with the smallest and largest round. */
const spread = (xs: number[]): string => `${fmt(median(xs), 2)} (${fmt(Math.min(...xs), 2)}–${fmt(Math.max(...xs), 2)})`;

/** The ratios the targets are set on, each taken round by round (both contenders measured in the same round). */
const RATIOS: Array<[label: string, a: Name, b: Name, pick: (r: RoundFigures) => number]> = [
  ['Strategy / passport-oauth2: app CPU per login', 'ours', 'peer', (r) => r.cpuPerLoginUs],
  ['Strategy / passport-oauth2: logins/s, 32 browsers', 'ours', 'peer', (r) => r.c32.perSecond],
  ['Strategy / passport-oauth2: start route req/s', 'ours', 'peer', (r) => r.starts.perSecond],
  ['core / limit app: app CPU per login', 'core', 'limit', (r) => r.cpuPerLoginUs],
  ['core / passport-oauth2: app CPU per login', 'core', 'peer', (r) => r.cpuPerLoginUs],
];

async function main(): Promise<void> {
  const emu = await createEmulator({ autoApprove: true, clients: [] });
  const load = new Child(path.join(__dirname, 'load-process.js'));
  const contenders: Contender[] = [];
  try {
    for (const name of NAMES) contenders.push(await startContender(name, emu));
    const upstreamClient = { clientId: 'bench-upstream', clientSecret: 'bench-upstream-secret', redirectUri: 'http://127.0.0.1/cb' };
    emu.addClient({
      clientId: upstreamClient.clientId,
      clientSecret: upstreamClient.clientSecret,
      redirectUris: [upstreamClient.redirectUri],
    });

    for (const c of contenders) {
      assertClean(
        `${c.name} warm-up`,
        await load.call<LoadResult>('logins', {
          appUrl: c.url,
          emulatorUrl: emu.url,
          limitMs: TIMEOUT_MS,
          concurrency: 32,
          count: N.warmup,
        }),
      );
    }
    const rounds: Record<Name, RoundFigures[]> = { ours: [], peer: [], limit: [], core: [] };
    const upstreamRounds: LoadResult[] = [];
    for (let r = 0; r < N.rounds; r++) {
      // Rotate the order so no contender always runs first (or right after the same neighbour).
      const shift = r % contenders.length;
      const order = [...contenders.slice(shift), ...contenders.slice(0, shift)];
      for (const c of order) rounds[c.name].push(await round(c, load, emu));
      upstreamRounds.push(
        await load.call<LoadResult>('upstreamLoop', {
          ...upstreamClient,
          appUrl: '',
          emulatorUrl: emu.url,
          limitMs: TIMEOUT_MS,
          concurrency: 32,
          count: N.upstream,
        }),
      );
      process.stderr.write(`round ${r + 1}/${N.rounds} done\n`);
    }
    const heap = new Map<Name, number>();
    for (const c of contenders) heap.set(c.name, await heapPerLogin(c, load, emu));

    const figures = {} as Record<Name, Record<FigureKey, number>>;
    for (const n of NAMES) {
      const rs = rounds[n];
      figures[n] = {
        loginsPerSecC1: median(rs.map((x) => x.c1.perSecond)),
        loginsPerSecC32: median(rs.map((x) => x.c32.perSecond)),
        callbackP50Ms: median(rs.map((x) => x.c32.p50)),
        callbackP99Ms: median(rs.map((x) => x.c32.p99)),
        startReqPerSec: median(rs.map((x) => x.starts.perSecond)),
        cpuPerLoginUs: median(rs.map((x) => x.cpuPerLoginUs)),
        upstreamConnsPer1000: median(rs.map((x) => x.upstreamConnsPer1000)),
        heapBytesPerLogin: heap.get(n) ?? NaN,
      };
    }
    const upstreamLoopPerSec = median(upstreamRounds.map((x) => x.perSecond));

    const rows: Array<[string, FigureKey, number]> = [
      ['logins/s, 1 browser', 'loginsPerSecC1', 1],
      ['logins/s, 32 browsers', 'loginsPerSecC32', 1],
      ['callback p50 (ms), c32', 'callbackP50Ms', 2],
      ['callback p99 (ms), c32', 'callbackP99Ms', 2],
      ['start route req/s, c32', 'startReqPerSec', 0],
      ['app CPU per login (µs)', 'cpuPerLoginUs', 0],
      ['new upstream conns / 1000 logins', 'upstreamConnsPer1000', 1],
      ['heap growth per login (bytes)', 'heapBytesPerLogin', 1],
    ];
    const lines = [
      `| figure | ours (Strategy) | peer (passport-oauth2) | limit (node:http) | core (WorksectionOAuth on node:http) |`,
      `|---|---:|---:|---:|---:|`,
      ...rows.map(([label, key, d]) => `| ${label} | ${NAMES.map((n) => fmt(figures[n][key], d)).join(' | ')} |`),
      `| upstream alone: token + resource loops/s, c32 | | | ${fmt(upstreamLoopPerSec, 0)} | |`,
      '',
      '| ratio (median of per-round ratios, min–max) | value |',
      '|---|---:|',
      ...RATIOS.map(
        ([label, a, b, pick]) => `| ${label} | ${spread(rounds[a].map((x, i) => pick(x) / pick(rounds[b][i] as RoundFigures)))} |`,
      ),
    ];
    const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
    console.log(`\n${machine}\nrounds: ${N.rounds}, logins per c32 round: ${N.c32}, heap run: ${N.heap} logins (medians)\n`);
    console.log(lines.join('\n'));
    const coldStart = await measureColdStart(quick ? 5 : 20);
    console.log(`\n${coldStart.table}`);
    await mkdir(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    await writeFile(
      file,
      JSON.stringify({ machine, counts: N, figures, rounds, upstreamLoopPerSec, coldStart: coldStart.figures }, null, 2),
    );
    console.log(`\nwritten: ${path.relative(process.cwd(), file)}`);
  } finally {
    await Promise.all([...contenders.map((c) => c.app.stop()), load.stop()]);
    await emu.close();
  }
  if (profile) await printProfileShares();
}

/** With `--profile`: where each strategy contender's app CPU went, from the profiles its process wrote on exit. */
async function printProfileShares(): Promise<void> {
  const pct = (share: number): string => `${(share * 100).toFixed(1)}%`;
  console.log(
    '\n| app CPU (profiled, not idle) | strategy | HTTP client | socket writes | GC | app shape |\n|---|---:|---:|---:|---:|---:|',
  );
  for (const name of ['ours', 'peer'] as const) {
    const shares = await profileShares(path.join(RESULTS_DIR, `${name}.cpuprofile`));
    const cells = [shares.strategy, shares.httpClient, shares.socketWrites, shares.gc, shares.shape].map(pct);
    console.log(`| ${name} | ${cells.join(' | ')} |`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
