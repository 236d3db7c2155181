import { emailInvalid, fieldInvalid, fieldRequired } from '../api-refusals';
import { parseDayParam } from '../dates';
import type { UserRecord } from '../store/records';
import { memberView } from '../views';
import { ok, okData, type ActionContext, type ActionHandler } from './action';
import { memberByEmail, requireTask } from './lookups';

const ROLES = new Set(['account admin', 'team admin', 'department admin', 'user', 'guest', 'reader']);
/** The values `update_users_schedule` takes (https://worksection.com/en/faq/api/api-user/1926.html). */
const SCHEDULE_VALUES = new Set(['vacation', 'sick-leave', 'workday', 'unset']);

const getUsers: ActionHandler = (c) => okData(c.store.state.users.map((u) => memberView(c, u)));

const addUser: ActionHandler = (c) => {
  const email = c.p.email('email');
  if (email === undefined) throw fieldRequired('email');
  // Inviting someone who is already a member answers that member (the emulator's reading).
  const existing = c.store.userByEmail(email);
  if (existing) return okData(memberView(c, existing));
  const role = c.p.text('role') ?? 'user';
  if (!ROLES.has(role)) throw fieldInvalid('role', [...ROLES].join(', ') + ' expected');
  const groupName = c.p.text('group');
  let group = groupName === undefined ? undefined : c.store.state.userGroups.find((g) => g.id === groupName || g.title === groupName);
  if (groupName !== undefined && !group) {
    group = { id: c.store.newId(), title: groupName.slice(0, 200), client: false };
    c.store.state.userGroups.push(group);
  }
  const user: UserRecord = {
    id: c.store.newId(),
    email,
    firstName: c.p.text('first_name')?.slice(0, 100) ?? '',
    lastName: c.p.text('last_name')?.slice(0, 100) ?? '',
    title: c.p.text('title')?.slice(0, 200) ?? '',
    phone: '',
    role,
    department: c.p.text('department')?.slice(0, 200) ?? '',
    groupId: group?.id ?? '',
    rate: 0,
  };
  c.store.state.users.push(user);
  return okData(memberView(c, user));
};

// `client` is 0 or 1, and no member list (collection: get_user_groups / success).
const groupView = (g: { id: string; title: string; client: boolean }) => ({
  id: g.id,
  title: g.title,
  type: g.client ? 'client' : 'company',
  client: g.client ? 1 : 0,
});

const getUserGroups: ActionHandler = (c) => okData(c.store.state.userGroups.map(groupView));

const addUserGroup: ActionHandler = (c) => {
  const title = c.p.required('title').slice(0, 200);
  const group = c.store.state.userGroups.find((g) => g.title === title) ?? { id: c.store.newId(), title, client: c.p.flag('client') };
  if (!c.store.state.userGroups.includes(group)) c.store.state.userGroups.push(group);
  return okData(groupView(group));
};

/** A member by email or by id: the schedule actions take either (FAQ 1923 `users`, FAQ 1926 `data` keys). */
function memberByEmailOrId(c: ActionContext, key: string): UserRecord | undefined {
  return /^\d{1,18}$/.test(key) ? c.store.user(key) : c.store.userByEmail(key);
}

/*
 * `get_users_schedule` answers an object keyed by user id, each member with `schedule` mapping `YYYY-MM-DD` days
 * to `vacation`, `sick-leave` or `workday`; `users` is a comma list of emails or ids, `datestart`/`dateend` bound it
 * inclusively (documented: https://worksection.com/en/faq/api/api-user/1923.html). A member who is not one of the
 * account's is refused as `subscribe` refuses one (code 11, inferred).
 */
const getUsersSchedule: ActionHandler = (c) => {
  const wanted =
    c.p.raw('users') === undefined
      ? c.store.state.users
      : c.p.list('users').map((key) => {
          const user = memberByEmailOrId(c, key);
          if (!user) throw emailInvalid(key.slice(0, 100));
          return user;
        });
  const [start, end] = [c.p.day('datestart'), c.p.day('dateend')];
  const data = Object.create(null) as Record<string, unknown>;
  for (const u of wanted) {
    const schedule = Object.create(null) as Record<string, string>;
    for (const entry of c.store.state.schedule) {
      if (entry.userId !== u.id) continue;
      if ((start !== undefined && entry.day < start) || (end !== undefined && entry.day > end)) continue;
      schedule[entry.day] = entry.value;
    }
    data[u.id] = {
      id: u.id,
      email: u.email,
      name: `${u.firstName} ${u.lastName}`.trim(),
      group: c.store.state.userGroups.find((g) => g.id === u.groupId)?.title ?? '',
      department: u.department,
      schedule,
    };
  }
  return okData(data);
};

