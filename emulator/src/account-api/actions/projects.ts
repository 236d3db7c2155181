import { storeAttachParts } from './attach-parts';
import { alreadyInState, fieldInvalid, fieldRequired, timeOptionsExclusive } from '../api-refusals';
import { dateTimeOf } from '../dates';
import type { ProjectRecord } from '../store/records';
import { projectView, userRef } from '../views';
import { ok, okData, type ActionContext, type ActionHandler } from './action';
import { logEvent } from './events';
import { memberByEmail, membersByEmails, requireProject } from './lookups';
import { applyTags, estimateParam, tagIdsParam } from './task-fields';

const objectOf = (p: ProjectRecord) => ({ type: 'project' as const, id: p.id, page: `/project/${p.id}/`, projectId: p.id });

const getProjects: ActionHandler = (c) => {
  // Worksection's filter values; the official clients' docs also say "archived", which the emulator takes as archive.
  const filter = c.p.text('filter');
  const status = filter === 'archived' ? 'archive' : filter;
  if (status !== undefined && status !== 'active' && status !== 'pending' && status !== 'archive')
    throw fieldInvalid('filter', 'active, pending or archive expected');
  const shown = status === undefined ? c.store.state.projects : c.store.state.projects.filter((x) => x.status === status);
  return okData(shown.map((x) => projectView(c, x, c.extra)));
};

const getProject: ActionHandler = (c) => okData(projectView(c, requireProject(c), c.extra));

/** `options.*` parameters (`options.allow_close`, …), as Worksection's post_project / update_project take them. */
function optionParams(c: ActionContext): Array<[string, string]> {
  const options = c.p
    .names()
    .filter((name) => name.startsWith('options.') && name.length > 'options.'.length)
    .map((name) => [name.slice('options.'.length), c.p.text(name) ?? ''] as [string, string]);
  // Live refuses more than one of the three time-tracking modes (collection: post_project / error, update_project / error).
  const timeModes = options.filter(([name, value]) => TIME_MODES.has(name) && value === '1');
  if (timeModes.length > 1) throw timeOptionsExclusive();
  return options;
}

const TIME_MODES = new Set(['time_require', 'time_today', 'timer_only']);

function readProjectFields(c: ActionContext) {
  const { p } = c;
  return {
    title: p.text('title')?.slice(0, 1000),
    manager: memberByEmail(c, 'email_manager') ?? memberByEmail(c, 'email_user_to'),
    members: membersByEmails(c, 'members'),
    text: p.text('text'),
    company: p.text('company'),
    dateStart: p.day('datestart'),
    dateEnd: p.day('dateend'),
    maxTime: estimateParam(c, 'max_time'),
    maxMoney: estimateParam(c, 'max_money'),
    tags: p.raw('tags') === undefined ? undefined : tagIdsParam(c, 'tags', 'project'),
    options: optionParams(c),
    groupId: p.text('group'),
  };
}

const postProject: ActionHandler = (c) => {
  const title = c.p.required('title');
  const f = readProjectFields(c);
  const from = memberByEmail(c, 'email_user_from') ?? c.me;
  const group = f.groupId === undefined ? undefined : c.store.state.projectGroups.find((g) => g.id === f.groupId || g.title === f.groupId);
  if (f.groupId !== undefined && !group) throw fieldInvalid('group', `no project folder ${f.groupId.slice(0, 40)}`);
  const project: ProjectRecord = {
    id: c.store.newId(),
    name: title.slice(0, 1000),
    status: 'active',
    text: f.text ?? '',
    fromId: from.id,
    managerId: (f.manager ?? from).id,
    groupId: group?.id ?? '',
    company: f.company ?? c.account.name,
    added: c.now,
    dateStart: f.dateStart ?? '',
    dateEnd: f.dateEnd ?? '',
    closed: null,
    maxTime: f.maxTime ?? '',
    maxMoney: f.maxMoney ?? '',
    memberIds: [...new Set([from.id, ...(f.manager ? [f.manager.id] : []), ...f.members.map((u) => u.id)])],
    tagIds: applyTags(c, [], f.tags ?? [], []),
    options: f.options,
  };
  c.store.state.projects.push(project);
  storeAttachParts(c, { projectId: project.id });
  logEvent(c, 'post', objectOf(project), [
    ['title', '', project.name],
    ['user_to', '', project.managerId],
  ]);
  // What `extra` asks for, as get_project (collection: post_project / success with extra=options).
  return okData(projectView(c, project, c.extra));
};

const updateProject: ActionHandler = (c) => {
  const project = requireProject(c);
  const f = readProjectFields(c);
  const changed: Array<[string, string, string]> = [];
  const note = (field: string, before: string, after: string | undefined) => {
    if (after !== undefined && after !== before) changed.push([field, before, after]);
  };
  note('title', project.name, f.title);
  note('date_end', project.dateEnd, f.dateEnd);
  if (f.title !== undefined) project.name = f.title;
  if (f.manager) project.managerId = f.manager.id;
  if (f.members.length > 0) project.memberIds = [...new Set([...project.memberIds, ...f.members.map((u) => u.id)])];
  if (f.text !== undefined) project.text = f.text;
  if (f.company !== undefined) project.company = f.company;
  if (f.dateStart !== undefined) project.dateStart = f.dateStart;
  if (f.dateEnd !== undefined) project.dateEnd = f.dateEnd;
  if (f.maxTime !== undefined) project.maxTime = f.maxTime;
  if (f.maxMoney !== undefined) project.maxMoney = f.maxMoney;
  if (f.tags) project.tagIds = applyTags(c, [], f.tags, []);
  for (const [key, value] of f.options) {
    project.options = project.options.filter(([k]) => k !== key);
    project.options.push([key, value]);
  }
  logEvent(c, 'update', objectOf(project), changed);
  return okData(projectView(c, project, c.extra));
};

