import type { Scope } from './scopes';

/**
 * Where an action's scope comes from: Worksection's docs (`documented`) or our reading of the scope names
 * (`inferred`). Every row of {@link ACTION_SCOPES} is `inferred` today: `documented` is kept for when Worksection
 * publishes its own table.
 */
export type ScopeSource = 'documented' | 'inferred';

/** The scope an account-API action needs, and whether Worksection says so. `scope: null`: no scope (`me`). */
export interface ActionScope {
  readonly scope: Scope | null;
  readonly source: ScopeSource;
}

const inf = (scope: Scope | null): ActionScope => ({ scope, source: 'inferred' });

/**
 * Every account-API action an OAuth token can call (61: the 63 actions of Worksection's API less `get_timers` and
 * `stop_timer`, which its official clients send with the admin key only — see {@link WorksectionAdminClient}), with
 * the scope it needs.
 *
 * Every row is inferred. Worksection publishes the 17 scope names (FAQ https://worksection.com/en/faq/oauth.html,
 * "Authorization code OAuth 2.0"; the README of worksection/php-api-client, "Available OAuth2 scopes") but no
 * action → scope table: no FAQ page, official client or collection request says which scope an action needs — not
 * even that the webhook actions need `administrative` (the webhooks FAQ, https://worksection.com/en/faq/webhooks.html,
 * names no scope). The rows follow the scope names and may be wrong, so nothing here blocks a call; the table is for
 * choosing the scopes to ask for at sign-in, and for naming the scope in a refusal ({@link WorksectionApiError.scope}).
 */
export const ACTION_SCOPES = {
  me: inf(null),

  get_users: inf('users_read'),
  add_user: inf('users_write'),
  get_user_groups: inf('users_read'),
  add_user_group: inf('users_write'),
  get_users_schedule: inf('users_read'),
  update_users_schedule: inf('users_write'),
  subscribe: inf('tasks_write'),
  unsubscribe: inf('tasks_write'),

  get_contacts: inf('contacts_read'),
  add_contact: inf('contacts_write'),
  get_contact_groups: inf('contacts_read'),
  add_contact_group: inf('contacts_write'),

  get_projects: inf('projects_read'),
  get_project: inf('projects_read'),
  post_project: inf('projects_write'),
  update_project: inf('projects_write'),
  close_project: inf('projects_write'),
  activate_project: inf('projects_write'),
  add_project_members: inf('projects_write'),
  delete_project_members: inf('projects_write'),
  get_project_groups: inf('projects_read'),
  // The folder action is singular: every official client (worksection/php-api-client src/Resources/ProjectsResource.php
  // createGroup) and the saved answer of the collection's "add_project_group" request use add_project_group.
  add_project_group: inf('projects_write'),
  get_events: inf('projects_read'),
  get_project_custom_fields: inf('projects_read'),

  get_all_tasks: inf('tasks_read'),
  get_tasks: inf('tasks_read'),
  get_task: inf('tasks_read'),
  search_tasks: inf('tasks_read'),
  get_task_custom_fields: inf('tasks_read'),
  post_task: inf('tasks_write'),
  update_task: inf('tasks_write'),
  complete_task: inf('tasks_write'),
  reopen_task: inf('tasks_write'),

  get_comments: inf('comments_read'),
  post_comment: inf('comments_write'),

  get_task_tags: inf('tags_read'),
  get_task_tag_groups: inf('tags_read'),
  add_task_tags: inf('tags_write'),
  update_task_tags: inf('tags_write'),
  add_task_tag_groups: inf('tags_write'),
  get_project_tags: inf('tags_read'),
  get_project_tag_groups: inf('tags_read'),
  add_project_tags: inf('tags_write'),
  update_project_tags: inf('tags_write'),
  add_project_tag_groups: inf('tags_write'),

  get_costs: inf('costs_read'),
  get_costs_total: inf('costs_read'),
  add_costs: inf('costs_write'),
  update_costs: inf('costs_write'),
  delete_costs: inf('costs_write'),

  get_my_timer: inf('costs_read'),
  start_my_timer: inf('costs_write'),
  stop_my_timer: inf('costs_write'),
  delete_my_timer: inf('costs_write'),

  get_files: inf('files_read'),
  download: inf('files_read'),
  upload_files: inf('files_write'),

  get_webhooks: inf('administrative'),
  add_webhook: inf('administrative'),
  delete_webhook: inf('administrative'),
} as const satisfies Record<string, ActionScope>;

/** The name of one of the 61 account-API actions an OAuth token can call. */
export type ActionName = keyof typeof ACTION_SCOPES;

/** Whether `name` is one of the 61 account-API actions an OAuth token can call (own keys only: `"__proto__"` is not an action). */
export function isActionName(name: string): name is ActionName {
  return Object.hasOwn(ACTION_SCOPES, name);
}

/** The scope `action` needs (`null`: none), or `undefined` for a name that is not an action. */
export function scopeOf(action: string): Scope | null | undefined {
  return isActionName(action) ? ACTION_SCOPES[action].scope : undefined;
}
