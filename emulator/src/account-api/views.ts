import { dateTimeOf, formatMinutes, formatMoney } from './dates';
import type { AccountStore } from './store/account-store';
import type {
  CommentRecord,
  CostRecord,
  FileRecord,
  ProjectRecord,
  TagGroupRecord,
  TagRecord,
  TaskRecord,
  TimerRecord,
  UserRecord,
} from './store/records';

/** What every view needs: the account's store and its `account_url`. */
export interface ViewContext {
  store: AccountStore;
  accountUrl: string;
}

/** `{id, email, name}`: a user as Worksection nests one in projects, tasks, comments and costs. */
export function userRef(user: UserRecord | undefined): { id: string; email: string; name: string } | null {
  return user ? { id: user.id, email: user.email, name: `${user.firstName} ${user.lastName}`.trim() } : null;
}

/** The profile fields every user answer has. */
function profileBase(v: ViewContext, user: UserRecord) {
  return {
    id: user.id,
    first_name: user.firstName,
    last_name: user.lastName,
    name: `${user.firstName} ${user.lastName}`.trim(),
    title: user.title,
    avatar: `${v.accountUrl}/images/avatar/${encodeURIComponent(user.id)}.png`,
    group: v.store.state.userGroups.find((g) => g.id === user.groupId)?.title ?? '',
    department: user.department,
    role: user.role,
    email: user.email,
  };
}

const CONTACT_FIELDS = ['phone', 'phone2', 'phone3', 'phone4', 'address', 'address2'] as const;

/** `me`: the profile with every phone and address, empty ones included, and no rate (collection: me / success). */
export function profileView(v: ViewContext, user: UserRecord) {
  const out: Record<string, unknown> = profileBase(v, user);
  for (const field of CONTACT_FIELDS) out[field] = user[field] ?? '';
  return out;
}

/**
 * A member as `get_users` and `add_user` answer it: the profile with the hourly `rate` (a number), phones and
 * addresses only when set (collection: get_users / success, add_user / success).
 */
export function memberView(v: ViewContext, user: UserRecord) {
  const out: Record<string, unknown> = { ...profileBase(v, user), rate: user.rate };
  for (const field of CONTACT_FIELDS) if (user[field]) out[field] = user[field];
  return out;
}

/** Tags as Worksection lists them on a task or project: `{id: title}`. */
export function tagMap(v: ViewContext, tagIds: string[]): Record<string, string> {
  // A null-prototype object: tag ids are our own numbers, but a map keyed by data should never inherit keys.
  const out = Object.create(null) as Record<string, string>;
  for (const id of tagIds) {
    const tag = v.store.state.tags.find((t) => t.id === id);
    if (tag) out[id] = tag.title;
  }
  return out;
}

/** The 14 options live answers with `extra=options`, each 0 or 1 (collection: get_projects / success). */
export const PROJECT_OPTIONS = [
  'allow_close',
  'allow_give',
  'allow_term',
  'allow_limit',
  'require_term',
  'require_tag',
  'require_limit',
  'require_hidden',
  'deny_comments_edit',
  'deny_task_edit',
  'deny_task_delete',
  'time_require',
  'time_today',
  'timer_only',
] as const;

/** An estimate kept as text (`"352"`, `"12.5"`) as the number live answers (collection: get_project / success). */
const estimate = (value: string) => Number(value);

const projectRef = (project: ProjectRecord | undefined) =>
  project ? { id: project.id, name: project.name, page: `/project/${project.id}/` } : null;

/** A project as `get_projects` / `get_project` answer it; `extra` adds text, options and users. */
export function projectView(v: ViewContext, project: ProjectRecord, extra: ReadonlySet<string>) {
  return {
    id: project.id,
    name: project.name,
    page: `/project/${project.id}/`,
    status: project.status,
    company: project.company,
    user_from: userRef(v.store.user(project.fromId)),
    user_to: userRef(v.store.user(project.managerId)),
    ...((extra.has('text') || extra.has('html')) && { text: project.text }),
    date_added: dateTimeOf(project.added),
    ...(project.dateStart && { date_start: project.dateStart }),
    ...(project.dateEnd && { date_end: project.dateEnd }),
    ...(project.closed !== null && { date_closed: dateTimeOf(project.closed) }),
    ...(project.maxTime && { max_time: estimate(project.maxTime) }),
    ...(project.maxMoney && { max_money: estimate(project.maxMoney) }),
    ...(project.tagIds.length > 0 && { tags: tagMap(v, project.tagIds) }),
    ...(extra.has('options') && { options: optionsView(project) }),
    ...(extra.has('users') && { users: project.memberIds.map((id) => userRef(v.store.user(id))).filter((u) => u !== null) }),
  };
}

