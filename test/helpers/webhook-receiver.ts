import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { webhookMiddleware, type ReceivedWebhookEvent, type WebhookReceiverOptions, type WorksectionWebhookError } from '../../src/client';

/** The package's webhook receiver on 127.0.0.1:0, and what reached its two hooks. */
export interface ReceiverHarness {
  url: string;
  events: ReceivedWebhookEvent[];
  errors: WorksectionWebhookError[];
  /** Resolves once `count` events (or errors) have arrived. */
  waitFor(kind: 'events' | 'errors', count: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts `webhookMiddleware` on a plain Node server; `options.onEvent` runs after the event is recorded. */
export async function startWebhookReceiver(options: Partial<WebhookReceiverOptions> = {}): Promise<ReceiverHarness> {
  const events: ReceivedWebhookEvent[] = [];
  const errors: WorksectionWebhookError[] = [];
  const waiters: Array<() => void> = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  const middleware = webhookMiddleware({
    ...options,
    onEvent: async (event) => {
      events.push(event);
      wake();
      await options.onEvent?.(event);
    },
    onError: (error) => {
      errors.push(error);
      wake();
    },
  });
  const server = http.createServer((req, res) => middleware(req, res, (err) => res.destroy(err as Error)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    events,
    errors,
    async waitFor(kind, count) {
      const list = kind === 'events' ? events : errors;
      while (list.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
