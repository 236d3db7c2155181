import type { Scope } from '../oauth/scopes';

/** One account-API action as the emulator serves it: the scope a token needs for it, and where the row comes from. */
export interface ActionRow {
  /** The scope a token must hold to call the action; `null`: none. */
  readonly scope: Scope | null;
  /**
   * Where the action and its scope come from: the Worksection material that names the action, and for the scope
   * always "inferred" (Worksection publishes no action → scope table: every scope here follows the scope names).
   */
  readonly source: string;
}

// The action is a request of Worksection's "Worksection Client API" Postman collection (57 requests, with answers
// saved from the live server); the scope follows the scope names.
const pm = (scope: Scope | null): ActionRow => ({ scope, source: 'Postman Client API request of this name; scope inferred' });
// The action is not in the collection; Worksection's official Python client (worksection/python-api-client 2.1,
// worksection/resources/<file>) calls it.
const py = (file: string, scope: Scope): ActionRow => ({ scope, source: `python-api-client ${file}; scope inferred` });

/**
 * Every account-API action the emulator serves at `{account_url}/api/oauth2`, with the scope it asks of the token:
 * 61, Worksection's 63 less `get_timers` and `stop_timer`, which its official clients send with the admin key only
 * (`ADMIN_ONLY_ACTIONS` in `src/admin-api/admin-actions.ts`, the admin API's own table).
 * The emulator's own table, written from Worksection's material and not imported from `passport-worksection`, so that
 * a contract test (the repository's `test/contract/scope-tables.test.ts`) can hold the two against each other.
 * The project-folder action is `add_project_group`, the name in the collection's saved answers and in every official
 * client; `add_project_groups`, in the collection's hand-typed request URL only, is answered as any unknown action
 * ("Action is invalid"): what live answers to it is not published (inferred).
 */
export const ACTION_SCOPES = {
  me: pm(null),

  get_users: pm('users_read'),
  add_user: pm('users_write'),
  get_user_groups: pm('users_read'),
  add_user_group: pm('users_write'),
  get_users_schedule: py('members_resource.py', 'users_read'),
  update_users_schedule: py('members_resource.py', 'users_write'),
  subscribe: pm('tasks_write'),
  unsubscribe: pm('tasks_write'),

  get_contacts: pm('contacts_read'),
  add_contact: pm('contacts_write'),
  get_contact_groups: pm('contacts_read'),
  add_contact_group: pm('contacts_write'),

  get_projects: pm('projects_read'),
  get_project: pm('projects_read'),
  post_project: pm('projects_write'),
  update_project: pm('projects_write'),
  close_project: pm('projects_write'),
  activate_project: pm('projects_write'),
  add_project_members: pm('projects_write'),
  delete_project_members: pm('projects_write'),
  get_project_groups: pm('projects_read'),
  add_project_group: pm('projects_write'),
  get_events: pm('projects_read'),
  get_project_custom_fields: py('projects_resource.py', 'projects_read'),

  get_all_tasks: pm('tasks_read'),
  get_tasks: pm('tasks_read'),
  get_task: pm('tasks_read'),
  search_tasks: pm('tasks_read'),
  get_task_custom_fields: py('tasks_resource.py', 'tasks_read'),
  post_task: pm('tasks_write'),
  update_task: pm('tasks_write'),
  complete_task: pm('tasks_write'),
  reopen_task: pm('tasks_write'),

  get_comments: pm('comments_read'),
  post_comment: pm('comments_write'),

  get_task_tags: pm('tags_read'),
  get_task_tag_groups: pm('tags_read'),
  add_task_tags: pm('tags_write'),
  update_task_tags: pm('tags_write'),
  add_task_tag_groups: pm('tags_write'),
  get_project_tags: pm('tags_read'),
  get_project_tag_groups: pm('tags_read'),
  add_project_tags: pm('tags_write'),
  update_project_tags: pm('tags_write'),
  add_project_tag_groups: pm('tags_write'),

  get_costs: pm('costs_read'),
  get_costs_total: pm('costs_read'),
  add_costs: pm('costs_write'),
  update_costs: pm('costs_write'),
  delete_costs: pm('costs_write'),

  get_my_timer: pm('costs_read'),
  start_my_timer: pm('costs_write'),
  stop_my_timer: pm('costs_write'),
  delete_my_timer: py('user_resource.py', 'costs_write'),

  get_files: pm('files_read'),
  download: pm('files_read'),
  upload_files: py('files_resource.py', 'files_write'),

  get_webhooks: pm('administrative'),
  add_webhook: pm('administrative'),
  delete_webhook: pm('administrative'),
} as const satisfies Record<string, ActionRow>;

/** The name of one of the actions the emulator serves. */
export type ActionName = keyof typeof ACTION_SCOPES;

/** Whether `name` is one of the actions the emulator serves (own keys only: `"__proto__"` is not an action). */
export function isActionName(name: string): name is ActionName {
  return Object.hasOwn(ACTION_SCOPES, name);
}
