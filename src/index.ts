// The package's one entry point: re-exports only. The emulator has its own (`passport-worksection/emulator`).

// Framework-free core
export { WorksectionOAuth } from './core/worksection-oauth';
export type { SignInResult, SignInTokens } from './core/worksection-oauth';
export type { WorksectionOAuthOptions } from './core/options';
export type { EndpointOptions } from './oauth/endpoints';

// Passport strategy
export { Strategy } from './strategy/strategy';
export type {
  AuthenticateOptions,
  SkipUserProfile,
  StateStore,
  StateStoreMeta,
  StateStoreStoreCallback,
  StateStoreVerifyCallback,
  StrategyOptions,
  StrategyOptionsBase,
  StrategyOptionsWithRequest,
  VerifyCallback,
  VerifyFunction,
  VerifyFunctionWithParams,
  VerifyFunctionWithRequest,
  VerifyFunctionWithRequestAndParams,
  VerifyFunctionWithObject,
  VerifyArguments,
  VerifyProfile,
} from './strategy/types';
export {
  ACCESS_DENIED_MESSAGE,
  CODE_EXPIRED_MESSAGE,
  CODE_INVALID_MESSAGE,
  CODE_USED_MESSAGE,
  NO_CODE_MESSAGE,
  STATE_MESSAGE,
  MALFORMED_CALLBACK_MESSAGE,
  ACCOUNT_NOT_ALLOWED_MESSAGE,
} from './oauth/fail-messages';

// Worksection's OAuth 2.0 protocol
export { SCOPES, isScope, splitScopes } from './oauth/scopes';
export type { Scope } from './oauth/scopes';
export { parseProfile } from './oauth/profile';
export type { WorksectionProfile, WorksectionUserInfo } from './oauth/profile';
export type { TokenSet } from './oauth/token-set';
export type { TokenParams } from './oauth/token-params';
export { MAX_EXPIRES_IN } from './oauth/token-request';
export { DEFAULT_BASE_URL } from './oauth/endpoints';
export type { Endpoints } from './oauth/endpoints';

// The sealed state cookie (framework-free)
export { StateCookie, STATE_COOKIE_NAME, STATE_MAX_AGE } from './state-cookie/state-cookie';
export type { CheckedState, IssuedState, StateCookieOptions } from './state-cookie/state-cookie';

// HTTP
export { DEFAULT_TIMEOUT } from './http/settings';
export type { FetchFunction } from './http/settings';
export { NodeTransport, defaultNodeTransport } from './http/node-transport';
export { MAX_BODY_BYTES } from './http/answer';

// Account-API client
export { WorksectionClient } from './client/client';
export type { CallOptions, ClientTokens, RefreshLock, TokenRefresher, WorksectionClientOptions } from './client/options';
export { CallSpacer, DEFAULT_MAX_QUEUE_WAIT, DEFAULT_MIN_INTERVAL, defaultCallSpacer } from './client/call-spacer';
export type { ScheduleOptions } from './client/call-spacer';
export { RefreshOutcomes, ROTATION_MEMORY_MS, defaultRefreshOutcomes } from './client/refresh-outcomes';
export type { RefreshOutcome } from './client/refresh-outcomes';
export type {
  ApiParams,
  WorksectionMe,
  WorksectionProject,
  WorksectionTask,
  WorksectionUser,
  WorksectionUserRef,
} from './client/api-types';
export { ACTION_SCOPES, isActionName, scopeOf } from './oauth/action-scopes';
export type { ActionName, ActionScope, ScopeSource } from './oauth/action-scopes';
export type { ActionArgs, ActionMap, ActionParams, ActionResult } from './client/actions/action-map';
export { RECORD_CAP } from './client/list-cap';
export type { WorksectionList } from './client/list-cap';
export { MAX_API_BODY_BYTES } from './http/stream-request';
export type {
  WorksectionCustomField,
  WorksectionCustomValue,
  WorksectionDate,
  WorksectionFlag,
  WorksectionId,
  WorksectionOk,
} from './client/actions/values';
export type { MeParams } from './client/actions/self';
export { UsersApi } from './client/actions/users';
export type {
  AddUserGroupParams,
  AddUserParams,
  GetUsersParams,
  GetUsersScheduleParams,
  UpdateUsersScheduleParams,
  WorksectionSchedule,
  WorksectionUserGroup,
} from './client/actions/users';
export { ContactsApi } from './client/actions/contacts';
export type { AddContactGroupParams, AddContactParams, WorksectionContact, WorksectionContactGroup } from './client/actions/contacts';
export { ProjectsApi } from './client/actions/projects';
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
} from './client/actions/projects';
export { TasksApi } from './client/actions/tasks';
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
} from './client/actions/tasks';
export { CommentsApi } from './client/actions/comments';
export type { GetCommentsParams, PostCommentParams, WorksectionComment } from './client/actions/comments';
export { TagsApi } from './client/actions/tags';
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
} from './client/actions/tags';
export { CostsApi } from './client/actions/costs';
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
} from './client/actions/costs';
export { TimersApi } from './client/actions/timers';
export type { StartMyTimerParams, StopMyTimerParams, StopTimerParams, WorksectionTimer } from './client/actions/timers';
export { FilesApi } from './client/actions/files';
export type {
  DownloadParams,
  GetFilesParams,
  UploadFile,
  UploadFilesParams,
  WorksectionDownload,
  WorksectionFile,
  WorksectionUploadedFile,
} from './client/actions/files';
export { WebhooksApi } from './client/actions/webhooks';
export type { AddWebhookParams, DeleteWebhookParams, NewWebhook, WebhookEvent, WorksectionWebhook } from './client/actions/webhooks';

// Errors
export { WorksectionError } from './errors/worksection-error';
export type { ResponseFacts } from './errors/worksection-error';
export { WorksectionOAuthError } from './errors/oauth-error';
export { WorksectionResponseError } from './errors/response-error';
export { WorksectionTimeoutError } from './errors/timeout-error';
export { WorksectionNetworkError } from './errors/network-error';
export { WorksectionConfigError } from './errors/config-error';
export { WorksectionArgumentError } from './errors/argument-error';
export { WorksectionApiError } from './errors/api-error';
export type { ApiRefusalFacts } from './errors/api-error';
export { WorksectionReauthError } from './errors/reauth-error';
export { WorksectionRefreshError } from './errors/refresh-error';
export { WorksectionRateLimitError } from './errors/rate-limit-error';
export {
  ACCOUNT_URL_MISMATCH,
  API_ERROR,
  BODY_TOO_LARGE,
  INVALID_ARGUMENT,
  INVALID_JSON,
  INVALID_OPTION,
  INVALID_RESPONSE,
  NETWORK_ERROR,
  RATE_LIMITED,
  REAUTH_REQUIRED,
  REFRESH_FAILED,
  TIMEOUT,
  UNEXPECTED_CONTENT_TYPE,
  UNEXPECTED_REDIRECT,
  UNEXPECTED_STATUS,
  UNTRUSTED_ACCOUNT_URL,
} from './errors/codes';
