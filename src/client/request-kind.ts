import type { ActionName } from '../oauth/action-scopes';

/** Query strings longer than this go as a JSON body instead: Worksection fails GET URLs over about 8 kB. */
const MAX_QUERY_CHARS = 4000;

/**
 * @internal
 * Whether `call` sends `action`'s parameters as a JSON body (a POST) rather than in the query string. Writes do, as
 * Worksection's official clients send them; reads (`me`, `get_*`, `search_tasks`) stay GETs unless a parameter is a
 * list or an object, which a query string cannot carry, or the query would be too long for a URL.
 */
export function sendsJsonBody(action: ActionName, params: unknown): boolean {
  const read = action === 'me' || action === 'search_tasks' || action.startsWith('get_');
  if (!read) return true;
  if (typeof params !== 'object' || params === null) return false;
  let chars = 0;
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'object' && value !== null) return true;
    if (value !== undefined) chars += encodeURIComponent(name).length + encodeURIComponent(String(value)).length + 2;
  }
  return chars > MAX_QUERY_CHARS;
}
