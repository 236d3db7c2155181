import { dateTimeOf, formatMinutes, formatMoney } from './dates';
import type { AccountStore } from './store/account-store';
import type { CommentRecord, CostRecord, FileRecord, ProjectRecord, TagRecord, TaskRecord, TimerRecord, UserRecord } from './store/records';

/** What every view needs: the account's store and its `account_url`. */
export interface ViewContext {
  store: AccountStore;
  accountUrl: string;
}

/** `{id, email, name}`: a user as Worksection nests one in projects, tasks, comments and costs. */
export function userRef(user: UserRecord | undefined): { id: string; email: string; name: string } | null {
  return user ? { id: user.id, email: user.email, name: `${user.firstName} ${user.lastName}`.trim() } : null;
}

/** The full profile `me` and `get_users` answer. */
export function profileView(v: ViewContext, user: UserRecord) {
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
    phone: user.phone,
  };
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
    ...(project.maxTime && { max_time: project.maxTime }),
    ...(project.maxMoney && { max_money: project.maxMoney }),
    ...(project.tagIds.length > 0 && { tags: tagMap(v, project.tagIds) }),
    ...(extra.has('options') && { options: Object.fromEntries(project.options) as Record<string, string> }),
    ...(extra.has('users') && { users: project.memberIds.map((id) => userRef(v.store.user(id))).filter((u) => u !== null) }),
  };
}

/** A file as `get_files` and `extra=files` list it. */
export function fileView(v: ViewContext, file: FileRecord) {
  return {
    id: file.id,
    page: `/download/${file.id}`,
    name: file.name,
    size: file.size,
    date_added: dateTimeOf(file.added),
    user_from: userRef(v.store.user(file.userId)),
  };
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
  return v.store.state.files.filter((f) => ids.includes(f.id)).map((f) => fileView(v, f));
}

const assignee = (v: ViewContext, toId: string) =>
  // Worksection's two pseudo-assignees: "anyone may take it" and "nobody yet".
  toId === 'ANY' || toId === 'NOONE' ? { id: toId, email: toId, name: toId === 'ANY' ? 'Anyone' : 'Nobody' } : userRef(v.store.user(toId));

/**
 * A task as the task actions answer it. `extra`: text/html, files, comments (the last five), relations,
 * subtasks (nested `child`, two levels), subscribers.
 */
export function taskView(v: ViewContext, task: TaskRecord, extra: ReadonlySet<string>, depth = 0): Record<string, unknown> {
  const parent = v.store.task(task.parentId);
  const out: Record<string, unknown> = {
    id: task.id,
    name: task.name,
    page: `/project/${task.projectId}/${task.parentId ? `${task.parentId}/` : ''}${task.id}/`,
    status: task.status,
    priority: String(task.priority),
    user_from: userRef(v.store.user(task.fromId)),
    user_to: assignee(v, task.toId),
    project: projectRef(v.store.project(task.projectId)),
    ...(parent && { parent: { id: parent.id, name: parent.name, page: `/project/${parent.projectId}/${parent.id}/` } }),
    ...((extra.has('text') || extra.has('html')) && { text: task.text }),
    date_added: dateTimeOf(task.added),
    ...(task.dateStart && { date_start: task.dateStart }),
    ...(task.dateEnd && { date_end: task.dateEnd }),
    ...(task.closed !== null && { date_closed: dateTimeOf(task.closed) }),
    ...(task.maxTime && { max_time: task.maxTime }),
    ...(task.maxMoney && { max_money: task.maxMoney }),
    ...(task.tagIds.length > 0 && { tags: tagMap(v, task.tagIds) }),
  };
  if (extra.has('files')) out.files = filesOf(v, task.fileIds);
  if (extra.has('comments'))
    out.comments = v.store.state.comments
      .filter((c) => c.taskId === task.id)
      .slice(-5)
      .map((c) => commentView(v, c, new Set()));
  if (extra.has('relations')) out.relations = { from: [], to: [] };
  if (extra.has('subscribers')) out.subscribers = task.subscriberIds.map((id) => userRef(v.store.user(id))).filter((u) => u !== null);
  if (extra.has('subtasks') && depth < 2) {
    const children = v.store.children(task.id);
    if (children.length > 0) out.child = children.map((c) => taskView(v, c, extra, depth + 1));
  }
  return out;
}

/** A tag as the tag reads list it, with its group. */
export function tagView(v: ViewContext, tag: TagRecord) {
  const group = v.store.state.tagGroups.find((g) => g.id === tag.groupId);
  return {
    id: tag.id,
    title: tag.title,
    color: tag.color,
    group: group ? { id: group.id, title: group.title, type: group.type, access: group.access } : null,
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

/** A running timer: elapsed time `H:MM:SS`, start `YYYY-MM-DD HH:MM`. */
export function timerView(v: ViewContext, timer: TimerRecord, now: number) {
  const seconds = Math.max(0, Math.floor((now - timer.started) / 1000));
  const task = v.store.task(timer.taskId);
  return {
    id: timer.id,
    time: `${Math.floor(seconds / 3600)}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`,
    date_started: dateTimeOf(timer.started),
    user_from: userRef(v.store.user(timer.userId)),
    task: task ? taskView(v, task, new Set()) : null,
  };
}
