import { fieldInvalid, fieldRequired } from '../api-refusals';
import { parseDayParam } from '../dates';
import type { UserRecord } from '../store/records';
import { memberView } from '../views';
import { ok, okData, type ActionContext, type ActionHandler } from './action';
import { memberByEmail, membersByEmails, requireTask } from './lookups';

const ROLES = new Set(['account admin', 'team admin', 'department admin', 'user', 'guest', 'reader']);
const WEEKDAYS = new Set(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

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

const getUsersSchedule: ActionHandler = (c) => {
  const wanted = c.p.raw('users') === undefined ? c.store.state.users : membersByEmails(c, 'users');
  const [start, end] = [c.p.day('datestart'), c.p.day('dateend')];
  return okData(
    wanted.map((u) => {
      const dates = Object.create(null) as Record<string, string>;
      for (const entry of c.store.state.schedule) {
        if (entry.userId !== u.id) continue;
        const isDay = /^\d{4}-/.test(entry.day);
        if (isDay && ((start !== undefined && entry.day < start) || (end !== undefined && entry.day > end))) continue;
        dates[entry.day] = entry.value;
      }
      return {
        id: u.id,
        email: u.email,
        name: `${u.firstName} ${u.lastName}`.trim(),
        group: c.store.state.userGroups.find((g) => g.id === u.groupId)?.title ?? '',
        department: u.department,
        dates,
      };
    }),
  );
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
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fieldInvalid(name, 'an object keyed by email expected');
  return value as Record<string, unknown>;
}

const updateUsersSchedule: ActionHandler = (c) => {
  const data = objectParam(c, 'data');
  const updates: Array<{ userId: string; day: string; value: string }> = [];
  // Object.entries reads own keys only; a `__proto__` key is then just an email that is not a member.
  for (const [email, days] of Object.entries(data)) {
    const user = c.store.userByEmail(email);
    if (!user) throw fieldInvalid('data', `${email.slice(0, 100)} is not a member`);
    if (typeof days !== 'object' || days === null || Array.isArray(days))
      throw fieldInvalid('data', `${email.slice(0, 100)}: an object of days expected`);
    for (const [key, value] of Object.entries(days as Record<string, unknown>)) {
      if (typeof value !== 'string' && typeof value !== 'number')
        throw fieldInvalid('data', `${key.slice(0, 40)}: a text or number expected`);
      // Days are DD.MM.YYYY; weekday keys (mon…sun) set the user's weekly hours, as the official clients' README shows.
      const day = WEEKDAYS.has(key) ? key : parseDayParam('data', key);
      updates.push({ userId: user.id, day, value: String(value).slice(0, 100) });
    }
  }
  for (const update of updates) {
    c.store.state.schedule = c.store.state.schedule.filter((e) => !(e.userId === update.userId && e.day === update.day));
    c.store.state.schedule.push(update);
  }
  return ok();
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
