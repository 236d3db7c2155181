import type { WorksectionUser } from '../api-types';
import type { WorksectionList } from '../list-cap';
import type { CallOptions } from '../options';
import type { ActionCaller } from './action-map';
import { asList, asOne } from './shape';
import type { WorksectionDate, WorksectionId, WorksectionOk } from './values';

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

/** Parameters of `get_users_schedule`. */
export interface GetUsersScheduleParams {
  /** Members by email; all of them when left out. */
  users?: string[];
  datestart?: WorksectionDate;
  dateend?: WorksectionDate;
}

/** A member's non-working days (`get_users_schedule`). */
export interface WorksectionSchedule {
  id: WorksectionId;
  email: string;
  name: string;
  group?: string;
  department?: string;
  /** Per date (`YYYY-MM-DD`), what the day is (e.g. a day off). */
  dates: Record<string, string>;
  [field: string]: unknown;
}

/** Parameters of `update_users_schedule`: per member email, per date, the day's value. */
export interface UpdateUsersScheduleParams {
  data: Record<string, Record<string, string | number>>;
}

/** The Users actions (`subscribe`/`unsubscribe` are with the tasks). */
export interface UserActions {
  get_users: { params: GetUsersParams; result: WorksectionUser[] };
  add_user: { params: AddUserParams; result: WorksectionUser };
  get_user_groups: { params: Record<string, never>; result: WorksectionUserGroup[] };
  add_user_group: { params: AddUserGroupParams; result: WorksectionUserGroup };
  get_users_schedule: { params: GetUsersScheduleParams; result: WorksectionSchedule[] };
  update_users_schedule: { params: UpdateUsersScheduleParams; result: WorksectionOk };
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

  /** Members' non-working days (`get_users_schedule`; `users_read`). */
  async schedule(params: GetUsersScheduleParams = {}, options?: CallOptions): Promise<WorksectionList<WorksectionSchedule>> {
    return asList('get_users_schedule', await this.client.call('get_users_schedule', params, options));
  }

  /** Sets members' non-working days (`update_users_schedule`; `users_write`). */
  async updateSchedule(params: UpdateUsersScheduleParams, options?: CallOptions): Promise<void> {
    await this.client.call('update_users_schedule', params, options);
  }
}
