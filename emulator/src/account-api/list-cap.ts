import { ApiError } from '../errors/api-error';

/** Worksection's record cap: lists longer than this are refused. */
export const LIST_CAP = 10_000;

/**
 * Inferred from our reference page (`worksection-api.md`, "some lists stop at 10,000 records"): no collection request,
 * official client file or FAQ page we have shows it. A request for more (an account with more than 10,000 tasks
 * asking for all of them) is answered with the error "Too many tasks (10000 max)", and no source gives a
 * `status_code` for it: 9, a code missing from the list the collection's answers show, is the emulator's guess.
 */
export function overCap(what: string): ApiError {
  return new ApiError(9, `Too many ${what} (${LIST_CAP} max)`, `Narrow the request: at most ${LIST_CAP} records are answered`);
}

/** `{"status":"ok","data":[…]}` for a list within the cap (only then are the records turned into views). */
export function cappedList<T>(records: T[], view: (record: T) => unknown, what = 'tasks'): { status: 'ok'; data: unknown[] } {
  if (records.length > LIST_CAP) throw overCap(what);
  return { status: 'ok', data: records.map(view) };
}
