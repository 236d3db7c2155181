import { INVALID_RESPONSE } from '../../errors/codes';
import { WorksectionResponseError } from '../../errors/response-error';
import { isRecord } from '../../shared/is-record';
import { markCap, type WorksectionList } from '../list-cap';

/** @internal A list answer as a {@link WorksectionList}; anything else is a response error naming the action. */
export function asList<T>(action: string, data: T[]): WorksectionList<T> {
  // Typed as the action's answer, checked as what came over the wire.
  const answer: unknown = data;
  if (!Array.isArray(answer)) throw notShaped(action, 'a list');
  return markCap(data);
}

/**
 * @internal
 * A one-record answer: an object, or a one-element list (Worksection's docs show some records wrapped in an array,
 * and its official clients take the first element when they get one).
 */
export function asOne<T extends object>(action: string, data: T | T[]): T {
  const one: unknown = Array.isArray(data) && data.length === 1 ? data[0] : data;
  if (!isRecord(one)) throw notShaped(action, 'an object');
  return one as T;
}

/** @internal The answer of a write that creates a record and answers `{"status":"ok","id":…}`: the id, as a string. */
export function asId(action: string, data: { id: unknown }): string {
  const answer: unknown = data;
  const id = isRecord(answer) ? answer.id : undefined;
  if (typeof id !== 'string' && typeof id !== 'number') throw notShaped(action, 'an object with an id');
  return String(id);
}

/** @internal The error for an answer whose `data` is not what the action returns. */
export function notShaped(action: string, expected: string): WorksectionResponseError {
  return new WorksectionResponseError(
    `Worksection's account API answered "${action}" with data that is not ${expected}. Check the accountUrl option.`,
    INVALID_RESPONSE,
  );
}
