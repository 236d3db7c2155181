import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { authorizeURL } from './contenders/config';
import { Upstream } from './contenders/upstream';

/** One HTTP GET's outcome, body discarded. */
interface Answer {
  status: number;
  location?: string;
  cookie?: string;
}

/** What a load run measured. */
export interface LoadResult {
  done: number;
  /** Logins that reached the success page. */
  ok: number;
  /** Logins that reached the failure redirect. */
  failed: number;
  /** Logins answered with an error status (5xx) by the app. */
  errored: number;
  /** Logins that got no answer within the client's own limit. */
  hung: number;
  elapsedMs: number;
  perSecond: number;
  /** Latency of the measured step (the callback for logins, the request itself otherwise), in ms. */
  p50: number;
  p99: number;
  max: number;
  /** Sockets this load generator opened to the emulator (to subtract from the emulator's connection count). */
  emulatorSockets: number;
}

/**
 * A browser-like client: a keep-alive pool per origin, counting the sockets it opens to each, so the emulator's
 * own connection count can be split into the browsers' and the app's.
 */
class Pool {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  private readonly seen = new WeakSet();
  readonly opened = new Map<string, number>();

  get(url: string, cookie: string | undefined, limitMs: number): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = http.get(url, { agent: this.agent, headers: cookie ? { cookie } : {} }, (res) => {
        res.resume();
        res.on('end', () => {
          const setCookie = res.headers['set-cookie']?.[0]?.split(';')[0];
          resolve({ status: res.statusCode ?? 0, location: res.headers.location, cookie: setCookie });
        });
        res.on('error', reject);
      });
      req.setTimeout(limitMs, () => req.destroy(new HungError()));
      req.on('socket', (socket) => {
        if (this.seen.has(socket)) return;
        this.seen.add(socket);
        const origin = new URL(url).origin;
        this.opened.set(origin, (this.opened.get(origin) ?? 0) + 1);
      });
      req.on('error', reject);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

class HungError extends Error {}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function runConcurrent(concurrency: number, count: number, one: () => Promise<void>): Promise<number> {
  let started = 0;
  const t0 = performance.now();
  const worker = async (): Promise<void> => {
    while (started < count) {
      started++;
      await one();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return performance.now() - t0;
}

function summarise(
  latencies: number[],
  counts: { ok: number; failed: number; errored: number; hung: number },
  elapsedMs: number,
  emulatorSockets: number,
): LoadResult {
  latencies.sort((a, b) => a - b);
  const done = counts.ok + counts.failed + counts.errored + counts.hung;
  return {
    done,
    ...counts,
    elapsedMs,
    perSecond: (done / elapsedMs) * 1000,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    emulatorSockets,
  };
}

/** Options of a load run. */
export interface LoadOptions {
  appUrl: string;
  emulatorUrl: string;
  concurrency: number;
  count: number;
  /** A request with no answer after this long counts as hung. */
  limitMs: number;
}

/**
 * Full browser-style logins: GET the start route (keeping the session cookie), follow the redirect to the
 * emulator's authorize (autoApprove answers with the callback), GET the callback with the cookie, and expect
 * the redirect to the success route. A fresh browser (no cookie) for each login.
 */
export async function logins(o: LoadOptions): Promise<LoadResult> {
  const pool = new Pool();
  const latencies: number[] = [];
  const counts = { ok: 0, failed: 0, errored: 0, hung: 0 };
  const elapsed = await runConcurrent(o.concurrency, o.count, async () => {
    try {
      const start = await pool.get(`${o.appUrl}/auth/worksection`, undefined, o.limitMs);
      if (start.status !== 302 || !start.location) throw new Error(`start answered ${start.status}`);
      const authorize = await pool.get(start.location, undefined, o.limitMs);
      if (authorize.status !== 302 || !authorize.location) throw new Error(`authorize answered ${authorize.status}`);
      const callback = new URL(authorize.location);
      const t = performance.now();
      const back = await pool.get(`${o.appUrl}${callback.pathname}${callback.search}`, start.cookie, o.limitMs);
      latencies.push(performance.now() - t);
      if (back.status === 302 && back.location === '/success') counts.ok++;
      else if (back.status === 302 && back.location === '/failure') counts.failed++;
      else counts.errored++;
    } catch (e) {
      if (e instanceof HungError) counts.hung++;
      else counts.errored++;
    }
  });
  const result = summarise(latencies, counts, elapsed, pool.opened.get(new URL(o.emulatorUrl).origin) ?? 0);
  pool.close();
  return result;
}

/** Only the start route: each request a new visitor, answered with a redirect to Worksection. */
export async function starts(o: LoadOptions): Promise<LoadResult> {
  const pool = new Pool();
  const latencies: number[] = [];
  const counts = { ok: 0, failed: 0, errored: 0, hung: 0 };
  const elapsed = await runConcurrent(o.concurrency, o.count, async () => {
    const t = performance.now();
    try {
      const res = await pool.get(`${o.appUrl}/auth/worksection`, undefined, o.limitMs);
      latencies.push(performance.now() - t);
      if (res.status === 302) counts.ok++;
      else counts.errored++;
    } catch (e) {
      if (e instanceof HungError) counts.hung++;
      else counts.errored++;
    }
  });
  const result = summarise(latencies, counts, elapsed, 0);
  pool.close();
  return result;
}

/**
 * The limit of the upstream alone: a code from authorize (autoApprove), then the token and resource calls over a
 * keep-alive pool, in a tight loop with no app in between.
 */
export async function upstreamLoop(o: LoadOptions & { clientId: string; clientSecret: string; redirectUri: string }): Promise<LoadResult> {
  const pool = new Pool();
  const upstream = new Upstream(o.emulatorUrl, o.clientId, o.clientSecret, o.limitMs);
  const latencies: number[] = [];
  const counts = { ok: 0, failed: 0, errored: 0, hung: 0 };
  const authorize = authorizeURL(o.emulatorUrl, o.clientId, o.redirectUri, 'bench-upstream-loop');
  const elapsed = await runConcurrent(o.concurrency, o.count, async () => {
    try {
      const res = await pool.get(authorize, undefined, o.limitMs);
      const code = new URL(res.location ?? '', o.redirectUri).searchParams.get('code');
      if (!code) throw new Error(`authorize answered ${res.status}`);
      const t = performance.now();
      await upstream.login(code, o.redirectUri);
      latencies.push(performance.now() - t);
      counts.ok++;
    } catch {
      counts.errored++;
    }
  });
  const result = summarise(latencies, counts, elapsed, pool.opened.get(new URL(o.emulatorUrl).origin) ?? 0);
  pool.close();
  upstream.close();
  return result;
}
