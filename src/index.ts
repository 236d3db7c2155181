export { SCOPES, isScope, splitScopes } from './scopes';
export type { Scope } from './scopes';
export { Strategy } from './strategy';
export { parseProfile } from './profile';
export type { WorksectionProfile, WorksectionUserInfo } from './profile';
export type { TokenSet } from './token-set';
export type { FetchFunction } from './http';
export { MAX_BODY_BYTES } from './http';
export { DEFAULT_BASE_URL } from './endpoints';
export type { Endpoints } from './endpoints';
export { DEFAULT_TIMEOUT } from './options';
export {
  ACCESS_DENIED_MESSAGE,
  CODE_EXPIRED_MESSAGE,
  CODE_INVALID_MESSAGE,
  CODE_USED_MESSAGE,
  NO_CODE_MESSAGE,
} from './failure';
export {
  WorksectionError,
  WorksectionOAuthError,
  WorksectionResponseError,
  WorksectionTimeoutError,
  WorksectionNetworkError,
  WorksectionConfigError,
  UNEXPECTED_STATUS,
  UNEXPECTED_REDIRECT,
  UNEXPECTED_CONTENT_TYPE,
  INVALID_JSON,
  BODY_TOO_LARGE,
  INVALID_RESPONSE,
  UNTRUSTED_ACCOUNT_URL,
  TIMEOUT,
  NETWORK_ERROR,
  INVALID_OPTION,
} from './errors';
export type { ResponseFacts } from './errors';
export type {
  StrategyOptions,
  StrategyOptionsWithRequest,
  StrategyOptionsBase,
  VerifyFunction,
  VerifyFunctionWithParams,
  VerifyFunctionWithRequest,
  VerifyFunctionWithRequestAndParams,
  VerifyCallback,
  TokenParams,
  StateStore,
  StateStoreMeta,
  StateStoreStoreCallback,
  StateStoreVerifyCallback,
  AuthenticateOptions,
} from './types';
export { WorksectionClient } from './client';
export type { WorksectionClientOptions, ClientTokens, TokenRefresher, RefreshLock } from './client-options';
export { WorksectionApiError, API_ERROR } from './api-error';
export { WorksectionReauthError, REAUTH_REQUIRED } from './reauth-error';
export { DEFAULT_MIN_INTERVAL } from './rate-limit';
export type {
  ApiParams,
  WorksectionMe,
  WorksectionUser,
  WorksectionUserRef,
  WorksectionProject,
  WorksectionTask,
  GetProjectsParams,
  GetTasksParams,
  GetUsersParams,
} from './api-types';
