import { ApiError } from '../errors/api-error';

/*
 * Worksection's error codes (worksection-api.md) with the emulator's message texts. "Action is invalid",
 * "Action is required" and "Page is invalid" follow Worksection's admin-API docs; the other texts are the
 * emulator's guesses (listed in the README section), in the same "<Thing> is <state>" form.
 */

/** 0: the action is not one the emulator serves (`ACTION_SCOPES`). */
export const actionInvalid = (action: string) => new ApiError(0, 'Action is invalid', action);
/** 1: no `action` parameter. */
export const actionRequired = () => new ApiError(1, 'Action is required');
/** 3: a `page` parameter that names no project or task. */
export const pageInvalid = (page: string) => new ApiError(3, 'Page is invalid', page);
/** 4: no such project. */
export const projectInvalid = (id: string) => new ApiError(4, 'Project is invalid', id);
/** 4: no such file (Worksection reuses code 4). */
export const fileNotFound = (id: string) => new ApiError(4, 'File not found', id);
/** 5: no such task. */
export const taskInvalid = (id: string) => new ApiError(5, 'Task is invalid', id);
/** 6: no such timer, or no running timer. */
export const timerInvalid = (details: string) => new ApiError(6, 'Timer is invalid', details);
/** 7: a timer is already running for the user. */
export const timerRunning = (taskId: string) => new ApiError(7, 'Timer is already running', taskId);
/** 8: the task is closed and cannot take this change. */
export const taskClosed = (id: string) => new ApiError(8, 'Task is closed', id);
/** 10: a required field is missing; `details` names it. */
export const fieldRequired = (field: string) => new ApiError(10, 'Field is required', field);
/** 10: a field has a value the action cannot use (the emulator's guess at the code: Worksection documents none). */
export const fieldInvalid = (field: string, why: string) => new ApiError(10, 'Field is invalid', `${field}: ${why}`);
/** 11: not an email address, or not one of the account's. */
export const emailInvalid = (email: string) => new ApiError(11, 'Email is invalid', email);
/** 12: closing what is closed, or activating what is active. */
export const alreadyInState = (what: 'Task' | 'Project', state: 'closed' | 'active', id: string) =>
  new ApiError(12, `${what} is already ${state}`, id);
/** 13: the task has open subtasks. */
export const taskHasChildren = (id: string) => new ApiError(13, 'Task has children', id);
/** 14: the parent task is closed. */
export const parentTaskDone = (id: string) => new ApiError(14, 'Parent task is done', id);
/** 16: no such tag (or tag group). */
export const tagInvalid = (tag: string) => new ApiError(16, 'Tag is invalid', tag);
