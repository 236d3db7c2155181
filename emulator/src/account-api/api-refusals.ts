import { ApiError } from '../errors/api-error';

/*
 * Worksection's error codes with its texts, as the live answers of the "Client API" Postman collection show them
 * (emulator/test/account-api/live-collection.test.ts replays every one). `message_details` is sent only with the
 * messages live sends it with: "Field is required", "At least one of fields required", "Invalid email" and
 * "Tag is invalid"; never with an unknown id, a state refusal or a timer refusal. "Action is invalid" and "Action is
 * required" follow the old FAQ's code list (https://docsbay.net/worksection-clients-api-v-01, a mirror of it).
 */

/** 0: the action is not one the emulator serves (`ACTION_SCOPES`); the details name it (inferred). */
export const actionInvalid = (action: string) => new ApiError(0, 'Action is invalid', action);
/** 1: no `action` parameter. */
export const actionRequired = () => new ApiError(1, 'Action is required');
/** 3: a `page` parameter that names no project or task (old FAQ's code list). */
export const pageInvalid = () => new ApiError(3, 'Page is invalid');
/** 4: no such project (collection: get_project / error). */
export const projectInvalid = () => new ApiError(4, 'Project is invalid');
/** 4: no such file (collection: download / error). */
export const fileNotFound = () => new ApiError(4, 'File not found');
/** 5: no such task (collection: get_task / error). */
export const taskInvalid = () => new ApiError(5, 'Task is invalid');
/** 6: the caller's timer already runs (collection: start_my_timer / error). */
export const timerStarted = () => new ApiError(6, 'Timer is already started');
/** 7: the caller has no running timer (collection: stop_my_timer / error). */
export const timerNotStarted = () => new ApiError(7, 'Timer is not started');
/** 7: no timer with this id (collection: stop_timer / error). */
export const timerNotFound = () => new ApiError(7, 'Timer not found');
/** 8: the task is closed and cannot take this change (collection: post_task / error under a closed parent). */
export const taskClosed = () => new ApiError(8, 'Task is closed');
/** 10: a required field is missing, or has a value the action cannot use (collection: get_events / error, period=60d). */
export const fieldRequired = (field: string) => new ApiError(10, 'Field is required', field);
/**
 * 10: a field has a value the action cannot use. Live answers such a value as missing ("Field is required" naming the
 * field, collection: get_events / error); `why` is the emulator's reason, kept on the error for in-process callers only.
 */
export const fieldInvalid = (field: string, why: string) => new ApiError(10, 'Field is required', field, 200, why);
/** 10: none of the fields one of which is needed (collection: search_tasks / error); the details list them. */
export const oneOfRequired = (fields: readonly string[]) => new ApiError(10, 'At least one of fields required', fields.join(', '));
/** 10: no webhook with this id (collection: delete_webhook / error). */
export const webhookNotFound = () => new ApiError(10, 'WebHook not found');
/** 11: not an email address, or not one of the account's; the details are the whole value sent (collection: subscribe / error). */
export const emailInvalid = (value: string) => new ApiError(11, 'Invalid email', value);
/** 11: more than one of the mutually exclusive time options set to 1 (collection: post_project / error). */
export const timeOptionsExclusive = () =>
  new ApiError(11, 'Only one parameter (options.time_require or options.time_today or options.timer_only) can be set as 1.');
/** 12: closing what is closed, or activating what is active (collection: close_project / error). */
export const alreadyInState = (what: 'Task' | 'Project', state: 'closed' | 'active') => new ApiError(12, `${what} is already ${state}`);
/** 13: the task has open subtasks (collection: complete_task / error). */
export const taskHasChildren = () => new ApiError(13, 'Task has children');
/** 14: reopening a subtask whose parent is closed (collection: reopen_task / error). */
export const parentTaskDone = () => new ApiError(14, 'Parent task is done');
/** 16: no such tag (or tag group); the details name it (collection: update_task_tags / error). */
export const tagInvalid = (tag: string) => new ApiError(16, 'Tag is invalid', tag);