function optionsView(project: ProjectRecord): Record<string, number> {
  const set = new Map(project.options);
  return Object.fromEntries(PROJECT_OPTIONS.map((name) => [name, set.get(name) === '1' ? 1 : 0]));
}

/** A file as `extra=files` lists it on a task or comment: the size a string (collection: get_task / success). */
export function fileRefView(file: FileRecord) {
  return { id: file.id, page: `/download/${file.id}/`, name: file.name, size: String(file.size) };
}

/** A file as `get_files` lists it, with its date and uploader (collection: get_files / success). */
export function fileView(v: ViewContext, file: FileRecord) {
  return { ...fileRefView(file), date_added: dateTimeOf(file.added), user_from: userRef(v.store.user(file.userId)) };
}

/** A comment as `get_comments` answers it; `extra=files` adds its files. */
export function commentView(v: ViewContext, comment: CommentRecord, extra: ReadonlySet<string>) {
  const task = v.store.task(comment.taskId);
  return {
    id: comment.id,
    page: task ? `/project/${task.projectId}/${task.id}/#com${comment.id}` : '',
    text: comment.text,
    date_added: dateTimeOf(comment.added),
    user_from: userRef(v.store.user(comment.fromId)),
    ...(extra.has('files') && { files: filesOf(v, comment.fileIds) }),
  };
}

function filesOf(v: ViewContext, ids: string[]) {
  return v.store.state.files.filter((f) => ids.includes(f.id)).map(fileRefView);
}

const assignee = (v: ViewContext, toId: string) =>
  // Worksection's two pseudo-assignees: "anyone may take it" and "nobody yet".
  toId === 'ANY' || toId === 'NOONE' ? { id: toId, email: toId, name: toId === 'ANY' ? 'Anyone' : 'Nobody' } : userRef(v.store.user(toId));

const taskPage = (task: TaskRecord) => `/project/${task.projectId}/${task.parentId ? `${task.parentId}/` : ''}${task.id}/`;

/** A task as live nests it in a parent, a relation or `get_task`'s subtasks: five fields (collection: post_task / success). */
export function taskRef(task: TaskRecord) {
  return { id: task.id, name: task.name, page: taskPage(task), status: task.status, priority: String(task.priority) };
}

// Live lists subtasks in full in get_tasks / get_all_tasks (without files, comments or relations), but as bare
// references in get_task (collection: get_tasks / success, get_task / success).
const CHILD_EXTRA_DROPPED = new Set(['files', 'comments', 'relations']);

function childrenOf(v: ViewContext, task: TaskRecord, extra: ReadonlySet<string>, depth: number, compact: boolean): unknown[] {
  const childExtra = new Set([...extra].filter((name) => !CHILD_EXTRA_DROPPED.has(name)));
  if (extra.has('comments')) childExtra.add('has_comments');
  return v.store.children(task.id).map((child) => {
    if (!compact) return listedChild(taskView(v, child, childExtra, depth + 1));
    const grandChildren = depth < 1 ? childrenOf(v, child, extra, depth + 1, true) : [];
    return { ...taskRef(child), ...(grandChildren.length > 0 && { child: grandChildren }) };
  });
}

// A listed subtask has no parent, dates or estimates (collection: get_all_tasks / success).
const CHILD_KEYS_DROPPED = ['parent', 'date_start', 'date_end', 'time_start', 'time_end', 'max_time', 'max_money'];
const listedChild = (view: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(view).filter(([key]) => !CHILD_KEYS_DROPPED.includes(key)));

function relationsOf(v: ViewContext, task: TaskRecord) {
  const view = (type: string, other: TaskRecord | undefined) => (other ? [{ type, task: taskRef(other) }] : []);
  return {
    from: (task.relations ?? []).flatMap((r) => view(r.type, v.store.task(r.taskId))),
    to: v.store.state.tasks.flatMap((other) =>
      (other.relations ?? []).filter((r) => r.taskId === task.id).flatMap((r) => view(r.type, other)),
    ),
  };
}

/**
 * A task as the task actions answer it. `extra`: text/html, files, comments (the last five, with `has_comments`),
 * relations, subtasks (nested `child`, two levels; `compactChildren` for get_task's bare references), subscribers.
 */
