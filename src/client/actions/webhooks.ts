import type { WorksectionList } from '../list-cap';
import type { CallOptions } from '../options';
import type { ActionCaller } from './action-map';
import { asId, asList } from './shape';
import type { WorksectionId, WorksectionOk } from './values';

/**
 * The events a webhook can be sent for: the nine of `add_webhook`'s `events` description (Client API collection) and
 * `reopen_task`, listed in a documented hook's `events` (the Russian FAQ's `get_webhooks` example).
 */
export type WebhookEvent =
  | 'post_task'
  | 'update_task'
  | 'close_task'
  | 'reopen_task'
  | 'delete_task'
  | 'post_comment'
  | 'update_comment'
  | 'delete_comment'
  | 'post_project'
  | 'update_project';

/** An account webhook (`get_webhooks`). */
export interface WorksectionWebhook {
  id: WorksectionId;
  url: string;
  /** Its events, comma-separated. */
  events: string;
  /** `active` or `paused` (the collection's `get_webhooks` answer): a hook is paused after 10 failed deliveries. */
  status: string;
  /** Its projects' ids, comma-separated; empty for all of them. */
  projects?: string;
  [field: string]: unknown;
}

/** Parameters of `add_webhook`. */
export interface AddWebhookParams {
  /** Where Worksection POSTs; it must answer HTTP 200 `{"status":"OK"}` within 5 s. */
  url: string;
  /** Events, comma-separated, e.g. `post_task,post_comment`. */
  events: string;
  /** Project ids, comma-separated; all projects when left out. */
  projects?: string;
  /** HTTP Basic credentials Worksection sends to `url`: the only way a receiver can tell it is Worksection. */
  http_user?: string;
  http_pass?: string;
}

/** Parameters of `delete_webhook`. */
export interface DeleteWebhookParams {
  id: WorksectionId;
}

/** The Webhooks actions (`administrative` scope, inferred). */
export interface WebhookActions {
  get_webhooks: { params: Record<string, never>; result: WorksectionWebhook[] };
  add_webhook: { params: AddWebhookParams; result: { id: WorksectionId | number; [field: string]: unknown } };
  delete_webhook: { params: DeleteWebhookParams; result: WorksectionOk };
}

/** What `client.webhooks.add()` takes: `add_webhook`'s parameters, with the events as a list. */
export interface NewWebhook extends Omit<AddWebhookParams, 'events' | 'projects'> {
  events: readonly WebhookEvent[];
  /** Project ids; all projects when left out. */
  projects?: readonly WorksectionId[];
}

/** The account's webhooks: `client.webhooks`. */
export class WebhooksApi {
  /** @internal */
  constructor(private readonly client: ActionCaller<WebhookActions>) {}

  /** The account's webhooks (`get_webhooks`; `administrative`, inferred). */
  async list(options?: CallOptions): Promise<WorksectionList<WorksectionWebhook>> {
    return asList('get_webhooks', await this.client.call('get_webhooks', {}, options));
  }

  /**
   * Adds a webhook and resolves to its id. Worksection first calls `url`, which must answer HTTP 200 with JSON
   * `{"status":"OK"}` (`createWebhookReceiver` does), else it refuses with code 11 "Url should respond 200
   * HTTP_CODE and JSON {status:OK}" (`add_webhook`; `administrative`, inferred).
   */
  async add(webhook: NewWebhook, options?: CallOptions): Promise<{ id: WorksectionId }> {
    const { events, projects, ...rest } = webhook;
    const params: AddWebhookParams = { ...rest, events: events.join(',') };
    if (projects !== undefined) params.projects = projects.join(',');
    return { id: asId('add_webhook', await this.client.call('add_webhook', params, options)) };
  }

  /** Deletes a webhook (`delete_webhook`; `administrative`, inferred). */
  async delete(params: DeleteWebhookParams, options?: CallOptions): Promise<void> {
    await this.client.call('delete_webhook', params, options);
  }
}
