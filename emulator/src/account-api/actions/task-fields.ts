import { fieldInvalid, fileNotFound, tagInvalid } from '../api-refusals';
import type { TagScope, TaskRecord } from '../store/records';
import type { ActionContext } from './action';
import { memberByEmail } from './lookups';

/** `email_user_to` of post_task / update_task: a member, or Worksection's `ANY` / `NOONE`; absent → undefined. */
export function assigneeParam(c: ActionContext): string | undefined {
  const value = c.p.text('email_user_to')?.trim();
  if (value === undefined) return undefined;
  if (value === 'ANY' || value === 'NOONE') return value;
  return memberByEmail(c, 'email_user_to')?.id;
}

/** An estimate (`max_time` hours, `max_money`): a non-negative number, kept as sent. */
export function estimateParam(c: ActionContext, name: 'max_time' | 'max_money'): string | undefined {
  const value = c.p.text(name)?.trim();
  if (value === undefined) return undefined;
  if (!/^\d{1,9}([.,]\d{1,2})?$/.test(value)) throw fieldInvalid(name, 'a non-negative number expected');
  return value.replace(',', '.');
}

/**
 * Tag ids for a `tags` (or `plus` / `minus`) list of ids or titles, within task or project tags; an unknown one is
 * Worksection's code 16.
 */
export function tagIdsParam(c: ActionContext, name: string, scope: TagScope): string[] {
  return c.p.list(name).map((wanted) => {
    const tag = c.store.state.tags.find((t) => t.scope === scope && (t.id === wanted || t.title.toLowerCase() === wanted.toLowerCase()));
    if (!tag) throw tagInvalid(wanted.slice(0, 100));
    return tag.id;
  });
}

/**
 * Applies tag changes the Worksection way: a status replaces any other status of its group (an object has one
 * status per group), labels add up.
 */
export function applyTags(c: ActionContext, current: string[], plus: string[], minus: string[]): string[] {
  let ids = current.filter((id) => !minus.includes(id));
  for (const id of plus) {
    const tag = c.store.state.tags.find((t) => t.id === id);
    const group = c.store.state.tagGroups.find((g) => g.id === tag?.groupId);
    if (group?.type === 'status') {
      const sameGroup = new Set(c.store.state.tags.filter((t) => t.groupId === group.id).map((t) => t.id));
      ids = ids.filter((existing) => !sameGroup.has(existing));
    }
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/**
 * The uploads a `files` parameter names (`upload_files` descriptors, or their ids), attached to a task or a
 * comment. An id that was not uploaded, or is already attached, is "File not found".
 */
export function attachFiles(c: ActionContext, target: { taskId: string; commentId?: string }): string[] {
  const raw = c.p.raw('files');
  const items = Array.isArray(raw) ? (raw as unknown[]) : raw === undefined ? [] : c.p.list('files');
  const ids = items.map((item) => {
    if (typeof item === 'string' || typeof item === 'number') return String(item);
    if (typeof item === 'object' && item !== null && Object.hasOwn(item, 'id')) return String((item as { id: unknown }).id);
    throw fieldInvalid('files', 'each file must be an upload_files descriptor or its id');
  });
  for (const id of ids) {
    const file = c.store.state.files.find((f) => f.id === id);
    if (!file || file.attached) throw fileNotFound();
  }
  for (const id of ids) {
    const file = c.store.state.files.find((f) => f.id === id);
    if (file) Object.assign(file, { attached: true, taskId: target.taskId, commentId: target.commentId ?? '' });
  }
  return ids;
}

/** Values of a task for the filter language of `search_tasks`. */
export function taskFilterValue(task: TaskRecord, field: string): string | number | undefined {
  switch (field) {
    case 'id':
      return Number(task.id);
    case 'project':
      return Number(task.projectId);
    case 'parent':
      return task.parentId ? Number(task.parentId) : undefined;
    case 'priority':
      return task.priority;
    case 'name':
      return task.name;
    case 'text':
      return task.text;
    case 'status':
      return task.status;
    case 'dateadd':
      return new Date(task.added).toISOString().slice(0, 10);
    case 'datestart':
      return task.dateStart;
    case 'dateend':
      return task.dateEnd;
    case 'dateclose':
      return task.closed === null ? undefined : new Date(task.closed).toISOString().slice(0, 10);
    default:
      return undefined;
  }
}

/** The fields `search_tasks` filters may use. */
export const TASK_FILTER_FIELDS: ReadonlyMap<string, 'int' | 'string' | 'date'> = new Map([
  ['id', 'int'],
  ['project', 'int'],
  ['parent', 'int'],
  ['priority', 'int'],
  ['name', 'string'],
  ['text', 'string'],
  ['status', 'string'],
  ['dateadd', 'date'],
  ['datestart', 'date'],
  ['dateend', 'date'],
  ['dateclose', 'date'],
] as const);
