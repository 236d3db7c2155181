import { fieldInvalid, fieldRequired, tagInvalid } from '../api-refusals';
import type { TagGroupRecord, TagRecord, TagScope } from '../store/records';
import { tagGroupView, tagRefView, tagView } from '../views';
import { ok, okData, type ActionContext, type ActionHandler } from './action';
import { requireProject, requireTask } from './lookups';
import { applyTags, tagIdsParam } from './task-fields';

const COLORS = ['blue', 'green', 'orange', 'red', 'violet', 'grey'];

function enumParam<T extends string>(c: ActionContext, name: string, allowed: readonly T[]): T | undefined {
  const value = c.p.text(name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw fieldInvalid(name, `${allowed.join(' or ')} expected`);
  return value as T;
}

function findGroup(c: ActionContext, scope: TagScope, wanted: string): TagGroupRecord | undefined {
  return c.store.state.tagGroups.find((g) => g.scope === scope && (g.id === wanted || g.title.toLowerCase() === wanted.toLowerCase()));
}

function groupsMatching(c: ActionContext, scope: TagScope): TagGroupRecord[] {
  const type = enumParam(c, 'type', ['status', 'label'] as const);
  const access = enumParam(c, 'access', ['public', 'private'] as const);
  return c.store.state.tagGroups.filter((g) => g.scope === scope && (!type || g.type === type) && (!access || g.access === access));
}

function getTags(scope: TagScope): ActionHandler {
  return (c) => {
    const groups = groupsMatching(c, scope);
    const wanted = c.p.text('group');
    const group = wanted === undefined ? undefined : findGroup(c, scope, wanted);
    if (wanted !== undefined && !group) throw tagInvalid(wanted.slice(0, 100));
    const ids = new Set((group ? [group] : groups).map((g) => g.id));
    return okData(c.store.state.tags.filter((t) => t.scope === scope && ids.has(t.groupId)).map((t) => tagView(c, t)));
  };
}

function getTagGroups(scope: TagScope): ActionHandler {
  return (c) => okData(groupsMatching(c, scope).map(tagGroupView));
}

function addTags(scope: TagScope): ActionHandler {
  return (c) => {
    // Live names the field "group (id or title)" (collection: add_task_tags / error).
    const wanted = c.p.text('group');
    if (wanted === undefined || wanted.trim() === '') throw fieldRequired('group (id or title)');
    const group = findGroup(c, scope, wanted);
    if (!group) throw tagInvalid(wanted.slice(0, 100));
    const titles = c.p.list('title');
    if (titles.length === 0) throw fieldRequired('title');
    // Worksection answers an existing title with the existing tag rather than a duplicate.
    const tags = titles.map((title) => {
      const existing = c.store.state.tags.find((t) => t.groupId === group.id && t.title.toLowerCase() === title.toLowerCase());
      if (existing) return existing;
      const tag: TagRecord = {
        id: c.store.newId(),
        scope,
        groupId: group.id,
        title: title.slice(0, 200),
        color: COLORS[c.store.state.tags.length % COLORS.length] ?? 'grey',
      };
      c.store.state.tags.push(tag);
      return tag;
    });
    // Title and numeric id only (collection: add_task_tags / success).
    return okData(tags.map(tagRefView));
  };
}

function addTagGroups(scope: TagScope): ActionHandler {
  return (c) => {
    const titles = c.p.list('title');
    if (titles.length === 0) throw fieldRequired('title');
    // Project tag groups are labels; task tag groups are statuses or labels.
    const type = scope === 'project' ? 'label' : (enumParam(c, 'type', ['status', 'label'] as const) ?? 'label');
    const access = enumParam(c, 'access', ['public', 'private'] as const) ?? 'public';
    const groups = titles.map((title) => {
      const existing = c.store.state.tagGroups.find((g) => g.scope === scope && g.title.toLowerCase() === title.toLowerCase());
      if (existing) return existing;
      const group: TagGroupRecord = { id: c.store.newId(), scope, title: title.slice(0, 200), type, access };
      c.store.state.tagGroups.push(group);
      return group;
    });
    return okData(groups.map(tagGroupView));
  };
}

function updateTags(scope: TagScope): ActionHandler {
  return (c) => {
    const target = scope === 'task' ? requireTask(c) : requireProject(c);
    const plus = tagIdsParam(c, 'plus', scope);
    const minus = tagIdsParam(c, 'minus', scope);
    if (plus.length === 0 && minus.length === 0) throw fieldRequired('plus / minus');
    target.tagIds = applyTags(c, target.tagIds, plus, minus);
    return ok();
  };
}

/** The task and project tag actions. */
export const TAG_ACTIONS = {
  get_task_tags: getTags('task'),
  get_task_tag_groups: getTagGroups('task'),
  add_task_tags: addTags('task'),
  update_task_tags: updateTags('task'),
  add_task_tag_groups: addTagGroups('task'),
  get_project_tags: getTags('project'),
  get_project_tag_groups: getTagGroups('project'),
  add_project_tags: addTags('project'),
  update_project_tags: updateTags('project'),
  add_project_tag_groups: addTagGroups('project'),
} satisfies Record<string, ActionHandler>;
