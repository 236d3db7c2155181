import { WorksectionApiError } from '../errors/api-error';
import { ACTION_SCOPES, isActionName } from '../oauth/action-scopes';
import { SCOPES } from '../oauth/scopes';

/**
 * Worksection's words for a list over its record cap, "Too many tasks (10000 max)". Its docs say some lists stop at
 * 10,000 records with these words, not whether the list is then refused or cut short: a refusal is read here, and a
 * list of 10,000 or more is flagged by the list helpers (`capped`).
 */
const OVER_CAP = /\btoo many [\w ]{1,40}\((\d{1,9}) max\)/i;

/** A refusal for a scope the token lacks. Worksection does not document its words: these are the usual ones. */
const SCOPE_REFUSAL = /\bscopes?\b|not granted|insufficient[ _]scope/i;

const SCOPE_NAME = new RegExp(`\\b(${SCOPES.join('|')})\\b`);

/**
 * @internal
 * The error for an account-API `{"status":"error"}` answer: Worksection's words, plus what to do for the two refusals
 * a caller can act on. A refusal for a missing scope names the scope to ask for at sign-in: the one Worksection named,
 * else the one {@link ACTION_SCOPES} lists (said to be our guess when the table's row is inferred). A refusal for a
 * list over the record cap carries the cap as `limit`.
 */
export function apiRefusal(action: string, statusCode: number, message: string, details: string, status: number): WorksectionApiError {
  const cap = OVER_CAP.exec(message) ?? OVER_CAP.exec(details);
  if (cap) {
    const limit = Number(cap[1]);
    const advice = `Worksection answers at most ${limit} records: narrow the query (one project, a filter, a date range).`;
    return new WorksectionApiError(action, statusCode, followedBy(message, advice), details, status, { limit });
  }
  if (SCOPE_REFUSAL.test(message) || SCOPE_REFUSAL.test(details) || (statusCode === 403 && SCOPE_NAME.test(details))) {
    const named = SCOPE_NAME.exec(details)?.[1] ?? SCOPE_NAME.exec(message)?.[1];
    const row = isActionName(action) ? ACTION_SCOPES[action] : undefined;
    const scope = named ?? row?.scope ?? undefined;
    if (scope !== undefined) {
      const guess =
        named === undefined && row?.source === 'inferred' ? ' (our guess: Worksection does not document the scope of this action)' : '';
      const advice = `Ask for the ${scope} scope at sign-in${guess}.`;
      return new WorksectionApiError(action, statusCode, followedBy(message, advice), details, status, { scope });
    }
  }
  return new WorksectionApiError(action, statusCode, message, details, status);
}

/** Worksection's words, ended as a sentence, then ours. */
function followedBy(message: string, advice: string): string {
  return `${message}${/[.!?]$/.test(message) ? '' : '.'} ${advice}`;
}
