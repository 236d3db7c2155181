import { alreadyInState, fieldInvalid, oneOfRequired, parentTaskDone, taskClosed, taskHasChildren, taskInvalid } from '../api-refusals';
import { compileFilter } from '../filter-query';
import { cappedList } from '../list-cap';
import type { TaskRecord } from '../store/records';
import { taskView } from '../views';
import { ok, okData, type ActionContext, type ActionHandler } from './action';
import { logEvent } from './events';
import { inArchivedProject, memberByEmail, membersByEmails, requireProject, requireTask } from './lookups';
import { storeAttachParts } from './attach-parts';
import { applyTags, assigneeParam, attachFiles, estimateParam, tagIdsParam, TASK_FILTER_FIELDS, taskFilterValue } from './task-fields';

const pageOf = (t: TaskRecord) => `/project/${t.projectId}/${t.parentId ? `${t.parentId}/` : ''}${t.id}/`;
const objectOf = (t: TaskRecord) => ({ type: 'task' as const, id: t.id, page: pageOf(t), projectId: t.projectId });

/** `filter=active` (or `status=active`) leaves out closed tasks; Worksection has no value for closed ones only. */
function activeOnly(c: ActionContext): boolean {
  return c.p.text('filter') === 'active' || c.p.text('status') === 'active';
}

function list(c: ActionContext, records: TaskRecord[]) {
  return cappedList(records, (t) => taskView(c, t, c.extra));
}

const getAllTasks: ActionHandler = (c) =>
  // Worksection: top-level tasks of every project; archived projects' only with extra=archive, subtasks with extra=subtasks.
  list(
    c,
    c.store.state.tasks.filter(
      (t) => t.parentId === '' && (c.extra.has('archive') || !inArchivedProject(c, t)) && (!activeOnly(c) || t.status === 'active'),
    ),
  );

const getTasks: ActionHandler = (c) => {
  const project = requireProject(c);
  return list(
    c,
    c.store.state.tasks.filter((t) => t.projectId === project.id && t.parentId === '' && (!activeOnly(c) || t.status === 'active')),
  );
};

// get_task lists subtasks as bare references (collection: get_task / success).
const getTask: ActionHandler = (c) => okData(taskView(c, requireTask(c), c.extra, 0, true));

const searchTasks: ActionHandler = (c) => {
  const { p } = c;
  // In live's order (collection: search_tasks / error).
  const criteria = ['filter', 'id_project', 'id_task', 'email_user_from', 'email_user_to'];
  if (criteria.every((name) => p.text(name) === undefined)) throw oneOfRequired(criteria);
  let records = c.store.state.tasks;
  if (p.text('id_project') !== undefined) {
    const project = requireProject(c);
    records = records.filter((t) => t.projectId === project.id);
  }
  if (p.text('id_task') !== undefined) {
    const task = requireTask(c);
    records = records.filter((t) => t.id === task.id || t.parentId === task.id);
  }
  const from = memberByEmail(c, 'email_user_from');
  if (from) records = records.filter((t) => t.fromId === from.id);
  const to = memberByEmail(c, 'email_user_to');
  if (to) records = records.filter((t) => t.toId === to.id);
  const status = p.text('status');
  if (status !== undefined) {
    if (status !== 'active' && status !== 'done') throw fieldInvalid('status', 'active or done expected');
    records = records.filter((t) => t.status === status);
  }
  const filter = p.text('filter');
  if (filter !== undefined) records = records.filter(compileFilter(filter, TASK_FILTER_FIELDS, taskFilterValue));
  return list(c, records);
};

const getTaskCustomFields: ActionHandler = (c) =>
  okData(
    c.store.state.customFields
      .filter((f) => f.scope === 'task')
      .map(({ id, type, name, descr, options }) => ({ id, type, name, descr, options })),
  );

