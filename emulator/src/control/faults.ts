import { WORKSECTION_HEADERS } from '../http/reply';
import type { EmulatorEndpoint, EmulatorFaults, Fault } from '../types';

/** The endpoints faults and request counts are kept for. */
export const ENDPOINTS: readonly EmulatorEndpoint[] = ['authorize', 'token', 'refresh', 'resource', 'api'];

/** Default size of an `oversized` answer: 2 MiB. */
export const DEFAULT_OVERSIZED_BYTES = 2 * 1024 * 1024;

/** Default `Retry-After` of a `rateLimit` fault, in seconds: Worksection allows about one request per second. */
export const DEFAULT_RETRY_AFTER_SECONDS = 1;

/** Whether `value` names an endpoint. */
export function isEndpoint(value: unknown): value is EmulatorEndpoint {
  return typeof value === 'string' && (ENDPOINTS as readonly string[]).includes(value);
}

/**
 * Checks a fault that arrived as JSON (`POST /__emulator/faults`) or from JavaScript callers without types;
 * throws a TypeError naming what is wrong.
 */
export function parseFault(value: unknown): Fault {
  if (typeof value !== 'object' || value === null) throw new TypeError('fault must be an object with a "type"');
  const f = value as Record<string, unknown>;
  if (f.times !== undefined && !(Number.isInteger(f.times) && (f.times as number) > 0))
    throw new TypeError('fault.times must be a positive integer');
  if (f.probability !== undefined && !(typeof f.probability === 'number' && f.probability >= 0 && f.probability <= 1)) {
    throw new TypeError('fault.probability must be a number from 0 to 1');
  }
  const schedule = {
    ...(f.times !== undefined && { times: f.times as number }),
    ...(f.probability !== undefined && { probability: f.probability }),
  };
  switch (f.type) {
    case 'delay':
      if (!(typeof f.ms === 'number' && f.ms >= 0 && Number.isFinite(f.ms))) throw new TypeError('a delay fault needs ms >= 0');
      return { type: 'delay', ms: f.ms, ...schedule };
    case 'hang':
    case 'reset':
    case 'truncate':
      return { type: f.type, ...schedule };
    case 'respond': {
      if (!(Number.isInteger(f.status) && (f.status as number) >= 100 && (f.status as number) <= 599))
        throw new TypeError('a respond fault needs an HTTP status from 100 to 599');
      if (typeof f.body !== 'string') throw new TypeError('a respond fault needs a string body');
      const headers = f.headers;
      if (
        headers !== undefined &&
        (typeof headers !== 'object' || headers === null || Object.values(headers).some((v) => typeof v !== 'string'))
      ) {
        throw new TypeError('fault.headers must map header names to strings');
      }
      return {
        type: 'respond',
        status: f.status as number,
        body: f.body,
        ...(headers !== undefined && { headers: headers as Record<string, string> }),
        ...schedule,
      };
    }
    case 'oversized':
      if (f.bytes !== undefined && !(Number.isInteger(f.bytes) && (f.bytes as number) > 0))
        throw new TypeError('an oversized fault needs bytes > 0');
      return { type: 'oversized', ...(f.bytes !== undefined && { bytes: f.bytes as number }), ...schedule };
    case 'rateLimit':
      if (f.retryAfter !== undefined && !(Number.isInteger(f.retryAfter) && (f.retryAfter as number) >= 0))
        throw new TypeError('a rateLimit fault needs retryAfter as whole seconds >= 0');
      if (f.minInterval !== undefined && !(Number.isInteger(f.minInterval) && (f.minInterval as number) > 0))
        throw new TypeError('a rateLimit fault needs minInterval as whole milliseconds > 0');
      return {
        type: 'rateLimit',
        ...(f.retryAfter !== undefined && { retryAfter: f.retryAfter as number }),
        ...(f.minInterval !== undefined && { minInterval: f.minInterval as number }),
        ...schedule,
      };
    default:
      throw new TypeError('fault.type must be one of delay, hang, respond, reset, truncate, oversized, rateLimit');
  }
}

/** The faults in force, per endpoint, with their schedules. */
export class FaultTable implements EmulatorFaults {
  // A list per endpoint; `single` remembers whether it was set as one fault, so list() gives back what was set.
  private readonly faults = new Map<EmulatorEndpoint, { list: Fault[]; single: boolean }>();

  /** With a `minInterval` rate limit: when each account's last call went through, oldest first. */
  private readonly lastCall = new Map<string, number>();

