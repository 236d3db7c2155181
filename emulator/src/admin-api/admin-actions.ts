import { isActionName, type ActionName } from '../account-api/action-scopes';

/** One action that only one of the two APIs serves, and where that comes from. */
export interface OneApiActionRow {
  /** The Worksection material that says which API the action belongs to. */
  readonly source: string;
}

/**
 * The actions the emulator serves on the admin API only (`{account_url}/api/admin/v2`): the account's timers. The
 * emulator's own table, not imported from `passport-worksection`. Over OAuth (`/api/oauth2`) they are answered as
 * any unknown action, "Action is invalid" (code 0): what live answers a token there is not published (inferred).
 */
export const ADMIN_ONLY_ACTIONS = {
  get_timers: {
    source:
      'Postman Client API request get_timers, labelled "admin method" in the collection\'s timers folder; ' +
      "worksection/php-api-client src/Resources/TimersResource.php @401a4f21 all() (callAdminAction('get_timers'))",
  },
  stop_timer: {
    source:
      'Postman Client API request stop_timer, labelled "admin method" in the collection\'s timers folder; ' +
      "worksection/php-api-client src/Resources/TimersResource.php @401a4f21 stop() (callAdminAction('stop_timer'))",
  },
} as const satisfies Record<string, OneApiActionRow>;

/** The name of an action the admin API alone serves. */
export type AdminOnlyActionName = keyof typeof ADMIN_ONLY_ACTIONS;

// worksection/php-api-client src/Resources/UserResource.php @401a4f21 sends each of these with callUserAction (a
// user's token) and never with the key; the collection's timers folder calls the own-timer actions "user method".
const USER_RESOURCE = (method: string, action: string): OneApiActionRow => ({
  source: `worksection/php-api-client src/Resources/UserResource.php @401a4f21 ${method}() (callUserAction('${action}'))`,
});

/**
 * The actions of `ACTION_SCOPES` that need a user behind the call: the user's profile and own timer. The admin
 * API answers them as any unknown action, "Action is invalid" (code 0): no source gives live's answer (inferred).
 */
export const OAUTH_ONLY_ACTIONS = {
  me: USER_RESOURCE('profile', 'me'),
  get_my_timer: USER_RESOURCE('timer', 'get_my_timer'),
  start_my_timer: USER_RESOURCE('start_timer', 'start_my_timer'),
  stop_my_timer: USER_RESOURCE('stop_timer', 'stop_my_timer'),
  delete_my_timer: USER_RESOURCE('discard_timer', 'delete_my_timer'),
} as const satisfies Partial<Record<ActionName, OneApiActionRow>>;

/** The name of an action the admin API serves. */
export type AdminActionName = Exclude<ActionName, keyof typeof OAUTH_ONLY_ACTIONS> | AdminOnlyActionName;

/** Whether `name` is one of {@link ADMIN_ONLY_ACTIONS} (own keys only). */
export function isAdminOnlyActionName(name: string): name is AdminOnlyActionName {
  return Object.hasOwn(ADMIN_ONLY_ACTIONS, name);
}

/** Whether the admin API serves `name` (own keys only: `"__proto__"` is not an action). */
export function isAdminActionName(name: string): name is AdminActionName {
  if (isAdminOnlyActionName(name)) return true;
  return isActionName(name) && !Object.hasOwn(OAUTH_ONLY_ACTIONS, name);
}

/**
 * Parameters the admin API requires beyond what the same action requires over OAuth. `add_costs` must name whose
 * entry it is: "required when use admin token, when use access token - will be set automatically"
 * (worksection/worksection-php-sdk `src/Entity/CostsEntity.php` @06b68895). Elsewhere `email_user_from` stays
 * optional: without it the author is the account's owner (inferred).
 */
export const ADMIN_REQUIRED_PARAMS: Partial<Record<AdminActionName, readonly string[]>> = {
  add_costs: ['email_user_from'],
};