const closeProject: ActionHandler = (c) => {
  const project = requireProject(c);
  if (project.status === 'archive') throw alreadyInState('Project', 'closed');
  project.status = 'archive';
  project.closed = c.now;
  logEvent(c, 'close', objectOf(project));
  return ok();
};

const activateProject: ActionHandler = (c) => {
  const project = requireProject(c);
  if (project.status === 'active') throw alreadyInState('Project', 'active');
  project.status = 'active';
  project.closed = null;
  logEvent(c, 'reopen', objectOf(project));
  return ok();
};

function membersParam(c: ActionContext) {
  const members = membersByEmails(c, 'members');
  if (members.length === 0) throw fieldRequired('members');
  return members;
}

const addProjectMembers: ActionHandler = (c) => {
  const project = requireProject(c);
  const members = membersParam(c);
  project.memberIds = [...new Set([...project.memberIds, ...members.map((u) => u.id)])];
  return ok();
};

const deleteProjectMembers: ActionHandler = (c) => {
  const project = requireProject(c);
  const gone = new Set(membersParam(c).map((u) => u.id));
  project.memberIds = project.memberIds.filter((id) => !gone.has(id));
  return ok();
};

const groupView = (g: { id: string; title: string }) => ({ id: g.id, title: g.title, type: 'folder' });

// The list carries `client` (0/1), the new folder does not (collection: get_project_groups / add_project_group success).
const getProjectGroups: ActionHandler = (c) => okData(c.store.state.projectGroups.map((g) => ({ ...groupView(g), client: 0 })));

const addProjectGroup: ActionHandler = (c) => {
  const title = c.p.required('title').slice(0, 200);
  // Adding a folder that exists answers the existing one, as Worksection does for tags (the emulator's reading).
  const group = c.store.state.projectGroups.find((g) => g.title === title) ?? { id: c.store.newId(), title };
  if (!c.store.state.projectGroups.includes(group)) c.store.state.projectGroups.push(group);
  return okData(groupView(group));
};

const PERIOD = /^(\d{1,3})([mhd])$/;
const PERIOD_LIMITS = { m: [1, 360, 60_000], h: [1, 72, 3_600_000], d: [1, 30, 86_400_000] } as const;

const getEvents: ActionHandler = (c) => {
  const period = c.p.required('period');
  const match = PERIOD.exec(period.trim());
  const unit = match?.[2] as keyof typeof PERIOD_LIMITS | undefined;
  const amount = Number(match?.[1]);
  const limits = unit && PERIOD_LIMITS[unit];
  if (!limits || amount < limits[0] || amount > limits[1]) throw fieldInvalid('period', '1m–360m, 1h–72h or 1d–30d expected');
  const since = c.now - amount * limits[2];
  const project = c.p.text('id_project') === undefined ? undefined : requireProject(c);
  const events = c.store.state.events.filter((e) => e.at >= since && (!project || e.projectId === project.id));
  return okData(
    events.map((e) => ({
      action: e.action,
      object: { type: e.objectType, id: e.objectId, page: e.page },
      date_added: dateTimeOf(e.at),
      user_from: userRef(c.store.user(e.userId)),
      ...(e.changed.length > 0 && {
        new: Object.fromEntries(e.changed.map(([field, , after]) => [field, changedValue(c, field, after)])),
        // `old` with updates only: a new object has no earlier values (collection: get_events / success).
        ...(e.action === 'update' && {
          old: Object.fromEntries(e.changed.map(([field, before]) => [field, changedValue(c, field, before)])),
        }),
      }),
    })),
  );
};

/** A changed value as get_events shows it: an assignee as a user reference, the rest as text (collection: get_events / success). */
function changedValue(c: ActionContext, field: string, value: string): unknown {
  if (field !== 'user_to') return value;
  if (value === 'ANY' || value === 'NOONE') return { id: value, email: value, name: value === 'ANY' ? 'Anyone' : 'Nobody' };
  return userRef(c.store.user(value)) ?? { id: '', email: '', name: '' };
}

const getProjectCustomFields: ActionHandler = (c) =>
  okData(
    c.store.state.customFields
      .filter((f) => f.scope === 'project')
      .map(({ id, type, name, descr, options }) => ({ id, type, name, descr, options })),
  );

/** The project actions. */
export const PROJECT_ACTIONS = {
  get_projects: getProjects,
  get_project: getProject,
  post_project: postProject,
  update_project: updateProject,
  close_project: closeProject,
  activate_project: activateProject,
  add_project_members: addProjectMembers,
  delete_project_members: deleteProjectMembers,
  get_project_groups: getProjectGroups,
  add_project_group: addProjectGroup,
  get_events: getEvents,
  get_project_custom_fields: getProjectCustomFields,
} satisfies Record<string, ActionHandler>;
