import { API_ERROR } from './codes';
import { nameClass, WorksectionError } from './worksection-error';

/** What a refusal says beyond Worksection's words: the scope it lacked, or the record cap it hit. */
export interface ApiRefusalFacts {
  /** The scope the action needs, when Worksection refused it for a scope the token lacks. */
  scope?: string;
  /** Worksection's record cap, when it refused a list for being longer ("Too many tasks (10000 max)"). */
  limit?: number;
}

/**
 * The account API said no: its answer was `{"status":"error","status_code":N,"message":"…","message_details":"…"}`
 * (Worksection sends these with HTTP 200, and with HTTP 401 for a token it does not accept).
 * `message` is Worksection's own `message` (plus, for the two refusals below, what to do), `details` its
 * `message_details`, `statusCode` its `status_code`, `status` the HTTP status and `action` the action called.
 *
 * Two refusals say more. One for a scope the user did not grant sets `scope` (the scope to ask for at the next
 * sign-in: the one Worksection named, else the one `ACTION_SCOPES` lists for the action). One for a list over
 * Worksection's record cap sets `limit` (10000): narrow the query.
 *
 * @example
 * ```ts
 * try {
 *   await client.users.list();
 * } catch (err) {
 *   if (err instanceof WorksectionApiError && err.scope !== undefined) {
 *     // The user did not grant err.scope (users_read): ask for it at the next sign-in.
 *   }
 * }
 * ```
 */
export class WorksectionApiError extends WorksectionError {
  static {
    nameClass(this);
  }

  /** Worksection's `status_code`, e.g. 403; the HTTP status when the answer had none. */
  readonly statusCode: number;
  /** Worksection's `message_details`, e.g. the missing field or scope; `''` when it sent none. */
  readonly details: string;
  /** The action that was called, e.g. `get_projects`. */
  readonly action: string;
  /** The scope to ask for at sign-in, when Worksection refused the action for a scope the token lacks. */
  readonly scope?: string;
  /** Worksection's record cap (10000), when it refused a list for holding more records than that. */
  readonly limit?: number;

  constructor(action: string, statusCode: number, message: string, details: string, status: number, facts: ApiRefusalFacts = {}) {
    super(message, API_ERROR, status);
    this.action = action;
    this.statusCode = statusCode;
    this.details = details;
    if (facts.scope !== undefined) this.scope = facts.scope;
    if (facts.limit !== undefined) this.limit = facts.limit;
  }
}
