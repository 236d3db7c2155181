// The entry `passport-worksection/client`: the account-API client, re-exports only. Sign-in is the root entry's.

export { WorksectionClient } from './client';
export type { CallOptions, ClientTokens, RefreshLock, TokenRefresher, WorksectionClientOptions } from './options';
// The types the client's options and answers use, so that a client user needs no second import.
export type { TokenSet } from '../oauth/token-set';
export type { FetchFunction } from '../http/settings';
// The `transport` option takes one: the same class as the root entry's.
export { NodeTransport } from '../http/node-transport';

// The 63 actions: their scopes, names and types
export { ACTION_SCOPES, isActionName, scopeOf } from '../oauth/action-scopes';
export type { ActionName, ActionScope, ScopeSource } from '../oauth/action-scopes';
export type { ActionArgs, ActionMap, ActionParams, ActionResult } from './actions/action-map';
export { RECORD_CAP } from './list-cap';
export type { WorksectionList } from './list-cap';
export type { WorksectionMe, WorksectionProject, WorksectionTask, WorksectionUser, WorksectionUserRef } from './api-types';
export type {
  WorksectionCustomField,
  WorksectionCustomValue,
  WorksectionDate,
  WorksectionFlag,
  WorksectionId,
  WorksectionOk,
} from './actions/values';
export type { MeParams } from './actions/self';
// The action groups (`client.users`, `client.tasks`…) are made by the client: their types only.
export type { UsersApi } from './actions/users';
export type {
  AddUserGroupParams,
  AddUserParams,
  GetUsersParams,
  GetUsersScheduleParams,
  UpdateUsersScheduleAnswer,
  UpdateUsersScheduleParams,
  WorksectionSchedule,
  WorksectionScheduleDay,
  WorksectionScheduleUpdate,
  WorksectionUserGroup,
  WorksectionUsersSchedule,
} from './actions/users';
export type { ContactsApi } from './actions/contacts';
export type { AddContactGroupParams, AddContactParams, WorksectionContact, WorksectionContactGroup } from './actions/contacts';
export type { ProjectsApi } from './actions/projects';
export type {
  AddProjectGroupParams,
  GetEventsParams,
  GetProjectParams,
  GetProjectsParams,
  PostProjectParams,
  ProjectFields,
  ProjectMembersParams,
  ProjectRef,
  UpdateProjectParams,
  WorksectionEvent,
  WorksectionProjectGroup,
} from './actions/projects';
export type { TasksApi } from './actions/tasks';
export type {
  GetAllTasksParams,
  GetTaskParams,
  GetTasksParams,
  PostTaskParams,
  SearchTasksParams,
  TaskFields,
  TaskRef,
  TaskSubscriptionParams,
  UpdateTaskParams,
} from './actions/tasks';
export type { CommentsApi } from './actions/comments';
export type { GetCommentsParams, PostCommentParams, WorksectionComment } from './actions/comments';
export type { TagsApi } from './actions/tags';
export type {
  AddProjectTagGroupParams,
  AddTagsParams,
  AddTaskTagGroupParams,
  GetTagGroupsParams,
  GetTagsParams,
  UpdateProjectTagsParams,
  UpdateTaskTagsParams,
  WorksectionTag,
  WorksectionTagGroup,
} from './actions/tags';
export type { CostsApi } from './actions/costs';
export type {
  AddCostsParams,
  CostFields,
  DeleteCostsParams,
  GetCostsParams,
  GetCostsTotalParams,
  UpdateCostsParams,
  WorksectionCost,
  WorksectionCostProject,
  WorksectionCostTask,
  WorksectionCostTotal,
  WorksectionCostTotals,
} from './actions/costs';
export type { AdminTimersApi, TimersApi } from './actions/timers';
export type { StartMyTimerParams, StopMyTimerParams, StopTimerParams, WorksectionMyTimer, WorksectionTimer } from './actions/timers';
export type { FilesApi } from './actions/files';
export type {
  DownloadParams,
  GetFilesParams,
  UploadFile,
  UploadFilesParams,
  WorksectionDownload,
  WorksectionFile,
  WorksectionUploadedFile,
} from './actions/files';
export type { WebhooksApi } from './actions/webhooks';
export type { AddWebhookParams, DeleteWebhookParams, NewWebhook, WebhookEvent, WorksectionWebhook } from './actions/webhooks';

// The admin API: the account's API key instead of a user's token
export { WorksectionAdminClient } from './admin/admin-client';
export type { WorksectionAdminClientOptions } from './admin/admin-options';
export type {
  AdminActionArgs,
  AdminActionMap,
  AdminActionName,
  AdminActionParams,
  AdminActionResult,
  AdminAddCostsParams,
  AdminPostCommentParams,
  AdminPostProjectParams,
  AdminPostTaskParams,
} from './admin/admin-actions';

// Errors: the very classes and codes of the root entry (one module each, so `instanceof` holds across entries).
export * from '../errors';

// Webhooks: the receiver of Worksection's deliveries (framework-free, and as Express/Connect middleware)
export * from '../webhooks';