export function taskView(
  v: ViewContext,
  task: TaskRecord,
  extra: ReadonlySet<string>,
  depth = 0,
  compactChildren = false,
): Record<string, unknown> {
  const parent = v.store.task(task.parentId);
  const out: Record<string, unknown> = {
    ...taskRef(task),
    user_from: userRef(v.store.user(task.fromId)),
    user_to: assignee(v, task.toId),
    project: projectRef(v.store.project(task.projectId)),
    ...(parent && { parent: taskRef(parent) }),
    ...((extra.has('text') || extra.has('html')) && { text: task.text }),
    date_added: dateTimeOf(task.added),
    ...(task.dateStart && { date_start: task.dateStart }),
    ...(task.dateEnd && { date_end: task.dateEnd }),
    ...(task.dateStart && task.timeStart && { time_start: task.timeStart }),
    ...(task.dateEnd && task.timeEnd && { time_end: task.timeEnd }),
    ...(task.closed !== null && { date_closed: dateTimeOf(task.closed) }),
    ...(task.maxTime && { max_time: estimate(task.maxTime) }),
    ...(task.maxMoney && { max_money: estimate(task.maxMoney) }),
    ...(task.tagIds.length > 0 && { tags: tagMap(v, task.tagIds) }),
  };
  if (extra.has('subscribers')) out.subscribers = task.subscriberIds.map((id) => userRef(v.store.user(id))).filter((u) => u !== null);
  if (extra.has('files')) out.files = filesOf(v, task.fileIds);
  const comments = v.store.state.comments.filter((c) => c.taskId === task.id);
  if (extra.has('comments') || extra.has('has_comments')) out.has_comments = comments.length > 0 ? 1 : 0;
  if (extra.has('comments')) out.comments = comments.slice(-5).map((c) => commentView(v, c, new Set()));
  if (extra.has('relations')) out.relations = relationsOf(v, task);
  if (extra.has('subtasks') && depth < 2) {
    const children = childrenOf(v, task, extra, depth, compactChildren);
    if (children.length > 0) out.child = children;
  }
  return out;
}

/** A tag group as live lists it: the id a number (collection: get_task_tag_groups / success). */
export function tagGroupView(group: TagGroupRecord) {
  return { title: group.title, id: Number(group.id), type: group.type, access: group.access };
}

/** A tag as `add_task_tags` answers it: title and numeric id (collection: add_task_tags / success). */
export function tagRefView(tag: TagRecord) {
  return { title: tag.title, id: Number(tag.id) };
}

/**
 * A tag as the tag reads list it, with its group; the group's `id_group` is a string whose meaning live does not
 * document (collection: get_task_tags / success shows "1"): the emulator sends the group's position among its
 * scope's groups (inferred).
 */
export function tagView(v: ViewContext, tag: TagRecord) {
  const groups = v.store.state.tagGroups.filter((g) => g.scope === tag.scope);
  const group = groups.find((g) => g.id === tag.groupId);
  return {
    ...tagRefView(tag),
    group: group ? { ...tagGroupView(group), id_group: String(groups.indexOf(group) + 1) } : null,
  };
}

/** A cost line as `get_costs` lists it. */
export function costView(v: ViewContext, cost: CostRecord) {
  const task = v.store.task(cost.taskId);
  return {
    id: cost.id,
    comment: cost.comment,
    time: formatMinutes(cost.minutes),
    money: formatMoney(cost.money),
    date: cost.day,
    is_timer: cost.isTimer,
    user_from: userRef(v.store.user(cost.userId)),
    task: task ? taskView(v, task, new Set()) : null,
  };
}

const elapsed = (timer: TimerRecord, now: number) => Math.max(0, Math.floor((now - timer.started) / 1000));
const pad = (n: number) => String(n).padStart(2, '0');

/** A running timer as `get_timers` lists it: elapsed time `HH:MM:SS`, zero-padded (collection: get_timers / success). */
export function timerView(v: ViewContext, timer: TimerRecord, now: number) {
  const seconds = elapsed(timer, now);
  const task = v.store.task(timer.taskId);
  return {
    id: timer.id,
    time: `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`,
    date_started: dateTimeOf(timer.started),
    user_from: userRef(v.store.user(timer.userId)),
    task: task ? taskView(v, task, new Set()) : null,
  };
}

/** The caller's timer as `get_my_timer` answers it: elapsed seconds as a number, no id or user (collection: get_my_timer / success). */
export function myTimerView(v: ViewContext, timer: TimerRecord, now: number) {
  const task = v.store.task(timer.taskId);
  return { time: elapsed(timer, now), date_started: dateTimeOf(timer.started), task: task ? taskView(v, task, new Set()) : null };
}
