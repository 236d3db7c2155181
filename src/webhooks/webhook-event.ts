/**
 * The events Worksection's webhooks are sent for: the nine of the `add_webhook` request's `events` description
 * (Client API Postman collection, "Webhooks" folder) and `reopen_task`, which a documented hook's `events` lists
 * (the Russian FAQ's `get_webhooks` example).
 */
export const WEBHOOK_EVENT_NAMES = [
  'post_task',
  'update_task',
  'close_task',
  'reopen_task',
  'delete_task',
  'post_comment',
  'update_comment',
  'delete_comment',
  'post_project',
  'update_project',
] as const;

/** One of {@link WEBHOOK_EVENT_NAMES}: `<action>_<object type>`. */
export type WebhookEventName = (typeof WEBHOOK_EVENT_NAMES)[number];

/** The member who made the change, as Worksection names members in its answers (`user_from`). */
export interface WebhookUser {
  id?: string | number;
  email?: string;
  name?: string;
  [field: string]: unknown;
}

/**
 * One event of a delivery, read from an item shaped like a `get_events` entry (`action`, `object: {type, id, page}`,
 * `date_added`, `user_from`, `new`, `old`). Worksection does not publish the payload as text: the shape is the one
 * public receiver's that reads production payloads (see the README, "Webhooks"), so `raw` keeps every field as it
 * came, known or not.
 */
export interface ReceivedWebhookEvent<Type extends string = string, Action extends string = string> {
  /** `<action>_<object type>`, e.g. `post_comment`: one of {@link WEBHOOK_EVENT_NAMES}, or a name Worksection adds later. */
  readonly name: `${Action}_${Type}`;
  /** What happened: `post`, `update`, `close`, `reopen`, `delete`… */
  readonly action: Action;
  /** What it happened to: `task`, `comment`, `project`… */
  readonly objectType: Type;
  /** The id of the task, comment or project, as text (Worksection sends ids as strings or numbers). */
  readonly objectId: string;
  /** The record's page path (`object.page`), when sent. */
  readonly page: string | undefined;
  /** `date_added`, as sent (Worksection's `YYYY-MM-DD HH:MM` in the account's time zone), when sent. */
  readonly dateAdded: string | undefined;
  /** Who made the change (`user_from`), when sent. */
  readonly userFrom: WebhookUser | undefined;
  /** The changed fields' new values (`new`), when sent. */
  readonly new: Record<string, unknown> | undefined;
  /** The changed fields' old values (`old`), when sent. */
  readonly old: Record<string, unknown> | undefined;
  /** The item as it came, every field kept; objects without a prototype, `__proto__` keys dropped. */
  readonly raw: Readonly<Record<string, unknown>>;
  /**
   * True when the very same item arrived before within the receiver's `duplicateWindowMs`: Worksection, or a proxy
   * on the way, sent it again. Handle it idempotently, or skip it.
   */
  readonly duplicate: boolean;
}

/** A task event (`post_task`, `update_task`, `close_task`, `reopen_task`, `delete_task`). */
export type TaskWebhookEvent = ReceivedWebhookEvent<'task'>;
/** A comment event (`post_comment`, `update_comment`, `delete_comment`); the task is in `page`. */
export type CommentWebhookEvent = ReceivedWebhookEvent<'comment'>;
/** A project event (`post_project`, `update_project`). */
export type ProjectWebhookEvent = ReceivedWebhookEvent<'project'>;

/** The event's `objectType` and `action` for a name like `post_comment`. */
export type WebhookEventOf<Name extends string> = Name extends `${infer Action}_${infer Type}` ? ReceivedWebhookEvent<Type, Action> : never;

/** Whether the event is about a task. */
export function isTaskEvent(event: ReceivedWebhookEvent): event is TaskWebhookEvent {
  return event.objectType === 'task';
}

/** Whether the event is about a comment. */
export function isCommentEvent(event: ReceivedWebhookEvent): event is CommentWebhookEvent {
  return event.objectType === 'comment';
}

/** Whether the event is about a project. */
export function isProjectEvent(event: ReceivedWebhookEvent): event is ProjectWebhookEvent {
  return event.objectType === 'project';
}

/**
 * Whether the event is the named one, e.g. `isWebhookEvent(event, 'post_comment')`: then `event.action` is `'post'`
 * and `event.objectType` is `'comment'` for the compiler too.
 */
export function isWebhookEvent<Name extends WebhookEventName>(event: ReceivedWebhookEvent, name: Name): event is WebhookEventOf<Name> {
  return event.name === name;
}
