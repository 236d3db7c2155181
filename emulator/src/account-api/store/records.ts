/*
 * The records of one emulated Worksection account, as plain JSON-safe data (ids are strings, times are epoch
 * milliseconds, days are `YYYY-MM-DD`), so that a whole account can be saved with JSON.stringify and restored.
 * Collections are arrays, never objects keyed by user input: a key such as `__proto__` can then do no harm.
 */

/** A member of the account (the directory's users plus those `add_user` invited). */
export interface UserRecord {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  title: string;
  phone: string;
  /** Further phones and addresses, as `me` answers them (collection: me / success); absent in older saved states. */
  phone2?: string;
  phone3?: string;
  phone4?: string;
  address?: string;
  address2?: string;
  /** Worksection's role names: `owner`, `account admin`, `team admin`, `department admin`, `user`, `guest`, `reader`. */
  role: string;
  department: string;
  /** Id of the user's team ({@link UserGroupRecord}), `''` for none. */
  groupId: string;
  /** Hourly rate, used by `add_costs` with `is_rate=1`. */
  rate: number;
}

/** A team of users (`get_user_groups`). */
export interface UserGroupRecord {
  id: string;
  title: string;
  /** `true` for a group of client users. */
  client: boolean;
}

/** One day of a user's schedule: `value` is what `update_users_schedule` set for that day (`vacation`, `sick-leave` or `workday`). */
export interface ScheduleDayRecord {
  userId: string;
  day: string;
  value: string;
}

/** An external contact (`get_contacts`). */
export interface ContactRecord {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  title: string;
  phone: string;
  phone2: string;
  phone3: string;
  /** Absent in states saved before the emulator kept it. */
  phone4?: string;
  address: string;
  address2: string;
  groupId: string;
  added: number;
}

/** A contact folder (`get_contact_groups`). */
export interface ContactGroupRecord {
  id: string;
  title: string;
}

/** A project folder (`get_project_groups`). */
export interface ProjectGroupRecord {
  id: string;
  title: string;
}

/** A project. `status` follows Worksection's filter values. */
export interface ProjectRecord {
  id: string;
  name: string;
  status: 'active' | 'pending' | 'archive';
  text: string;
  /** Author (`user_from`) and manager (`user_to`). */
  fromId: string;
  managerId: string;
  groupId: string;
  company: string;
  added: number;
  dateStart: string;
  dateEnd: string;
  closed: number | null;
  maxTime: string;
  maxMoney: string;
  memberIds: string[];
  tagIds: string[];
  /** `options.*` parameters of post_project / update_project, as sent. */
  options: Array<[string, string]>;
}

/** A task or subtask (`parentId` set). */
export interface TaskRecord {
  id: string;
  projectId: string;
  parentId: string;
  name: string;
  status: 'active' | 'done';
  priority: number;
  fromId: string;
  /** Assignee id, or Worksection's `ANY` / `NOONE`. */
  toId: string;
  text: string;
  added: number;
  dateStart: string;
  dateEnd: string;
  /** `HH:MM` of the start and the deadline (`time_start` / `time_end`); absent in older saved states. */
  timeStart?: string;
  timeEnd?: string;
  closed: number | null;
  maxTime: string;
  maxMoney: string;
  /** Links to other tasks (`extra=relations`): `type` as Worksection names it, e.g. `finish-start`. */
  relations?: Array<{ type: string; taskId: string }>;
  hidden: boolean;
  todo: string[];
  tagIds: string[];
  subscriberIds: string[];
  fileIds: string[];
}

/** A comment on a task. */
export interface CommentRecord {
  id: string;
  taskId: string;
  text: string;
  fromId: string;
  added: number;
  hidden: boolean;
  fileIds: string[];
}

/** Which kind of object a tag or tag group belongs to. */
export type TagScope = 'task' | 'project';

/** A tag group: statuses (one per object) or labels (any number). */
export interface TagGroupRecord {
  id: string;
  scope: TagScope;
  title: string;
  type: 'status' | 'label';
  access: 'public' | 'private';
}

/** A status or label. */
export interface TagRecord {
  id: string;
  scope: TagScope;
  groupId: string;
  title: string;
  color: string;
}

/** A time and/or money cost line. */
export interface CostRecord {
  id: string;
  taskId: string;
  userId: string;
  comment: string;
  minutes: number;
  money: number;
  day: string;
  isTimer: boolean;
  added: number;
}

/** A running timer: at most one per user. */
export interface TimerRecord {
  id: string;
  taskId: string;
  userId: string;
  started: number;
}

/** An uploaded file; `attached` is false until a task or comment takes it. */
export interface FileRecord {
  id: string;
  name: string;
  contentType: string;
  /** The bytes, base64: plain data that survives JSON. */
  base64: string;
  size: number;
  userId: string;
  added: number;
  taskId: string;
  commentId: string;
  /** The project whose description took it (`post_project` with `attach[n]`); its tasks' files have `taskId`. */
  projectId?: string;
  attached: boolean;
}

/** An account webhook. */
export interface WebhookRecord {
  id: string;
  url: string;
  events: string[];
  projectIds: string[];
  httpUser: string;
  httpPass: string;
  /** `get_webhooks` shows `active` and `paused` (Client API collection); a hook is paused at its 10th error. */
  status: 'active' | 'paused';
  /** Failed deliveries so far (Worksection shows a hook "working, but has failed attempts"; 10 disable it). */
  failures?: number;
}

/** A custom field definition. */
export interface CustomFieldRecord {
  id: string;
  scope: TagScope;
  type: string;
  name: string;
  descr: string;
  options: string[];
}

/** One entry of the log `get_events` reads. */
export interface EventRecord {
  action: 'post' | 'update' | 'delete' | 'close' | 'reopen';
  objectType: 'task' | 'comment' | 'project';
  objectId: string;
  page: string;
  projectId: string;
  userId: string;
  at: number;
  changed: Array<[string, string, string]>;
}

/** Everything one account holds. */
export interface AccountState {
  /** Next id handed out: ids are shared across kinds, as Worksection's are unique per kind anyway. */
  nextId: number;
  users: UserRecord[];
  userGroups: UserGroupRecord[];
  schedule: ScheduleDayRecord[];
  contacts: ContactRecord[];
  contactGroups: ContactGroupRecord[];
  projectGroups: ProjectGroupRecord[];
  projects: ProjectRecord[];
  tasks: TaskRecord[];
  comments: CommentRecord[];
  tagGroups: TagGroupRecord[];
  tags: TagRecord[];
  costs: CostRecord[];
  timers: TimerRecord[];
  files: FileRecord[];
  webhooks: WebhookRecord[];
  customFields: CustomFieldRecord[];
  events: EventRecord[];
}
