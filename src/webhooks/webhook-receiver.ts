import { WorksectionConfigError } from '../errors/config-error';
import { WorksectionWebhookError, type WebhookFailureReason } from '../errors/webhook-error';
import { clip } from '../shared/clip';
import { BasicCredentials } from './basic-credentials';
import { DuplicateMemory } from './duplicate-memory';
import { readBody } from './read-body';
import { readEvents, type EventItem } from './read-events';
import { RECEIVER_DEFAULTS, type WebhookReceiverOptions } from './receiver-options';
import type { ReceivedWebhookEvent } from './webhook-event';

/** A handler over the web platform's Request and Response (Node 18+, Deno, Bun, workers). */
export type WebhookHandler = (request: Request) => Promise<Response>;

// What Worksection requires of every answer (FAQ webhooks.html: "HTTP status: 200, Header: JSON, Body:
// {"status":"OK"}" within 5 seconds, for any request; otherwise the request counts as an error).
const OK_BODY = '{"status":"OK"}';
const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };

/**
 * A receiver for Worksection's webhooks: answers Worksection's URL check and every delivery with HTTP 200
 * `{"status":"OK"}` as soon as the body is read, then hands each event to `onEvent`, after the answer.
 *
 * What it answers: 401 without the configured Basic pair (nothing read, nothing reported); 413 for a body over
 * `maxBodyBytes` and 408 for one that does not arrive within `bodyTimeoutMs` (both reported); 200 for everything
 * else, a malformed body included (reported): an error answer would count against the hook, and Worksection
 * disables a hook after 10 of them. Any method is answered, as Worksection's check may use any.
 *
 * @example
 * ```ts
 * const receive = createWebhookReceiver({
 *   basicAuth: { user: 'worksection', pass: 'a long random secret' },
 *   onEvent: async (event) => {
 *     if (isWebhookEvent(event, 'post_comment') && !event.duplicate) console.log('comment', event.objectId);
 *   },
 * });
 * // Deno.serve(receive), Bun.serve({ fetch: receive }), or a worker's fetch handler.
 * ```
 */
export function createWebhookReceiver(options: WebhookReceiverOptions): WebhookHandler {
  const settings = checkOptions(options);
  const credentials = options.basicAuth && new BasicCredentials(options.basicAuth.user, options.basicAuth.pass);
  const memory = new DuplicateMemory(settings.duplicateWindowMs, settings.duplicateMemory);
  const report = (reason: WebhookFailureReason, message: string, cause?: unknown) => {
    const error = new WorksectionWebhookError(reason, clip(message, 300), cause === undefined ? undefined : { cause });
    try {
      (options.onError ?? defaultOnError)(error);
    } catch {
      // The app's error hook failing must not turn into an unhandled rejection or an error answer.
    }
  };

  return async (request) => {
    if (credentials && !credentials.matches(request.headers.get('authorization'))) {
      // Unread: an anonymous sender gets nothing of ours to read, leaves nothing behind, and is not logged.
      request.body?.cancel().catch(() => undefined);
      return new Response('{"status":"error"}', {
        status: 401,
        headers: { ...JSON_HEADERS, 'WWW-Authenticate': 'Basic realm="worksection-webhook", charset="UTF-8"' },
      });
    }
    const body = await readBody(request.body, settings.maxBodyBytes, settings.bodyTimeoutMs);
    if (!body.ok) {
      const tooLarge = body.reason === 'too_large';
      report(
        body.reason,
        tooLarge
          ? `Worksection webhook: a body over ${settings.maxBodyBytes} bytes (maxBodyBytes) was refused`
          : `Worksection webhook: the body did not arrive completely within ${settings.bodyTimeoutMs} ms`,
      );
      return new Response('{"status":"error"}', { status: tooLarge ? 413 : 408, headers: { ...JSON_HEADERS, Connection: 'close' } });
    }
    const events = toEvents(body.bytes, memory, report);
    // After the answer: the app's handler can neither delay it nor turn it into an error.
    if (events.length > 0) setImmediate(() => void handOn(events, options.onEvent, settings.handlerTimeoutMs, report));
    return new Response(OK_BODY, { status: 200, headers: JSON_HEADERS });
  };
}

function toEvents(
  bytes: Uint8Array,
  memory: DuplicateMemory,
  report: (reason: WebhookFailureReason, message: string, cause?: unknown) => void,
): ReceivedWebhookEvent[] {
  let items: EventItem[];
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    const read = readEvents(text);
    if (read.unreadable > 0)
      report('unreadable_event', `Worksection webhook: ${read.unreadable} item(s) are not events (${read.firstFault ?? ''})`);
    items = read.items;
  } catch (err) {
    const why = err instanceof Error ? err.message : 'unreadable';
    report('malformed', `Worksection webhook: a body of ${bytes.byteLength} bytes is not UTF-8 JSON (${why})`);
    return [];
  }
  return items.map((item) => ({
    name: `${item.action}_${item.objectType}`,
    action: item.action,
    objectType: item.objectType,
    objectId: item.objectId,
    page: item.page,
    dateAdded: item.dateAdded,
    userFrom: item.userFrom,
    new: item.new,
    old: item.old,
    raw: item.raw,
    duplicate: memory.check(item.raw),
  }));
}

async function handOn(
  events: ReceivedWebhookEvent[],
  onEvent: WebhookReceiverOptions['onEvent'],
  timeoutMs: number,
  report: (reason: WebhookFailureReason, message: string, cause?: unknown) => void,
): Promise<void> {
  for (const event of events) {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), timeoutMs);
    });
    try {
      const outcome = await Promise.race([Promise.resolve().then(() => onEvent(event)), late]);
      if (outcome === 'late')
        report('handler_timeout', `Worksection webhook: the event handler took over ${timeoutMs} ms for ${event.name} ${event.objectId}`);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      report('handler_failed', `Worksection webhook: the event handler failed for ${event.name} ${event.objectId}: ${why}`, err);
    } finally {
      clearTimeout(timer);
    }
  }
}

function defaultOnError(error: WorksectionWebhookError): void {
  console.error(`${error.name} [${error.reason}]: ${error.message}`);
}

function checkOptions(options: WebhookReceiverOptions) {
  if (typeof options.onEvent !== 'function')
    throw new WorksectionConfigError('onEvent', 'createWebhookReceiver needs onEvent: a function called with each event');
  const settings = { ...RECEIVER_DEFAULTS };
  for (const key of Object.keys(RECEIVER_DEFAULTS) as Array<keyof typeof RECEIVER_DEFAULTS>) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value <= 0)
      throw new WorksectionConfigError(key, `${key} must be a positive whole number (default ${RECEIVER_DEFAULTS[key]})`);
    settings[key] = value as never;
  }
  const basic = options.basicAuth;
  if (
    basic !== undefined &&
    (typeof basic.user !== 'string' || typeof basic.pass !== 'string' || basic.pass === '' || basic.user.includes(':'))
  )
    throw new WorksectionConfigError('basicAuth', 'basicAuth needs a user without ":" and a non-empty pass, as given to add_webhook');
  return settings;
}
