import type { ClientRequest } from 'node:http';
import type { AccountStore } from '../account-api/store/account-store';
import type { EventRecord, WebhookRecord } from '../account-api/store/records';
import { hookEventName, hookPayload } from './hook-payload';
import { postToHook, type HookPostOutcome } from './hook-post';

/** One POST the emulator made (or dropped) to a webhook's URL: what `emulator.deliveries()` lists. */
export interface WebhookDelivery {
  /** Increasing number of the delivery, from 1. */
  seq: number;
  accountId: string;
  hookId: string;
  url: string;
  /** The event name (`post_comment`…), or `probe` for `add_webhook`'s check of the URL. */
  event: string;
  /** The JSON body sent. */
  body: string;
  /** Emulator-clock milliseconds of the event. */
  at: number;
  /** `pending` until the receiver answered or the 5 s ran out; `dropped` when it was never sent. */
  outcome: 'pending' | 'ok' | 'failed' | 'dropped';
  status?: number;
  /** Why it failed or was dropped. */
  error?: string;
  /** Milliseconds the exchange took. */
  ms?: number;
}

/** Worksection disables a hook after 10 errors (FAQ webhooks.html; blog post on webhooks). */
export const MAX_HOOK_ERRORS = 10;
/** Deliveries waiting behind a slow receiver, per hook; more are dropped (the emulator's bound, inferred). */
const MAX_QUEUED = 100;
/** Deliveries kept for `deliveries()`, newest last. */
const MAX_KEPT = 1000;

/**
 * Sends every logged event to the account's matching hooks (their events, their projects, `active` only), each
 * as its own POST, in order per hook, after the API answer that caused it: a delivery never delays an answer.
 * Counts errors per hook and pauses a hook at its 10th. Loopback and private addresses are delivered to: the
 * emulator runs next to its receivers (Worksection's servers cannot reach a private address; what it does with
 * one is not documented).
 */
export class WebhookDispatcher {
  private seq = 0;
  private readonly kept: WebhookDelivery[] = [];
  private readonly queues = new Map<WebhookRecord, WebhookDelivery[]>();
  private readonly running = new Set<WebhookRecord>();
  private readonly inFlight = new Set<ClientRequest>();
  private readonly waiters = new Set<() => void>();
  private closed = false;

  /** Queues the event for every matching hook of the account. */
  onEvent(accountId: string, store: AccountStore, event: EventRecord): void {
    const name = hookEventName(event);
    const hooks = store.state.webhooks.filter(
      (hook) =>
        hook.status === 'active' &&
        hook.events.includes(name) &&
        (hook.projectIds.length === 0 || hook.projectIds.includes(event.projectId)),
    );
    if (hooks.length === 0 || this.closed) return;
    const body = hookPayload(store, event);
    for (const hook of hooks) {
      const delivery = this.record({ accountId, hookId: hook.id, url: hook.url, event: name, body, at: event.at });
      const queue = this.queues.get(hook) ?? [];
      if (queue.length >= MAX_QUEUED) {
        this.finish(delivery, { ok: false, error: `over ${MAX_QUEUED} deliveries waiting for this hook`, ms: 0 }, 'dropped');
        continue;
      }
      queue.push(delivery);
      this.queues.set(hook, queue);
      if (!this.running.has(hook)) setImmediate(() => void this.drain(hook));
    }
  }

  /** `add_webhook`'s check of a URL (as live does before it adds a hook): an empty event list, judged as a delivery. */
  async probe(accountId: string, url: string, auth: { user: string; pass: string }, at: number): Promise<HookPostOutcome> {
    const delivery = this.record({ accountId, hookId: '', url, event: 'probe', body: '[]', at });
    const outcome = this.closed ? { ok: false, error: 'emulator closed', ms: 0 } : await postToHook(url, '[]', auth, this.track);
    this.finish(delivery, outcome);
    this.wake();
    return outcome;
  }

  /** The deliveries so far (the last 1000), oldest first: copies. */
  deliveries(): WebhookDelivery[] {
    return this.kept.map((d) => ({ ...d }));
  }

  /** Resolves once no delivery is queued or in flight. */
  settled(): Promise<void> {
    if (this.idle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.add(resolve));
  }

  /** Aborts what is in flight and sends nothing more. */
  close(): void {
    this.closed = true;
    for (const req of this.inFlight) req.destroy();
  }

  private readonly track = (req: ClientRequest) => {
    this.inFlight.add(req);
    return () => this.inFlight.delete(req);
  };

  private async drain(hook: WebhookRecord): Promise<void> {
    this.running.add(hook);
    const queue = this.queues.get(hook) ?? [];
    for (let delivery = queue.shift(); delivery; delivery = queue.shift()) {
      if (this.closed || hook.status !== 'active') {
        this.finish(delivery, { ok: false, error: this.closed ? 'emulator closed' : 'hook paused', ms: 0 }, 'dropped');
        continue;
      }
      const outcome = await postToHook(hook.url, delivery.body, { user: hook.httpUser, pass: hook.httpPass }, this.track);
      if (!outcome.ok) {
        hook.failures = (hook.failures ?? 0) + 1;
        if (hook.failures >= MAX_HOOK_ERRORS) hook.status = 'paused';
      }
      this.finish(delivery, outcome);
    }
    this.queues.delete(hook);
    this.running.delete(hook);
    this.wake();
  }

  private wake(): void {
    if (!this.idle()) return;
    for (const resolve of this.waiters) resolve();
    this.waiters.clear();
  }

  private idle(): boolean {
    return this.running.size === 0 && this.queues.size === 0 && this.kept.every((d) => d.outcome !== 'pending');
  }

  private record(fields: Omit<WebhookDelivery, 'seq' | 'outcome'>): WebhookDelivery {
    const delivery: WebhookDelivery = { seq: ++this.seq, ...fields, outcome: 'pending' };
    this.kept.push(delivery);
    if (this.kept.length > MAX_KEPT) this.kept.shift();
    return delivery;
  }

  private finish(delivery: WebhookDelivery, outcome: HookPostOutcome, as?: 'dropped'): void {
    delivery.outcome = as ?? (outcome.ok ? 'ok' : 'failed');
    if (outcome.status !== undefined) delivery.status = outcome.status;
    if (outcome.error !== undefined) delivery.error = outcome.error;
    delivery.ms = outcome.ms;
  }
}
