import type { EventRecord } from '../store/records';
import type { ActionContext } from './action';

/** Logs a change made by the signed-in member, for `get_events`. */
export function logEvent(
  c: ActionContext,
  action: EventRecord['action'],
  object: { type: EventRecord['objectType']; id: string; page: string; projectId: string },
  changed: Array<[string, string, string]> = [],
): void {
  c.store.log({
    action,
    objectType: object.type,
    objectId: object.id,
    page: object.page,
    projectId: object.projectId,
    userId: c.me.id,
    at: c.now,
    changed,
  });
}