  constructor(
    private readonly random: () => number = Math.random,
    private readonly now: () => number = Date.now,
  ) {}

  set(endpoint: EmulatorEndpoint, fault: Fault | Fault[]): void {
    if (!isEndpoint(endpoint)) throw new TypeError(`Unknown emulator endpoint "${String(endpoint)}"; use one of ${ENDPOINTS.join(', ')}`);
    const single = !Array.isArray(fault);
    const list = (single ? [fault] : fault).map(parseFault);
    // Its answer is the account API's envelope: meaningless on an OAuth endpoint.
    if (endpoint !== 'api' && list.some((f) => f.type === 'rateLimit'))
      throw new TypeError('a rateLimit fault applies to the api endpoint only');
    if (list.length === 0) this.faults.delete(endpoint);
    else this.faults.set(endpoint, { list, single });
  }

  clear(endpoint?: EmulatorEndpoint): void {
    if (endpoint === undefined) this.faults.clear();
    else this.faults.delete(endpoint);
  }

  list(): Partial<Record<EmulatorEndpoint, Fault | Fault[]>> {
    return Object.fromEntries(
      [...this.faults].map(([endpoint, { list, single }]) => {
        const copies = list.map((f) => ({ ...f }));
        // A single fault's list has that one fault: take() removes the endpoint once its list is empty.
        return [endpoint, single ? copies[0] : copies];
      }),
    );
  }

  /**
   * The fault to apply to one request to `endpoint`, if any: the first whose `probability` draw succeeds; it
   * uses up one of its `times` (and is removed after its last use). A `rateLimit` fault comes as the `respond` fault
   * it amounts to.
   */
  take(endpoint: EmulatorEndpoint, account?: string): Fault | undefined {
    const entry = this.faults.get(endpoint);
    if (!entry) return undefined;
    for (const [i, fault] of entry.list.entries()) {
      if (fault.probability !== undefined && !(this.random() < fault.probability)) continue;
      let retryAfter = fault.type === 'rateLimit' ? (fault.retryAfter ?? DEFAULT_RETRY_AFTER_SECONDS) : 0;
      if (fault.type === 'rateLimit' && fault.minInterval !== undefined) {
        const wait = this.waitFor(account ?? '', fault.minInterval);
        if (wait === 0) continue;
        retryAfter = fault.retryAfter ?? Math.ceil(wait / 1000);
      }
      if (fault.times !== undefined) {
        if (fault.times <= 1) entry.list.splice(i, 1);
        else entry.list[i] = { ...fault, times: fault.times - 1 };
        if (entry.list.length === 0) this.faults.delete(endpoint);
      }
      return fault.type === 'rateLimit' ? rateLimitAnswer(retryAfter) : fault;
    }
    return undefined;
  }

  /** How long a call to `account` comes too early (0: it goes through, and the account's window starts again). */
  private waitFor(account: string, minInterval: number): number {
    const now = this.now();
    const last = this.lastCall.get(account);
    if (last !== undefined && now - last < minInterval) return minInterval - (now - last);
    this.lastCall.delete(account);
    this.lastCall.set(account, now);
    // Account names come from request paths: keep only the most recent ones, not one entry per name ever sent.
    if (this.lastCall.size > 1000) this.lastCall.delete(this.lastCall.keys().next().value as string);
    return 0;
  }
}

/**
 * The answer of a `rateLimit` fault, as a `respond` fault: HTTP 429, `Retry-After` in seconds, Worksection's JSON
 * headers and the account API's error envelope. Worksection does not document its answer to a breach of its rate
 * limit; this is the common form.
 */
export function rateLimitAnswer(retryAfter: number): Fault {
  return {
    type: 'respond',
    status: 429,
    headers: { ...WORKSECTION_HEADERS, 'Retry-After': String(retryAfter) },
    body: JSON.stringify({
      status: 'error',
      status_code: 429,
      message: 'Too many requests',
      message_details: 'Rate limit: about 1 request per second per account',
    }),
  };
}

/** A 200 body that starts like a token answer and is `bytes` long, for clients that must cap what they read. */
export function oversizedBody(bytes: number): string {
  const head = '{"token_type":"Bearer","padding":"';
  const tail = '"}';
  if (bytes <= head.length + tail.length) return (head + tail).slice(0, bytes);
  return head + 'x'.repeat(bytes - head.length - tail.length) + tail;
}