const postTask: ActionHandler = (c) => {
  const { p } = c;
  const project = requireProject(c);
  const title = p.required('title');
  let parentId = '';
  if (p.text('id_parent') !== undefined) {
    const parent = requireTask(c, 'id_parent');
    if (parent.projectId !== project.id) throw taskInvalid();
    // Live: "8 Task is closed" for a closed parent (collection: post_task / error).
    if (parent.status === 'done') throw taskClosed();
    // Worksection nests three levels: task / subtask / sub-subtask.
    if (c.store.task(c.store.task(parent.parentId)?.parentId)) throw fieldInvalid('id_parent', 'a sub-subtask cannot have subtasks');
    parentId = parent.id;
  }
  const id = c.store.newId();
  const task: TaskRecord = {
    id,
    projectId: project.id,
    parentId,
    name: title.slice(0, 1000),
    status: 'active',
    priority: p.int('priority', 0, 10) ?? 0,
    fromId: (memberByEmail(c, 'email_user_from') ?? c.me).id,
    toId: assigneeParam(c) ?? 'NOONE',
    text: p.text('text') ?? '',
    added: c.now,
    dateStart: p.day('datestart') ?? '',
    dateEnd: p.day('dateend') ?? '',
    closed: null,
    maxTime: estimateParam(c, 'max_time') ?? '',
    maxMoney: estimateParam(c, 'max_money') ?? '',
    hidden: p.list('hidden').length > 0,
    todo: p.list('todo'),
    tagIds: applyTags(c, [], tagIdsParam(c, 'tags', 'task'), []),
    subscriberIds: membersByEmails(c, 'subscribe').map((u) => u.id),
    fileIds: [],
  };
  membersByEmails(c, 'mention');
  if (task.dateStart && task.dateEnd && task.dateEnd < task.dateStart) throw fieldInvalid('dateend', 'before datestart');
  task.fileIds = [...attachFiles(c, { taskId: id }), ...storeAttachParts(c, { projectId: task.projectId, taskId: id })];
  c.store.state.tasks.push(task);
  logEvent(c, 'post', objectOf(task), [['title', '', task.name]]);
  // What `extra` asks for, as get_task, but without the tags just set: live's answer to a post_task with tags has
  // none (collection: post_task / success, with and without extra=text).
  const answer = taskView(c, task, c.extra);
  delete answer.tags;
  return okData(answer);
};

const updateTask: ActionHandler = (c) => {
  const { p } = c;
  // A closed task can be updated (inferred: the collection has no example either way, but the official clients'
  // update_task takes `dateclosed`, which only a closed task has — php-api-client src/Resources/TasksResource.php).
  const task = requireTask(c);
  const changed: Array<[string, string, string]> = [];
  const set = <K extends 'name' | 'toId' | 'priority' | 'dateStart' | 'dateEnd' | 'maxTime' | 'maxMoney'>(
    field: string,
    key: K,
    value: TaskRecord[K] | undefined,
  ) => {
    if (value === undefined || value === task[key]) return;
    changed.push([field, String(task[key]), String(value)]);
    task[key] = value;
  };
  // Validate everything before changing anything, so a refused update leaves the task as it was.
  const title = p.text('title');
  const toId = assigneeParam(c);
  const priority = p.int('priority', 0, 10);
  const dateStart = p.day('datestart');
  const dateEnd = p.day('dateend');
  const maxTime = estimateParam(c, 'max_time');
  const maxMoney = estimateParam(c, 'max_money');
  const tags = p.raw('tags') === undefined ? undefined : tagIdsParam(c, 'tags', 'task');
  set('title', 'name', title?.slice(0, 1000));
  set('user_to', 'toId', toId);
  set('priority', 'priority', priority);
  set('date_start', 'dateStart', dateStart);
  set('date_end', 'dateEnd', dateEnd);
  set('max_time', 'maxTime', maxTime);
  set('max_money', 'maxMoney', maxMoney);
  if (tags) task.tagIds = applyTags(c, [], tags, []);
  logEvent(c, 'update', objectOf(task), changed);
  return okData(taskView(c, task, c.extra));
};

const completeTask: ActionHandler = (c) => {
  const task = requireTask(c);
  if (task.status === 'done') throw alreadyInState('Task', 'closed');
  if (c.store.children(task.id).some((child) => child.status === 'active')) throw taskHasChildren();
  // Live answers the task as it was before closing: status "active", no date_closed (collection: complete_task / success).
  const before = taskView(c, task, c.extra);
  task.status = 'done';
  task.closed = c.now;
  c.store.state.timers = c.store.state.timers.filter((timer) => timer.taskId !== task.id);
  logEvent(c, 'close', objectOf(task));
  // reopen_task answers bare ok (collection: reopen_task / success).
  return okData(before);
};

const reopenTask: ActionHandler = (c) => {
  const task = requireTask(c);
  if (task.status === 'active') throw alreadyInState('Task', 'active');
  const parent = c.store.task(task.parentId);
  if (parent?.status === 'done') throw parentTaskDone();
  task.status = 'active';
  task.closed = null;
  logEvent(c, 'reopen', objectOf(task));
  return ok();
};

/** The task actions. */
export const TASK_ACTIONS = {
  get_all_tasks: getAllTasks,
  get_tasks: getTasks,
  get_task: getTask,
  search_tasks: searchTasks,
  get_task_custom_fields: getTaskCustomFields,
  post_task: postTask,
  update_task: updateTask,
  complete_task: completeTask,
  reopen_task: reopenTask,
} satisfies Record<string, ActionHandler>;