function objectParam(c: ActionContext, name: string): Record<string, unknown> {
  let value = c.p.raw(name);
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      throw fieldInvalid(name, 'a JSON object expected');
    }
  }
  if (value === undefined || value === '') throw fieldRequired(name);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw fieldInvalid(name, 'an object keyed by email or id expected');
  return value as Record<string, unknown>;
}

/** A day of `update_users_schedule`'s `data`: `DD.MM.YYYY` or `YYYY-MM-DD` (FAQ 1926), as the stored `YYYY-MM-DD`. */
function scheduleDay(key: string): string {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  return parseDayParam('data', iso ? `${iso[3] ?? ''}.${iso[2] ?? ''}.${iso[1] ?? ''}` : key);
}

/*
 * `update_users_schedule` takes `data` keyed by member email or id, each an object of days (`DD.MM.YYYY` or
 * `YYYY-MM-DD`) to `vacation`, `sick-leave`, `workday`, or `unset` (which removes the day); a value overwrites the
 * day's. It answers `{"status":"ok","data":[],"message":"Days added: 2, days updated: 1"}` (documented:
 * https://worksection.com/en/faq/api/api-user/1926.html). Inferred: any other key or value refuses the whole call,
 * changing nothing, as the emulator's other bad values do (code 10 "Field is required", details `data`); removing
 * a day counts as an update, and unsetting a day that was not set counts as nothing.
 */
const updateUsersSchedule: ActionHandler = (c) => {
  const data = objectParam(c, 'data');
  const updates: Array<{ userId: string; day: string; value: string }> = [];
  // Object.entries reads own keys only; a `__proto__` key is then just a key that names no member.
  for (const [key, days] of Object.entries(data)) {
    const user = memberByEmailOrId(c, key.trim());
    if (!user) throw fieldInvalid('data', `${key.slice(0, 100)} is not a member's email or id`);
    if (typeof days !== 'object' || days === null || Array.isArray(days))
      throw fieldInvalid('data', `${key.slice(0, 100)}: an object of days expected`);
    for (const [dayKey, value] of Object.entries(days as Record<string, unknown>)) {
      if (typeof value !== 'string' || !SCHEDULE_VALUES.has(value))
        throw fieldInvalid('data', `${dayKey.slice(0, 40)}: ${[...SCHEDULE_VALUES].join(', ')} expected`);
      updates.push({ userId: user.id, day: scheduleDay(dayKey), value });
    }
  }
  let [added, updated] = [0, 0];
  for (const update of updates) {
    const kept = c.store.state.schedule.filter((e) => !(e.userId === update.userId && e.day === update.day));
    const existed = kept.length !== c.store.state.schedule.length;
    if (update.value === 'unset') {
      if (existed) updated++;
    } else {
      if (existed) updated++;
      else added++;
      kept.push(update);
    }
    c.store.state.schedule = kept;
  }
  return { status: 'ok', data: [], message: `Days added: ${String(added)}, days updated: ${String(updated)}` };
};

const subscribe: ActionHandler = (c) => {
  const task = requireTask(c);
  const user = memberByEmail(c, 'email_user');
  if (!user) throw fieldRequired('email_user');
  if (!task.subscriberIds.includes(user.id)) task.subscriberIds.push(user.id);
  return ok();
};

const unsubscribe: ActionHandler = (c) => {
  const task = requireTask(c);
  const user = memberByEmail(c, 'email_user');
  if (!user) throw fieldRequired('email_user');
  task.subscriberIds = task.subscriberIds.filter((id) => id !== user.id);
  return ok();
};

/** The member actions. */
export const USER_ACTIONS = {
  get_users: getUsers,
  add_user: addUser,
  get_user_groups: getUserGroups,
  add_user_group: addUserGroup,
  get_users_schedule: getUsersSchedule,
  update_users_schedule: updateUsersSchedule,
  subscribe,
  unsubscribe,
} satisfies Record<string, ActionHandler>;
