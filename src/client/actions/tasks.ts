import type { WorksectionTask } from '../api-types';
import type { WorksectionList } from '../list-cap';
import type { CallOptions } from '../options';
import type { ActionCaller } from './action-map';
import type { UploadFile, WorksectionUploadedFile } from './files';
import { isRecord } from '../../shared/is-record';
import { asList, asOne } from './shape';
import type { WorksectionCustomField, WorksectionDate, WorksectionId, WorksectionOk } from './values';

/** Parameters of `get_all_tasks`: every task of every project. */
export interface GetAllTasksParams {
  /** `active`: open tasks only (Worksection has no filter for closed ones). */
  filter?: 'active';
  /** Extra data, comma-separated: `text` or `html`, `files`, `comments`, `relations`, `subtasks`, `archive`. */
  extra?: string;
}

/** Parameters of `get_tasks`: the tasks of one project. */
export interface GetTasksParams extends GetAllTasksParams {
  id_project: WorksectionId;
}

/** Parameters of `get_task`. */
export interface GetTaskParams {
  id_task: WorksectionId;
  /** `active`: leave closed subtasks out (with `extra=subtasks`; a parameter of the collection's "get_task" request). */
  filter?: 'active';
  /** Extra data, comma-separated: `text` or `html`, `files`, `comments`, `relations`, `subtasks`, `subscribers`, `custom_fields`. */
  extra?: string;
}

/** Parameters of `search_tasks`: at least one of `filter`, `id_project`, `id_task`, `email_user_from`, `email_user_to`. */
export interface SearchTasksParams {
  /** Worksection's query language, e.g. `name has 'Report' and dateadd > '01.01.2026'`. */
  filter?: string;
  id_project?: WorksectionId;
  id_task?: WorksectionId;
  email_user_from?: string;
  email_user_to?: string;
  status?: 'active' | 'done';
  extra?: string;
}

/** What `post_task` and `update_task` may set. */
export interface TaskFields {
  /** The assignee, by email, or `ANY` (anyone) / `NOONE`. */
  email_user_to?: string;
  /** 0 (lowest) to 10. */
  priority?: number;
  datestart?: WorksectionDate;
  dateend?: WorksectionDate;
  /** Time estimate, in hours. */
  max_time?: number;
  /** Budget, in the account's currency. */
  max_money?: number;
  /** Tags, by id or name, comma-separated. */
  tags?: string;
}

/** Parameters of `post_task`. */
export interface PostTaskParams extends TaskFields {
  id_project: WorksectionId;
  title: string;
  /** Makes it a subtask of this task. */
  id_parent?: WorksectionId;
  text?: string;
  /** A checklist, one item per entry. */
  todo?: string[];
  /** Subscribers, by email, comma-separated. */
  subscribe?: string;
  /** Who is mentioned, by email, comma-separated. */
  mention?: string;
  /** Who alone can see the task, by email, comma-separated. */
  hidden?: string;
  /** Files uploaded with `client.files.upload()`, attached to the description. */
  files?: WorksectionUploadedFile[];
  /**
   * Files sent with the call, as `attach[0]`, `attach[1]`… parts of a `multipart/form-data` POST, the other parameters
   * in the query string (Worksection's FAQ, https://worksection.com/en/faq/api-files.html). A list parameter (`todo`, `files`) cannot
   * go with it: attach those files with `client.files.upload()` and `files` instead.
   */
  attach?: readonly UploadFile[];
}

/** Parameters of `update_task`. */
export interface UpdateTaskParams extends TaskFields {
  id_task: WorksectionId;
  title?: string;
  dateclosed?: WorksectionDate;
}

/** Parameters of the actions that take a task and nothing else (`complete_task`, `reopen_task`). */
export interface TaskRef {
  id_task: WorksectionId;
}

/** Parameters of `subscribe` and `unsubscribe`. */
export interface TaskSubscriptionParams {
  id_task: WorksectionId;
  /** The member, by email. */
  email_user: string;
}

