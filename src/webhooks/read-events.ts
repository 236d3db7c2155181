import { isRecord } from '../shared/is-record';
import { parseJson } from '../shared/safe-json';
import type { WebhookUser } from './webhook-event';

/** An item of a delivery that is an event: its fields read, the item kept. */
export interface EventItem {
  action: string;
  objectType: string;
  objectId: string;
  page: string | undefined;
  dateAdded: string | undefined;
  userFrom: WebhookUser | undefined;
  new: Record<string, unknown> | undefined;
  old: Record<string, unknown> | undefined;
  raw: Record<string, unknown>;
}

/** What a body holds: its events, and how many items were not events (with the first one's fault). */
export interface ReadEvents {
  items: EventItem[];
  unreadable: number;
  firstFault: string | undefined;
}

// Actions and object types are short words; anything longer is not one (and must not be echoed at length).
const WORD = /^[a-z][a-z_]{0,39}$/;
const ID = /^[A-Za-z0-9_-]{1,40}$/;

/**
 * The events of a delivery's body: a JSON array of items shaped like `get_events` entries (or one such item on its
 * own, which the public receiver also accepts). An empty body or an empty array holds none: that is Worksection's
 * URL check. Throws a SyntaxError or RangeError for text that is not JSON (or is nested too deep to copy).
 */
export function readEvents(text: string): ReadEvents {
  const result: ReadEvents = { items: [], unreadable: 0, firstFault: undefined };
  if (text.trim() === '') return result;
  const parsed = parseJson(text);
  const list = Array.isArray(parsed) ? (parsed as unknown[]) : [parsed];
  for (const [index, value] of list.entries()) {
    const item = readItem(value);
    if (typeof item === 'string') {
      result.unreadable++;
      result.firstFault ??= `item ${index}: ${item}`;
    } else result.items.push(item);
  }
  return result;
}

function readItem(value: unknown): EventItem | string {
  if (!isRecord(value)) return 'not an object';
  const { action, object } = value;
  if (typeof action !== 'string' || !WORD.test(action)) return 'no action word';
  if (!isRecord(object)) return 'no object';
  const { type, id, page } = object;
  if (typeof type !== 'string' || !WORD.test(type)) return 'no object type';
  const objectId = typeof id === 'number' && Number.isSafeInteger(id) ? String(id) : id;
  if (typeof objectId !== 'string' || !ID.test(objectId)) return 'no object id';
  return {
    action,
    objectType: type,
    objectId,
    page: typeof page === 'string' ? page : undefined,
    dateAdded: typeof value.date_added === 'string' ? value.date_added : undefined,
    userFrom: isRecord(value.user_from) ? value.user_from : undefined,
    new: isRecord(value.new) ? value.new : undefined,
    old: isRecord(value.old) ? value.old : undefined,
    raw: value,
  };
}
