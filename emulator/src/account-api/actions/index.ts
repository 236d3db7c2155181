import type { ActionName } from '../action-scopes';
import type { AdminOnlyActionName } from '../../admin-api/admin-actions';
import type { ActionHandler } from './action';
import { COMMENT_ACTIONS } from './comments';
import { CONTACT_ACTIONS } from './contacts';
import { COST_ACTIONS } from './costs';
import { FILE_ACTIONS } from './files';
import { PROJECT_ACTIONS } from './projects';
import { SELF_ACTIONS } from './self';
import { TAG_ACTIONS } from './tags';
import { TASK_ACTIONS } from './tasks';
import { TIMER_ACTIONS } from './timers';
import { USER_ACTIONS } from './users';
import { WEBHOOK_ACTIONS } from './webhooks';

// The account's timers are the admin API's alone; the user's own timer is OAuth's (src/admin-api/admin-actions.ts).
const { get_timers, stop_timer, ...OWN_TIMER_ACTIONS } = TIMER_ACTIONS;

/** A handler for every action of `ACTION_SCOPES`; the type makes a missing (or misspelt) action a compile error. */
export const ACTION_HANDLERS: Readonly<Record<ActionName, ActionHandler>> = {
  ...SELF_ACTIONS,
  ...USER_ACTIONS,
  ...CONTACT_ACTIONS,
  ...PROJECT_ACTIONS,
  ...TASK_ACTIONS,
  ...COMMENT_ACTIONS,
  ...TAG_ACTIONS,
  ...COST_ACTIONS,
  ...OWN_TIMER_ACTIONS,
  ...FILE_ACTIONS,
  ...WEBHOOK_ACTIONS,
};

/** A handler for each action the admin API alone serves. */
export const ADMIN_ONLY_HANDLERS: Readonly<Record<AdminOnlyActionName, ActionHandler>> = { get_timers, stop_timer };
