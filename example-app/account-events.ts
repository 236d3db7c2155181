import { createHmac } from 'node:crypto';
import type { ReceivedWebhookEvent } from 'passport-worksection/client';

/** What the app keeps of a webhook event: enough to show a new comment on its task's page. */
export interface StoredEvent {
  name: string;
  objectId: string;
  /** The task the event is about (a task event's own id, a comment event's task from its `page`). */
  taskId: string | undefined;
  text: string | undefined;
  author: string | undefined;
  date: string | undefined;
}

const PER_ACCOUNT = 200;
const ACCOUNTS = 1000;
const MAX_TEXT = 10_000;

/**
 * The last webhook events of each account, in memory, bounded (200 per account, 1000 accounts). Each account has
 * an opaque key (an HMAC of its account URL under the app's secret): the key is in the hook's URL, so a delivery
 * files its events under its own account, and a page reads only the key of its session's account.
 */
export class AccountEvents {
  private readonly byKey = new Map<string, StoredEvent[]>();

  constructor(private readonly secret: string) {}

  /** The key of an account, for the hook's URL (`/webhooks/worksection/<key>`). */
  keyOf(accountUrl: string): string {
    return createHmac('sha256', this.secret).update(accountUrl.replace(/\/+$/, '')).digest('hex').slice(0, 32);
  }

  /** Files an event under the account of `key`. */
  add(key: string, event: ReceivedWebhookEvent): void {
    if (event.duplicate) return;
    let list = this.byKey.get(key);
    if (!list) {
      if (this.byKey.size >= ACCOUNTS) this.byKey.delete(this.byKey.keys().next().value as string);
      list = [];
      this.byKey.set(key, list);
    }
    const text = event.new?.text;
    list.push({
      name: event.name,
      objectId: event.objectId,
      taskId: event.objectType === 'task' ? event.objectId : taskOfPage(event.page),
      text: typeof text === 'string' ? text.slice(0, MAX_TEXT) : undefined,
      author: typeof event.userFrom?.name === 'string' ? event.userFrom.name.slice(0, 200) : undefined,
      date: event.dateAdded?.slice(0, 40),
    });
    if (list.length > PER_ACCOUNT) list.shift();
  }

  /** The comments posted on a task of the account, as received, oldest first. */
  commentsOn(accountUrl: string, taskId: string): StoredEvent[] {
    return (this.byKey.get(this.keyOf(accountUrl)) ?? []).filter((e) => e.name === 'post_comment' && e.taskId === taskId);
  }
}

/** The task id in a comment's page: `/project/1/2/#com3` (the emulator's, and `get_events`'s form) or `/task/2/`. */
function taskOfPage(page: string | undefined): string | undefined {
  return /\/(\d{1,18})\/(?:#com\d+)?$/.exec(page ?? '')?.[1];
}
