import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');

/** A way to load a package in a fresh process: how it is loaded, and whether the code is an ES module. */
interface Subject {
  label: string;
  code: string;
  esm: boolean;
}

// Each process times its own load with hrtime (not process start-up), then reports the heap after two collections.
const REPORT = `globalThis.gc(); globalThis.gc(); console.log(JSON.stringify({ ms: Number(t1 - t0) / 1e6, heap: process.memoryUsage().heapUsed }));`;
const cjs = (label: string, load: string): Subject => ({
  label,
  esm: false,
  code: `const t0 = process.hrtime.bigint(); ${load}; const t1 = process.hrtime.bigint(); ${REPORT}`,
});
const esm = (label: string, load: string): Subject => ({
  label,
  esm: true,
  code: `const t0 = process.hrtime.bigint(); ${load}; const t1 = process.hrtime.bigint(); ${REPORT}`,
});

const SUBJECTS: Subject[] = [
  cjs('nothing (the baseline heap)', 'void 0'),
  cjs("require('passport-worksection')", "require('passport-worksection')"),
  esm(
    "import { WorksectionOAuth } from 'passport-worksection'",
    "const { WorksectionOAuth } = await import('passport-worksection'); void WorksectionOAuth",
  ),
  cjs("require('passport-worksection/client')", "require('passport-worksection/client')"),
  cjs("require('passport-oauth2')", "require('passport-oauth2')"),
  esm("import * from 'openid-client'", "await import('openid-client')"),
];

async function once(subject: Subject): Promise<{ ms: number; heap: number }> {
  const args = ['--expose-gc', ...(subject.esm ? ['--input-type=module'] : []), '-e', subject.code];
  // From the repository root, where 'passport-worksection' resolves to its own built entry (a package's self-reference).
  const { stdout } = await run(process.execPath, args, { cwd: ROOT });
  return JSON.parse(stdout) as { ms: number; heap: number };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/**
 * Loads each subject `runs` times, each in a fresh process, the subjects interleaved (order rotated each run), and
 * reports the median load time and the heap the load added over an empty process.
 */
export async function measureColdStart(runs: number): Promise<{ table: string; figures: Record<string, { ms: number; heapKiB: number }> }> {
  const times = new Map<string, number[]>(SUBJECTS.map((s) => [s.label, []]));
  const heaps = new Map<string, number[]>(SUBJECTS.map((s) => [s.label, []]));
  for (let i = 0; i < runs; i++) {
    const order = [...SUBJECTS.slice(i % SUBJECTS.length), ...SUBJECTS.slice(0, i % SUBJECTS.length)];
    for (const subject of order) {
      const { ms, heap } = await once(subject);
      times.get(subject.label)?.push(ms);
      heaps.get(subject.label)?.push(heap);
    }
  }
  const baseline = median(heaps.get(SUBJECTS[0]?.label ?? '') ?? []);
  const peer = median(times.get("require('passport-oauth2')") ?? []);
  const figures: Record<string, { ms: number; heapKiB: number }> = {};
  const rows = SUBJECTS.slice(1).map((s) => {
    const ms = median(times.get(s.label) ?? []);
    const heapKiB = (median(heaps.get(s.label) ?? []) - baseline) / 1024;
    figures[s.label] = { ms, heapKiB };
    return `| ${s.label} | ${ms.toFixed(1)} | ${(ms / peer).toFixed(2)} | ${heapKiB.toFixed(0)} |`;
  });
  const table = [
    `| cold start (${runs} fresh processes each, medians) | load ms | / passport-oauth2 | heap added (KiB) |`,
    '|---|---:|---:|---:|',
    ...rows,
  ].join('\n');
  return { table, figures };
}
