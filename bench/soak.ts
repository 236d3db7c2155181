import path from 'node:path';
import { createEmulator } from 'worksection-emulator';
import type { ContenderConfig } from './contenders/config';
import { Child } from './ipc';
import type { LoadResult } from './load';

/**
 * `npm run soak`: 10,000 logins at 32 concurrent browsers through this package's Strategy while the emulator
 * hangs 2% of token calls and resets 2% mid-body. Passes when every login ends within `timeout` + 1 s, the app
 * is still up, it holds no more sockets or timers than before, and its heap ends where it started.
 *
 * The Strategy has one memory that grows with logins: the used states (one entry per completed callback, kept
 * until its 600 s expiry, at most 10,000). It reaches its final size only after 16,384 completed callbacks: full at
 * 10,000, its `Map` then doubles its table once more when the entries it has held, deleted ones included, pass
 * 16,384 (V8 grows a table whose deleted entries are fewer than half its slots). Then it stays at about 170 bytes
 * an entry, 1.7 MB. The warm-up goes past that point (18,000 logins, of which some 17,300 complete), so that what
 * the measured logins see is growth beyond every bound: a leak. With the 5,000-login warm-up it had, the memory
 * filling up read as about 50 bytes per login.
 */
const LOGINS = Number(process.env.SOAK_LOGINS ?? 10_000);
/** Enough completed callbacks (about 96% of logins on this mix) for the used-state memory to reach its final size. */
const WARMUP_LOGINS = 18_000;
const TIMEOUT_MS = 1000;
const SESSION_TTL_MS = 2000;
/** A folder to write the app's heap snapshots into, before and after the measured logins (`SOAK_SNAPSHOTS=dir`). */
const SNAPSHOTS = process.env.SOAK_SNAPSHOTS;

const count = (xs: string[]): Record<string, number> =>
  xs.reduce<Record<string, number>>((acc, x) => ({ ...acc, [x]: (acc[x] ?? 0) + 1 }), {});

async function main(): Promise<void> {
  const emu = await createEmulator({ autoApprove: true, clients: [] });
  const app = new Child(path.join(__dirname, 'app-process.js'), ['ours'], ['--expose-gc']);
  const load = new Child(path.join(__dirname, 'load-process.js'));
  const problems: string[] = [];
  try {
    const url = `http://127.0.0.1:${await app.call<number>('listen')}`;
    const config: ContenderConfig = {
      emulatorUrl: emu.url,
      clientId: 'soak',
      clientSecret: 'soak-secret',
      callbackURL: `${url}/auth/worksection/callback`,
      sessionTtlMs: SESSION_TTL_MS,
      timeoutMs: TIMEOUT_MS,
    };
    emu.addClient({ clientId: config.clientId, clientSecret: config.clientSecret, redirectUris: [config.callbackURL] });
    await app.call('configure', config);
    const base = { appUrl: url, emulatorUrl: emu.url, concurrency: 32, limitMs: TIMEOUT_MS + 1000 };

    emu.faults.set('token', [
      { type: 'hang', probability: 0.02 },
      { type: 'reset', probability: 0.02 / 0.98 },
    ]);
    // Warm up on the same mix, faults included: the first thousands of logins grow the heap once (compiled code,
    // pools, caches, the used-state memory up to its bound) and then it stays flat; only what grows after that is
    // a leak.
    await load.call<LoadResult>('logins', { ...base, count: WARMUP_LOGINS });
    await new Promise((resolve) => setTimeout(resolve, SESSION_TTL_MS * 3));
    const heapBefore = await app.call<number>('heap');
    if (SNAPSHOTS) await app.call('snapshot', path.resolve(SNAPSHOTS, 'before.heapsnapshot'));
    const resourcesBefore = count(await app.call<string[]>('resources'));

    const r = await load.call<LoadResult>('logins', { ...base, count: LOGINS });
    emu.faults.clear();

    // Idle keep-alive sockets close after their timeouts and sessions expire; then nothing may be left over.
    await new Promise((resolve) => setTimeout(resolve, Math.max(SESSION_TTL_MS * 3, 6000)));
    const heapAfter = await app.call<number>('heap');
    if (SNAPSHOTS) await app.call('snapshot', path.resolve(SNAPSHOTS, 'after.heapsnapshot'));
    const resourcesAfter = count(await app.call<string[]>('resources'));

    console.log(`logins: ${r.done} at c32 in ${(r.elapsedMs / 1000).toFixed(1)} s`);
    console.log(`  signed in:            ${r.ok}`);
    console.log(`  failure redirect:     ${r.failed}`);
    console.log(`  error page (5xx):     ${r.errored}`);
    console.log(`  no answer in ${TIMEOUT_MS + 1000} ms: ${r.hung}`);
    console.log(`callback latency: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(1)} ms`);
    console.log(`heap: ${((heapAfter - heapBefore) / r.done).toFixed(1)} bytes per login (${heapBefore} → ${heapAfter})`);
    console.log(`app resources before: ${JSON.stringify(resourcesBefore)}`);
    console.log(`app resources after:  ${JSON.stringify(resourcesAfter)}`);

    if (r.done !== LOGINS) problems.push(`${LOGINS - r.done} logins never ended`);
    if (r.hung > 0) problems.push(`${r.hung} logins got no answer within timeout + 1 s`);
    if (r.max > TIMEOUT_MS + 1000) problems.push(`slowest callback took ${r.max.toFixed(0)} ms`);
    if (r.ok === 0) problems.push('nobody signed in');
    for (const [kind, n] of Object.entries(resourcesAfter)) {
      if (n > (resourcesBefore[kind] ?? 0)) problems.push(`${n - (resourcesBefore[kind] ?? 0)} more ${kind} than before the soak`);
    }
    if ((heapAfter - heapBefore) / r.done > 50) problems.push('heap grew by more than 50 bytes per login');
    await app.call('cpu'); // still answering: it did not crash
  } catch (e) {
    problems.push(`soak aborted: ${(e as Error).message}`);
  } finally {
    await Promise.all([app.stop(), load.stop()]);
    await emu.close();
  }
  console.log(problems.length ? `\nFAILED:\n- ${problems.join('\n- ')}` : '\nPASSED');
  process.exitCode = problems.length ? 1 : 0;
}

void main();
