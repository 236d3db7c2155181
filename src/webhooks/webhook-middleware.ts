import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { WebhookReceiverOptions } from './receiver-options';
import { createWebhookReceiver } from './webhook-receiver';

/** A request as Express and Connect hand it on: Node's, with the `body` a body parser may have set. */
export type WebhookMiddlewareRequest = IncomingMessage & { body?: unknown };

/** An Express/Connect middleware: `(req, res, next)`. */
export type WebhookMiddleware = (req: WebhookMiddlewareRequest, res: ServerResponse, next: (err?: unknown) => void) => void;

/**
 * {@link createWebhookReceiver} as Express or Connect middleware: `app.post('/worksection/webhook', webhookMiddleware({…}))`.
 * Mount it before any body parser (it reads the body itself, with its own size and time limits); behind one, it
 * reads what the parser left in `req.body`. No Express is loaded: it works on Node's request and response.
 */
export function webhookMiddleware(options: WebhookReceiverOptions): WebhookMiddleware {
  const receive = createWebhookReceiver(options);
  return (req, res, next) => {
    receive(toWebRequest(req))
      .then(async (answer) => {
        res.statusCode = answer.status;
        answer.headers.forEach((value, name) => res.setHeader(name, value));
        res.end(Buffer.from(await answer.arrayBuffer()));
      })
      .catch(next);
  };
}

function toWebRequest(req: WebhookMiddlewareRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const method = req.method ?? 'POST';
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (method !== 'GET' && method !== 'HEAD') {
    const parsed = bodyAlreadyRead(req);
    if (parsed !== undefined) init.body = parsed;
    else {
      init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
      init.duplex = 'half';
    }
  }
  // The URL is not read; a Request needs an absolute one.
  return new Request(`http://webhook.invalid${req.url?.startsWith('/') ? req.url : '/'}`, init);
}

/** What a body parser before this middleware left, as bytes or text; undefined when the stream is still unread. */
function bodyAlreadyRead(req: WebhookMiddlewareRequest): Uint8Array | string | undefined {
  if (!req.readableEnded && req.readable) return undefined;
  const { body } = req;
  if (body === undefined) return '';
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  return JSON.stringify(body);
}
