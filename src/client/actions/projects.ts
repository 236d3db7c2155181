import type { WorksectionProject, WorksectionUserRef } from '../api-types';
import type { WorksectionList } from '../list-cap';
import type { CallOptions } from '../options';
import type { UploadFile } from './files';
import type { ActionCaller } from './action-map';
import { asList, asOne } from './shape';
import type { WorksectionCustomField, WorksectionDate, WorksectionId, WorksectionOk } from './values';

/** Parameters of `get_projects`. */
export interface GetProjectsParams {
  /** Which projects: `active`, `pending` or `archive` (Worksection's default: all of them). */
  filter?: 'active' | 'pending' | 'archive';
  /** Extra data, comma-separated: `text` or `html`, `options`, `users`. */
  extra?: string;
}

/** Parameters of `get_project`. */
export interface GetProjectParams {
  id_project: WorksectionId;
  /** Extra data, comma-separated: `text` or `html`, `options`, `users`. */
  extra?: string;
}

/** What `post_project` and `update_project` may set. `options.*` keys set the project's options (e.g. `options.allow_close`). */
export interface ProjectFields {
  /** The manager, by email. */
  email_manager?: string;
  /** Who the project's new tasks go to by default, by email (or `ANY`). */
  email_user_to?: string;
  /** Members, by email, comma-separated. */
  members?: string;
  text?: string;
  /** The project folder, by name. */
  company?: string;
  datestart?: WorksectionDate;
  dateend?: WorksectionDate;
  /** Extra data in the answer, as for `get_project`. */
  extra?: string;
  /** Time estimate, in hours. */
  max_time?: number;
  /** Budget, in the account's currency. */
  max_money?: number;
  /** Tags, by id or name, comma-separated. */
  tags?: string;
  [option: `options.${string}`]: string | number | undefined;
}

/** Parameters of `post_project`. */
export interface PostProjectParams extends ProjectFields {
  title: string;
  /**
   * Files for the project's description, as `attach[0]`, `attach[1]`… parts of a `multipart/form-data` POST, the other
   * parameters in the query string (Worksection's FAQ, https://worksection.com/en/faq/api-files.html).
   */
  attach?: readonly UploadFile[];
}

/** Parameters of `update_project`. */
export interface UpdateProjectParams extends ProjectFields {
  id_project: WorksectionId;
  title?: string;
}

/** Parameters of the actions that take a project and nothing else (`close_project`, `activate_project`). */
export interface ProjectRef {
  id_project: WorksectionId;
}

/** Parameters of `add_project_members` and `delete_project_members`. */
export interface ProjectMembersParams {
  id_project: WorksectionId;
  /** Members, by email. */
  members: string[];
}

/** A project folder (`get_project_groups`). */
export interface WorksectionProjectGroup {
  id: WorksectionId;
  title: string;
  type?: string;
  client?: boolean | number;
  [field: string]: unknown;
}

/** Parameters of `add_project_group`. */
export interface AddProjectGroupParams {
  title: string;
}

/** Parameters of `get_events`. */
export interface GetEventsParams {
  /** How far back: `1m`–`360m` (minutes), `1h`–`72h` or `1d`–`30d`. */
  period: `${number}${'m' | 'h' | 'd'}`;
  /** One project's events only. */
  id_project?: WorksectionId;
}

/** Something that happened in the account (`get_events`). */
export interface WorksectionEvent {
  /** `post`, `update`, `delete`, `close` or `reopen`. */
  action: 'post' | 'update' | 'delete' | 'close' | 'reopen' | (string & {});
  date_added: string;
  /** What it happened to: its `type` (`project`, `task`, `comment`…), `id` and `page`. */
  object: { id: WorksectionId; type: string; page: string; [field: string]: unknown };
  user_from?: WorksectionUserRef | null;
  /** The changed fields' new values. */
  new?: Record<string, unknown>;
  /** The changed fields' old values. */
  old?: Record<string, unknown>;
  [field: string]: unknown;
}

