import type { WorksectionUser } from '../api-types';
import type { WorksectionList } from '../list-cap';
import type { CallOptions } from '../options';
import type { ActionCaller } from './action-map';
import { isRecord } from '../../shared/is-record';
import { asList, asOne, notShaped } from './shape';
import type { WorksectionDate, WorksectionId } from './values';

/** Parameters of `get_users`: none. */
export type GetUsersParams = Record<string, never>;

/** Parameters of `add_user`: invites a member to the account. */
export interface AddUserParams {
  email: string;
  first_name?: string;
  last_name?: string;
  title?: string;
  /** The team, by name. */
  group?: string;
  department?: string;
  /** e.g. `user`, `guest`, `reader`. */
  role?: string;
}

/** A team of the account (`get_user_groups`). */
export interface WorksectionUserGroup {
  id: WorksectionId;
  title: string;
  /** e.g. `company`, `department`. */
  type?: string;
  /** Whether it is a contacts' (client) team. */
  client?: boolean | number;
  users?: WorksectionUser[];
  [field: string]: unknown;
}

/** Parameters of `add_user_group`. */
export interface AddUserGroupParams {
  title: string;
  /** `1` for a team of contacts (clients). */
  client?: 0 | 1;
}

/** Parameters of `get_users_schedule` (https://worksection.com/en/faq/api/api-user/1923.html). */
export interface GetUsersScheduleParams {
  /** Members by email or by id; all of them when left out. */
  users?: string[];
  /** The first day to read (`DD.MM.YYYY`, inclusive). */
  datestart?: WorksectionDate;
  /** The last day to read (`DD.MM.YYYY`, inclusive). */
  dateend?: WorksectionDate;
}

/** What a day of a member's schedule is (https://worksection.com/en/faq/api/api-user/1923.html). */
export type WorksectionScheduleDay = 'vacation' | 'sick-leave' | 'workday';

/** A member's schedule (`get_users_schedule`, https://worksection.com/en/faq/api/api-user/1923.html). */
export interface WorksectionSchedule {
  id: WorksectionId;
  email: string;
  name: string;
  group?: string;
  department?: string;
  /** Per day (`YYYY-MM-DD`), what the day is; days without an entry are not listed. */
  schedule: Record<string, WorksectionScheduleDay>;
  [field: string]: unknown;
}

/** `get_users_schedule`'s `data`: per user id, the member's schedule (https://worksection.com/en/faq/api/api-user/1923.html). */
export type WorksectionUsersSchedule = Record<WorksectionId, WorksectionSchedule>;

/**
 * Parameters of `update_users_schedule` (https://worksection.com/en/faq/api/api-user/1926.html): per member (email
 * or user id), per day (`DD.MM.YYYY` or `YYYY-MM-DD`), the day's new value; `unset` removes the day. A value
 * overwrites the day's.
 */
export interface UpdateUsersScheduleParams {
  data: Record<string, Record<string, WorksectionScheduleDay | 'unset'>>;
}

/**
 * What `update_users_schedule` answers besides `status`: `data` (an empty list) and `message`, e.g. `"Days added:
 * 2, days updated: 1"` (https://worksection.com/en/faq/api/api-user/1926.html).
 */
export interface UpdateUsersScheduleAnswer {
  data?: unknown;
  message?: string;
  [field: string]: unknown;
}

/** What `users.updateSchedule()` resolves to: Worksection's message and, when it says them, its counts. */
export interface WorksectionScheduleUpdate {
  /** Worksection's words, e.g. `"Days added: 2, days updated: 1"` (`''` when it sends none). */
  message: string;
  /** Days that had no value before; `undefined` when the message does not say. */
  added: number | undefined;
  /** Days whose value changed or was removed; `undefined` when the message does not say. */
  updated: number | undefined;
}

/** The Users actions (`subscribe`/`unsubscribe` are with the tasks). */
export interface UserActions {
  get_users: { params: GetUsersParams; result: WorksectionUser[] };
  add_user: { params: AddUserParams; result: WorksectionUser };
  get_user_groups: { params: Record<string, never>; result: WorksectionUserGroup[] };
  add_user_group: { params: AddUserGroupParams; result: WorksectionUserGroup };
  /** An empty answer may come as `[]` (inferred: Worksection's PHP encodes an empty map as a list, as it does `data` in FAQ 1926). */
  get_users_schedule: { params: GetUsersScheduleParams; result: WorksectionUsersSchedule | [] };
  update_users_schedule: { params: UpdateUsersScheduleParams; result: UpdateUsersScheduleAnswer };
}

/** The account's members and teams: `client.users`. */
export class UsersApi {
  /** @internal */
  constructor(private readonly client: ActionCaller<UserActions>) {}

  /** The account's members (`get_users`; `users_read`). */
  async list(options?: CallOptions): Promise<WorksectionList<WorksectionUser>> {
    return asList('get_users', await this.client.call('get_users', {}, options));
  }

  /** Invites a member (`add_user`; `users_write`). */
  async add(params: AddUserParams, options?: CallOptions): Promise<WorksectionUser> {
    return asOne('add_user', await this.client.call('add_user', params, options));
  }

  /** The account's teams (`get_user_groups`; `users_read`). */
  async groups(options?: CallOptions): Promise<WorksectionList<WorksectionUserGroup>> {
    return asList('get_user_groups', await this.client.call('get_user_groups', {}, options));
  }

  /** Creates a team (`add_user_group`; `users_write`). */
  async addGroup(params: AddUserGroupParams, options?: CallOptions): Promise<WorksectionUserGroup> {
    return asOne('add_user_group', await this.client.call('add_user_group', params, options));
  }

  /**
   * Members' schedules (`get_users_schedule`; `users_read`), as Worksection answers them: an object keyed by user id,
   * each member with `schedule` (`YYYY-MM-DD` → `vacation` | `sick-leave` | `workday`), documented at
   * https://worksection.com/en/faq/api/api-user/1923.html. An empty answer sent as `[]` resolves to `{}`.
   */
  async schedule(params: GetUsersScheduleParams = {}, options?: CallOptions): Promise<WorksectionUsersSchedule> {
    const data: unknown = await this.client.call('get_users_schedule', params, options);
    if (Array.isArray(data) && data.length === 0) return Object.create(null) as WorksectionUsersSchedule;
    if (!isRecord(data)) throw notShaped('get_users_schedule', 'an object keyed by user id');
    return data as WorksectionUsersSchedule;
  }

  /**
   * Sets, overwrites or (with `unset`) removes members' days (`update_users_schedule`; `users_write`), documented at
   * https://worksection.com/en/faq/api/api-user/1926.html. Resolves to Worksection's message, with the counts it
   * names ("Days added: 2, days updated: 1").
   */
  async updateSchedule(params: UpdateUsersScheduleParams, options?: CallOptions): Promise<WorksectionScheduleUpdate> {
    const answer: unknown = await this.client.call('update_users_schedule', params, options);
    const message = isRecord(answer) && typeof answer.message === 'string' ? answer.message : '';
    return { message, added: countIn(message, 'added'), updated: countIn(message, 'updated') };
  }
}

/** The counts in `update_users_schedule`'s message, in FAQ 1926's wording ("Days added: 2, days updated: 1"). */
const COUNTS = { added: /\bdays added:\s*(\d{1,9})\b/i, updated: /\bdays updated:\s*(\d{1,9})\b/i } as const;

/** The number Worksection's message gives for `what`; `undefined` when it does not say. */
function countIn(message: string, what: keyof typeof COUNTS): number | undefined {
  const digits = COUNTS[what].exec(message)?.[1];
  return digits === undefined ? undefined : Number(digits);
}
