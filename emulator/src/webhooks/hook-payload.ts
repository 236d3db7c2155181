import { dateTimeOf } from '../account-api/dates';
import type { AccountStore } from '../account-api/store/account-store';
import type { EventRecord } from '../account-api/store/records';
import { userRef } from '../account-api/views';

/** The webhook event name of a logged event, `<action>_<object type>`, e.g. `post_comment`. */
export const hookEventName = (event: EventRecord): string => `${event.action}_${event.objectType}`;

/**
 * The body Worksection POSTs for an event. Worksection does not publish it as text; the one public receiver that
 * reads production payloads (feverK13/worksection-nitify-boy, `api/worksection-webhook.ts` and `lib/notifier.ts`)
 * reads a JSON array of items shaped like `get_events` entries (`action`, `object: {type, id, page}`,
 * `date_added`, `user_from`, `new`, `old`) and a comment's text in `new.text`. The emulator sends that: one item
 * per delivery (inferred), a comment's text in `new.text` (inferred from that receiver).
 */
export function hookPayload(store: AccountStore, event: EventRecord): string {
  const changed = event.changed;
  const newValues: Record<string, unknown> = Object.fromEntries(changed.map(([field, , after]) => [field, after]));
  const oldValues: Record<string, unknown> = Object.fromEntries(changed.map(([field, before]) => [field, before]));
  if (event.objectType === 'comment' && event.action !== 'delete') {
    const comment = store.state.comments.find((c) => c.id === event.objectId);
    if (comment) newValues.text = comment.text;
  }
  const item = {
    action: event.action,
    object: { type: event.objectType, id: event.objectId, page: event.page },
    date_added: dateTimeOf(event.at),
    user_from: userRef(store.user(event.userId)),
    ...(Object.keys(newValues).length > 0 && { new: newValues }),
    ...(Object.keys(oldValues).length > 0 && { old: oldValues }),
  };
  return JSON.stringify([item]);
}