/** The Projects actions (project tags are with the tags). */
export interface ProjectActions {
  get_projects: { params: GetProjectsParams; result: WorksectionProject[] };
  get_project: { params: GetProjectParams; result: WorksectionProject };
  post_project: { params: PostProjectParams; result: WorksectionProject };
  update_project: { params: UpdateProjectParams; result: WorksectionProject };
  close_project: { params: ProjectRef; result: WorksectionOk };
  activate_project: { params: ProjectRef; result: WorksectionOk };
  add_project_members: { params: ProjectMembersParams; result: WorksectionOk };
  delete_project_members: { params: ProjectMembersParams; result: WorksectionOk };
  get_project_groups: { params: Record<string, never>; result: WorksectionProjectGroup[] };
  add_project_group: { params: AddProjectGroupParams; result: WorksectionProjectGroup };
  get_events: { params: GetEventsParams; result: WorksectionEvent[] };
  get_project_custom_fields: { params: Record<string, never>; result: WorksectionCustomField[] };
}

/**
 * Projects, their members, folders and events: `client.projects`. `Post` is what `create()` takes: the admin client's
 * adds the author (`email_user_from`).
 */
export class ProjectsApi<Post extends PostProjectParams = PostProjectParams> {
  /** @internal */
  constructor(private readonly client: ActionCaller<ProjectActions>) {}

  /** The projects the user can see (`get_projects`; `projects_read`). */
  async list(params: GetProjectsParams = {}, options?: CallOptions): Promise<WorksectionList<WorksectionProject>> {
    return asList('get_projects', await this.client.call('get_projects', params, options));
  }

  /** One project (`get_project`; `projects_read`). */
  async get(params: GetProjectParams, options?: CallOptions): Promise<WorksectionProject> {
    return asOne('get_project', await this.client.call('get_project', params, options));
  }

  /** Creates a project (`post_project`; `projects_write`). */
  async create(params: Post, options?: CallOptions): Promise<WorksectionProject> {
    return asOne('post_project', await this.client.call('post_project', params, options));
  }

  /** Changes a project (`update_project`; `projects_write`). */
  async update(params: UpdateProjectParams, options?: CallOptions): Promise<WorksectionProject> {
    return asOne('update_project', await this.client.call('update_project', params, options));
  }

  /** Archives a project (`close_project`; `projects_write`). */
  async close(params: ProjectRef, options?: CallOptions): Promise<void> {
    await this.client.call('close_project', params, options);
  }

  /** Makes an archived project active again (`activate_project`; `projects_write`). */
  async activate(params: ProjectRef, options?: CallOptions): Promise<void> {
    await this.client.call('activate_project', params, options);
  }

  /** Adds members to a project (`add_project_members`; `projects_write`). */
  async addMembers(params: ProjectMembersParams, options?: CallOptions): Promise<void> {
    await this.client.call('add_project_members', params, options);
  }

  /** Removes members from a project (`delete_project_members`; `projects_write`). */
  async removeMembers(params: ProjectMembersParams, options?: CallOptions): Promise<void> {
    await this.client.call('delete_project_members', params, options);
  }

  /** The project folders (`get_project_groups`; `projects_read`). */
  async groups(options?: CallOptions): Promise<WorksectionList<WorksectionProjectGroup>> {
    return asList('get_project_groups', await this.client.call('get_project_groups', {}, options));
  }

  /**
   * Creates a project folder (`add_project_group`; `projects_write`, inferred). The action name is singular in every
   * official client (worksection/php-api-client `src/Resources/ProjectsResource.php` createGroup) and in the
   * collection's saved "add_project_group" example; earlier versions of this package sent `add_project_groups`, which Worksection
   * answers "Action is invalid".
   */
  async addGroup(params: AddProjectGroupParams, options?: CallOptions): Promise<WorksectionProjectGroup> {
    return asOne('add_project_group', await this.client.call('add_project_group', params, options));
  }

  /** What happened in the account, or one project, over `period` (`get_events`; `projects_read`). */
  async events(params: GetEventsParams, options?: CallOptions): Promise<WorksectionList<WorksectionEvent>> {
    return asList('get_events', await this.client.call('get_events', params, options));
  }

  /** The projects' custom fields (`get_project_custom_fields`; `projects_read`, inferred). */
  async customFields(options?: CallOptions): Promise<WorksectionList<WorksectionCustomField>> {
    return asList('get_project_custom_fields', await this.client.call('get_project_custom_fields', {}, options));
  }
}