/** The Tasks actions, with `subscribe`/`unsubscribe` (task tags are with the tags). */
export interface TaskActions {
  get_all_tasks: { params: GetAllTasksParams; result: WorksectionTask[] };
  get_tasks: { params: GetTasksParams; result: WorksectionTask[] };
  get_task: { params: GetTaskParams; result: WorksectionTask };
  search_tasks: { params: SearchTasksParams; result: WorksectionTask[] };
  get_task_custom_fields: { params: Record<string, never>; result: WorksectionCustomField[] };
  post_task: { params: PostTaskParams; result: WorksectionTask };
  update_task: { params: UpdateTaskParams; result: WorksectionTask };
  /** Live, the closed task (the saved answer of the collection's "complete_task" request); `{}` from older servers. */
  complete_task: { params: TaskRef; result: WorksectionTask | WorksectionOk };
  reopen_task: { params: TaskRef; result: WorksectionOk };
  subscribe: { params: TaskSubscriptionParams; result: WorksectionOk };
  unsubscribe: { params: TaskSubscriptionParams; result: WorksectionOk };
}

/**
 * Tasks and their subscribers: `client.tasks`. `Post` is what `create()` takes: the admin client's adds the author
 * (`email_user_from`).
 */
export class TasksApi<Post extends PostTaskParams = PostTaskParams> {
  /** @internal */
  constructor(private readonly client: ActionCaller<TaskActions>) {}

  /** The tasks of one project (`get_tasks`; `tasks_read`). */
  async list(params: GetTasksParams, options?: CallOptions): Promise<WorksectionList<WorksectionTask>> {
    return asList('get_tasks', await this.client.call('get_tasks', params, options));
  }

  /**
   * Every task of every project (`get_all_tasks`; `tasks_read`). Over 10,000 tasks Worksection refuses: the call
   * rejects with a {@link WorksectionApiError} whose `limit` is 10000. Narrow it with `list({ id_project })`.
   */
  async listAll(params: GetAllTasksParams = {}, options?: CallOptions): Promise<WorksectionList<WorksectionTask>> {
    return asList('get_all_tasks', await this.client.call('get_all_tasks', params, options));
  }

  /** One task (`get_task`; `tasks_read`). */
  async get(params: GetTaskParams, options?: CallOptions): Promise<WorksectionTask> {
    return asOne('get_task', await this.client.call('get_task', params, options));
  }

  /** The tasks matching a query (`search_tasks`; `tasks_read`). */
  async search(params: SearchTasksParams, options?: CallOptions): Promise<WorksectionList<WorksectionTask>> {
    return asList('search_tasks', await this.client.call('search_tasks', params, options));
  }

  /** The tasks' custom fields (`get_task_custom_fields`; `tasks_read`, inferred). */
  async customFields(options?: CallOptions): Promise<WorksectionList<WorksectionCustomField>> {
    return asList('get_task_custom_fields', await this.client.call('get_task_custom_fields', {}, options));
  }

  /** Creates a task or, with `id_parent`, a subtask (`post_task`; `tasks_write`). */
  async create(params: Post, options?: CallOptions): Promise<WorksectionTask> {
    return asOne('post_task', await this.client.call('post_task', params, options));
  }

  /** Changes a task (`update_task`; `tasks_write`). */
  async update(params: UpdateTaskParams, options?: CallOptions): Promise<WorksectionTask> {
    return asOne('update_task', await this.client.call('update_task', params, options));
  }

  /**
   * Closes a task (`complete_task`; `tasks_write`, inferred) and resolves to it as Worksection answers it: live, the
   * closed task (the saved answer of the collection's "complete_task" request); `undefined` when the answer carries
   * no task (`{"status":"ok"}` alone, as older servers and the emulator answer).
   */
  async complete(params: TaskRef, options?: CallOptions): Promise<WorksectionTask | undefined> {
    const data: unknown = await this.client.call('complete_task', params, options);
    return isRecord(data) && typeof data.id === 'string' ? (data as WorksectionTask) : undefined;
  }

  /** Opens a closed task again (`reopen_task`; `tasks_write`). */
  async reopen(params: TaskRef, options?: CallOptions): Promise<void> {
    await this.client.call('reopen_task', params, options);
  }

  /** Subscribes a member to a task (`subscribe`; `tasks_write`, inferred). */
  async subscribe(params: TaskSubscriptionParams, options?: CallOptions): Promise<void> {
    await this.client.call('subscribe', params, options);
  }

  /** Unsubscribes a member from a task (`unsubscribe`; `tasks_write`, inferred). */
  async unsubscribe(params: TaskSubscriptionParams, options?: CallOptions): Promise<void> {
    await this.client.call('unsubscribe', params, options);
  }
}
