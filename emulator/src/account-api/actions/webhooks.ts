import { ApiError } from '../../errors/api-error';
import { fieldInvalid, fieldRequired, projectInvalid, webhookNotFound } from '../api-refusals';
import type { WebhookRecord } from '../store/records';
import { LaterAnswer, ok, okData, okId, type ActionHandler } from './action';

/** The events Worksection's webhooks can send. */
export const WEBHOOK_EVENTS = [
  'post_task',
  'update_task',
  'close_task',
  'delete_task',
  'post_comment',
  'update_comment',
  'delete_comment',
  'post_project',
  'update_project',
  // Not in add_webhook's description, but in a documented hook's events (the Russian FAQ's get_webhooks example).
  'reopen_task',
] as const;

// The receiver's password is a secret: it is stored, never answered.
const getWebhooks: ActionHandler = (c) =>
  okData(
    c.store.state.webhooks.map((w) => ({
      id: w.id,
      url: w.url,
      events: w.events.join(','),
      status: w.status,
      // Live sends `projects` only when the webhook is limited to some (collection: get_webhooks / success).
      ...(w.projectIds.length > 0 && { projects: w.projectIds.join(',') }),
    })),
  );

const addWebhook: ActionHandler = (c) => {
  const url = c.p.required('url').trim();
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || url.length > 2000)
    throw fieldInvalid('url', 'an http(s) URL expected');
  const httpUser = c.p.text('http_user') ?? '';
  const httpPass = c.p.text('http_pass') ?? '';
  // Live calls the URL before anything else: with empty events and a URL that fails the check, it answers 11 with
  // the URL as details (Client API collection, add_webhook "error" example).
  const probed = c.ctx.webhooks.probe(c.account.id, url, { user: httpUser, pass: httpPass }, c.now);
  return new LaterAnswer(
    probed.then((outcome) => {
      if (!outcome.ok) throw new ApiError(11, 'Url should respond 200 HTTP_CODE and JSON {status:OK}', url);
      return addChecked(c, url, httpUser, httpPass);
    }),
  );
};

// What add_webhook does once the URL answered its check.
const addChecked = (c: Parameters<ActionHandler>[0], url: string, httpUser: string, httpPass: string) => {
  const events = c.p.list('events');
  if (events.length === 0) throw fieldRequired('events');
  const unknown = events.find((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
  if (unknown !== undefined) throw fieldInvalid('events', `unknown event ${unknown.slice(0, 40)}`);
  const projectIds = c.p.list('projects');
  const stranger = projectIds.find((id) => !c.store.project(id));
  if (stranger !== undefined) throw projectInvalid();
  const hook: WebhookRecord = {
    id: c.store.newId(),
    url,
    events: [...new Set(events)],
    projectIds,
    httpUser,
    httpPass,
    // A hook made in the web UI starts disabled (FAQ webhooks.html); one made through the API has just passed the
    // check that enabling one makes, and the API has no action to enable it: it starts active (inferred).
    status: 'active',
  };
  c.store.state.webhooks.push(hook);
  // A number, as live answers it (collection: add_webhook / success).
  return okId(Number(hook.id));
};

const deleteWebhook: ActionHandler = (c) => {
  const id = c.p.required('id').trim();
  if (!c.store.state.webhooks.some((w) => w.id === id)) throw webhookNotFound();
  c.store.state.webhooks = c.store.state.webhooks.filter((w) => w.id !== id);
  return ok();
};

/** The webhook actions. */
export const WEBHOOK_ACTIONS = {
  get_webhooks: getWebhooks,
  add_webhook: addWebhook,
  delete_webhook: deleteWebhook,
} satisfies Record<string, ActionHandler>;
