import type { Scope } from './scopes';

/** Where an action's scope comes from: Worksection's docs (`documented`) or our reading of the scope names (`inferred`). */
export type ScopeSource = 'documented' | 'inferred';

/** The scope an account-API action needs, and whether Worksection says so. `scope: null`: no scope (`me`). */
export interface ActionScope {
  readonly scope: Scope | null;
  readonly source: ScopeSource;
}

const doc = (scope: Scope | null): ActionScope => ({ scope, source: 'documented' });
const inf = (scope: Scope): ActionScope => ({ scope, source: 'inferred' });

/**
 * Every one of the 63 account-API actions an OAuth token can call, with the scope it needs.
 * Worksection publishes no action → scope table: rows marked `inferred` follow the scope names and may be wrong,
 * so nothing here blocks a call; it is for choosing the scopes to ask for at sign-in, and for naming the scope in
 * a refusal ({@link WorksectionApiError.scope}).
 */
export const ACTION_SCOPES = {
  me: doc(null),

  get_users: doc('users_read'),
  add_user: inf('users_write'),
  get_user_groups: doc('users_read'),
  add_user_group: inf('users_write'),
  get_users_schedule: doc('users_read'),
  update_users_schedule: inf('users_write'),
  subscribe: inf('tasks_write'),
  unsubscribe: inf('tasks_write'),

  get_contacts: doc('contacts_read'),
  add_contact: inf('contacts_write'),
  get_contact_groups: doc('contacts_read'),
  add_contact_group: inf('contacts_write'),

  get_projects: doc('projects_read'),
  get_project: doc('projects_read'),
  post_project: inf('projects_write'),
  update_project: inf('projects_write'),
  close_project: inf('projects_write'),
  activate_project: inf('projects_write'),
  add_project_members: inf('projects_write'),
  delete_project_members: inf('projects_write'),
  get_project_groups: doc('projects_read'),
  add_project_groups: inf('projects_write'),
  get_events: doc('projects_read'),
  get_project_custom_fields: inf('projects_read'),

  get_all_tasks: doc('tasks_read'),
  get_tasks: doc('tasks_read'),
  get_task: doc('tasks_read'),
  search_tasks: doc('tasks_read'),
  get_task_custom_fields: inf('tasks_read'),
  post_task: inf('tasks_write'),
  update_task: inf('tasks_write'),
  complete_task: inf('tasks_write'),
  reopen_task: inf('tasks_write'),

  get_comments: doc('comments_read'),
  post_comment: doc('comments_write'),

  get_task_tags: doc('tags_read'),
  get_task_tag_groups: doc('tags_read'),
  add_task_tags: inf('tags_write'),
  update_task_tags: inf('tags_write'),
  add_task_tag_groups: inf('tags_write'),
  get_project_tags: doc('tags_read'),
  get_project_tag_groups: doc('tags_read'),
  add_project_tags: inf('tags_write'),
  update_project_tags: inf('tags_write'),
  add_project_tag_groups: inf('tags_write'),

  get_costs: doc('costs_read'),
  get_costs_total: doc('costs_read'),
  add_costs: inf('costs_write'),
  update_costs: inf('costs_write'),
  delete_costs: inf('costs_write'),

  get_timers: doc('costs_read'),
  stop_timer: inf('costs_write'),
  get_my_timer: doc('costs_read'),
  start_my_timer: inf('costs_write'),
  stop_my_timer: inf('costs_write'),
  delete_my_timer: inf('costs_write'),

  get_files: doc('files_read'),
  download: doc('files_read'),
  upload_files: inf('files_write'),

  get_webhooks: inf('administrative'),
  add_webhook: inf('administrative'),
  delete_webhook: inf('administrative'),
} as const satisfies Record<string, ActionScope>;

/** The name of one of the 63 account-API actions an OAuth token can call. */
export type ActionName = keyof typeof ACTION_SCOPES;

/** Whether `name` is one of the 63 account-API actions (own keys only: `"__proto__"` is not an action). */
export function isActionName(name: string): name is ActionName {
  return Object.hasOwn(ACTION_SCOPES, name);
}

/** The scope `action` needs (`null`: none), or `undefined` for a name that is not an action. */
export function scopeOf(action: string): Scope | null | undefined {
  return isActionName(action) ? ACTION_SCOPES[action].scope : undefined;
}
