import type { WorksectionList } from '../list-cap';
import type { CallOptions } from '../options';
import type { ActionCaller } from './action-map';
import { asList, asOne } from './shape';
import type { WorksectionId, WorksectionOk } from './values';

/**
 * A tag: a status or a label of tasks, or of projects. Worksection sends tag ids as numbers (`"id":72565`) where
 * other ids are strings: the saved answers of the collection's "get_task_tags", "add_task_tags", "get_project_tags"
 * and "add_project_tags" requests. The type takes both; `String(tag.id)` compares them safely.
 */
export interface WorksectionTag {
  id: WorksectionId | number;
  title: string;
  color?: string;
  /**
   * Its group: by name in Worksection's official clients; live, an object whose `id` is a number and which also
   * carries `id_group` as a string (the collection's saved "get_task_tags" answer).
   */
  group?:
    string | { id: WorksectionId | number; title: string; id_group?: string; type?: string; access?: string; [field: string]: unknown };
  [field: string]: unknown;
}

/**
 * A tag group: `status` groups hold one tag per task, `label` groups several. Its id is a number live (the saved
 * answers of the collection's "get_task_tag_groups" and "add_task_tag_groups" requests).
 */
export interface WorksectionTagGroup {
  id: WorksectionId | number;
  title: string;
  /** `status` or `label` (task tag groups). */
  type?: string;
  /** `public` or `private`. */
  access?: string;
  [field: string]: unknown;
}

/** Parameters of `get_task_tags` and `get_project_tags`. */
export interface GetTagsParams {
  /** One group's tags, by id (as `WorksectionTagGroup.id`, a number live) or name. */
  group?: string | number;
  type?: 'status' | 'label';
  access?: 'public' | 'private';
}

/** Parameters of `get_task_tag_groups` and `get_project_tag_groups`. */
export interface GetTagGroupsParams {
  type?: 'status' | 'label';
  access?: 'public' | 'private';
}

/** Parameters of `add_task_tags` and `add_project_tags`. */
export interface AddTagsParams {
  /** The group, by id (as `WorksectionTagGroup.id`, a number live) or name. */
  group: string | number;
  /** The new tags' titles, comma-separated. */
  title: string;
}

/** Parameters of `update_task_tags`: tags to put on a task and to take off it. */
export interface UpdateTaskTagsParams {
  id_task: WorksectionId;
  /** Tag ids (or titles) to add, comma-separated, or one tag id. */
  plus?: string | number;
  /** Tag ids (or titles) to remove, comma-separated, or one tag id. */
  minus?: string | number;
}

/** Parameters of `update_project_tags`: tags to put on a project and to take off it. */
export interface UpdateProjectTagsParams {
  id_project: WorksectionId;
  /** Tag ids (or titles) to add, comma-separated, or one tag id. */
  plus?: string | number;
  /** Tag ids (or titles) to remove, comma-separated, or one tag id. */
  minus?: string | number;
}

/** Parameters of `add_task_tag_groups`. */
export interface AddTaskTagGroupParams {
  title: string;
  type: 'status' | 'label';
  access: 'public' | 'private';
}

/** Parameters of `add_project_tag_groups`. */
export interface AddProjectTagGroupParams {
  title: string;
  access: 'public' | 'private';
}

/** The Tags actions. Worksection answers a new tag group alone or in a one-element list: the helpers take both. */
export interface TagActions {
  get_task_tags: { params: GetTagsParams; result: WorksectionTag[] };
  get_task_tag_groups: { params: GetTagGroupsParams; result: WorksectionTagGroup[] };
  add_task_tags: { params: AddTagsParams; result: WorksectionTag[] };
  update_task_tags: { params: UpdateTaskTagsParams; result: WorksectionOk };
  add_task_tag_groups: { params: AddTaskTagGroupParams; result: WorksectionTagGroup | WorksectionTagGroup[] };
  get_project_tags: { params: GetTagsParams; result: WorksectionTag[] };
  get_project_tag_groups: { params: GetTagGroupsParams; result: WorksectionTagGroup[] };
  add_project_tags: { params: AddTagsParams; result: WorksectionTag[] };
  update_project_tags: { params: UpdateProjectTagsParams; result: WorksectionOk };
  add_project_tag_groups: { params: AddProjectTagGroupParams; result: WorksectionTagGroup | WorksectionTagGroup[] };
}

/** Tags and tag groups, of tasks and of projects: `client.tags`. */
export class TagsApi {
  /** @internal */
  constructor(private readonly client: ActionCaller<TagActions>) {}

  /** The task tags (`get_task_tags`; `tags_read`). */
  async taskTags(params: GetTagsParams = {}, options?: CallOptions): Promise<WorksectionList<WorksectionTag>> {
    return asList('get_task_tags', await this.client.call('get_task_tags', params, options));
  }

  /** The task tag groups (`get_task_tag_groups`; `tags_read`). */
  async taskTagGroups(params: GetTagGroupsParams = {}, options?: CallOptions): Promise<WorksectionList<WorksectionTagGroup>> {
    return asList('get_task_tag_groups', await this.client.call('get_task_tag_groups', params, options));
  }

  /** Creates task tags in a group (`add_task_tags`; `tags_write`). */
  async addTaskTags(params: AddTagsParams, options?: CallOptions): Promise<WorksectionList<WorksectionTag>> {
    return asList('add_task_tags', oneOrMany(await this.client.call('add_task_tags', params, options)));
  }

  /** Puts tags on a task and takes others off (`update_task_tags`; `tags_write`). */
  async updateTaskTags(params: UpdateTaskTagsParams, options?: CallOptions): Promise<void> {
    await this.client.call('update_task_tags', params, options);
  }

  /** Creates a task tag group (`add_task_tag_groups`; `tags_write`). */
  async addTaskTagGroup(params: AddTaskTagGroupParams, options?: CallOptions): Promise<WorksectionTagGroup> {
    return asOne('add_task_tag_groups', await this.client.call('add_task_tag_groups', params, options));
  }

  /** The project tags (`get_project_tags`; `tags_read`). */
  async projectTags(params: GetTagsParams = {}, options?: CallOptions): Promise<WorksectionList<WorksectionTag>> {
    return asList('get_project_tags', await this.client.call('get_project_tags', params, options));
  }

  /** The project tag groups (`get_project_tag_groups`; `tags_read`). */
  async projectTagGroups(params: GetTagGroupsParams = {}, options?: CallOptions): Promise<WorksectionList<WorksectionTagGroup>> {
    return asList('get_project_tag_groups', await this.client.call('get_project_tag_groups', params, options));
  }

  /** Creates project tags in a group (`add_project_tags`; `tags_write`). */
  async addProjectTags(params: AddTagsParams, options?: CallOptions): Promise<WorksectionList<WorksectionTag>> {
    return asList('add_project_tags', oneOrMany(await this.client.call('add_project_tags', params, options)));
  }

  /** Puts tags on a project and takes others off (`update_project_tags`; `tags_write`). */
  async updateProjectTags(params: UpdateProjectTagsParams, options?: CallOptions): Promise<void> {
    await this.client.call('update_project_tags', params, options);
  }

  /** Creates a project tag group (`add_project_tag_groups`; `tags_write`). */
  async addProjectTagGroup(params: AddProjectTagGroupParams, options?: CallOptions): Promise<WorksectionTagGroup> {
    return asOne('add_project_tag_groups', await this.client.call('add_project_tag_groups', params, options));
  }
}

/** A single new tag as a list of one: the official clients read `add_*_tags` answers either way. */
function oneOrMany<T>(data: T | T[]): T[] {
  return Array.isArray(data) ? data : [data];
}
