// The root entry `passport-worksection`: signing in with Worksection, re-exports only. The account-API client
// has its own entry (`passport-worksection/client`); the emulator is a package of its own (`worksection-emulator`).

// Passport strategy
export { Strategy } from './strategy/strategy';
export type {
  AuthenticateOptions,
  SkipUserProfile,
  StateStore,
  StrategyOptions,
  StrategyOptionsWithRequest,
  VerifyArguments,
  VerifyCallback,
  VerifyFunction,
  VerifyFunctionWithObject,
  VerifyFunctionWithParams,
  VerifyFunctionWithRequest,
  VerifyFunctionWithRequestAndParams,
  VerifyProfile,
} from './strategy/types';

// Framework-free core
export { WorksectionOAuth } from './core/worksection-oauth';
export type { SignInResult, SignInTokens } from './core/worksection-oauth';
export type { WorksectionOAuthOptions } from './core/options';

// What ends a sign-in in `fail()`, and the state cookie the user's browser holds meanwhile
export {
  ACCESS_DENIED_MESSAGE,
  ACCOUNT_NOT_ALLOWED_MESSAGE,
  CODE_EXPIRED_MESSAGE,
  CODE_INVALID_MESSAGE,
  CODE_USED_MESSAGE,
  MALFORMED_CALLBACK_MESSAGE,
  NO_CODE_MESSAGE,
  STATE_MESSAGE,
} from './oauth/fail-messages';
export { MAX_PENDING_SIGN_INS, STATE_COOKIE_NAME, STATE_MAX_AGE } from './state-cookie/state-cookie';

// Worksection's OAuth 2.0: scopes, profile, tokens
export { SCOPES } from './oauth/scopes';
export type { Scope } from './oauth/scopes';
export { parseProfile } from './oauth/profile';
export type { WorksectionProfile, WorksectionUserInfo } from './oauth/profile';
export type { TokenSet } from './oauth/token-set';
export type { TokenParams } from './oauth/token-params';

// HTTP: the `fetch` and `transport` options
export type { FetchFunction } from './http/settings';
export { NodeTransport } from './http/node-transport';

// Errors and their codes (the client entry re-exports the same ones)
export * from './errors';
