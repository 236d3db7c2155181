import type { Request } from 'express';
import type { WorksectionOAuthOptions } from '../core/options';
import type { WorksectionProfile } from '../oauth/profile';
import type { Scope } from '../oauth/scopes';
import type { TokenParams } from '../oauth/token-params';

/**
 * Call it once the verify callback is done: `done(null, user)` signs `user` in, `done(null, false, { message })`
 * fails the sign-in (failureRedirect), `done(err)` is an error.
 */
export type VerifyCallback = (err?: unknown, user?: unknown, info?: object) => void;

/**
 * The `skipUserProfile` option: `true` skips the call to `/oauth2/resource`, a function decides per sign-in
 * (`() => boolean`, or `(accessToken, done)` calling `done(null, skip)`).
 */
export type SkipUserProfile = boolean | (() => boolean) | ((accessToken: string, done: (err: unknown, skip: boolean) => void) => void);

/**
 * The profile a verify function receives for a `skipUserProfile` option of type `Skip`: a {@link WorksectionProfile}
 * when the option is left out or `false`, else `WorksectionProfile | undefined` (the strategy may not load it).
 */
export type VerifyProfile<Skip extends SkipUserProfile = false> = [Skip] extends [false]
  ? WorksectionProfile
  : WorksectionProfile | undefined;

/**
 * Finds or creates the user. Key your users on `(profile.accountUrl, profile.id)`: an id is only unique within its
 * Worksection account. `Profile` is `WorksectionProfile | undefined` with `skipUserProfile` (see {@link VerifyProfile}).
 */
export type VerifyFunction<Profile extends WorksectionProfile | undefined = WorksectionProfile> = (
  accessToken: string,
  refreshToken: string,
  profile: Profile,
  done: VerifyCallback,
) => void;

/** A {@link VerifyFunction} that also receives the token answer (`params.account_url`, `params.expires_at`…). */
export type VerifyFunctionWithParams<Profile extends WorksectionProfile | undefined = WorksectionProfile> = (
  accessToken: string,
  refreshToken: string,
  params: TokenParams,
  profile: Profile,
  done: VerifyCallback,
) => void;

/** A {@link VerifyFunction} that receives the request first (`passReqToCallback: true`). */
export type VerifyFunctionWithRequest<Profile extends WorksectionProfile | undefined = WorksectionProfile> = (
  req: Request,
  accessToken: string,
  refreshToken: string,
  profile: Profile,
  done: VerifyCallback,
) => void;

/** A {@link VerifyFunctionWithParams} that receives the request first (`passReqToCallback: true`). */
export type VerifyFunctionWithRequestAndParams<Profile extends WorksectionProfile | undefined = WorksectionProfile> = (
  req: Request,
  accessToken: string,
  refreshToken: string,
  params: TokenParams,
  profile: Profile,
  done: VerifyCallback,
) => void;

/** What a verify function of one parameter receives. */
export interface VerifyArguments<Profile extends WorksectionProfile | undefined = WorksectionProfile> {
  accessToken: string;
  /** Store it with the access token: Worksection rotates refresh tokens, and this one is the only way to renew. */
  refreshToken: string;
  /** The token answer: `account_url` (checked), `expires_in`, `expires_at`… */
  params: TokenParams;
  /** The signed-in person; may be undefined with `skipUserProfile` (see {@link VerifyProfile}). */
  profile: Profile;
  /** The callback request. */
  req: Request;
}

/**
 * Finds or creates the user from one object, and returns it (or a promise of it): a user signs in, `false` fails
 * the sign-in (failureRedirect), a throw or a rejection is an error. Picked when the function declares exactly one
 * parameter (`Function.length === 1`).
 *
 * @example
 * ```ts
 * new Strategy(options, async ({ params, profile }) => users.upsert(params.account_url, profile));
 * ```
 */
export type VerifyFunctionWithObject<Profile extends WorksectionProfile | undefined = WorksectionProfile> = (
  args: VerifyArguments<Profile>,
) => unknown;

/** What passport-oauth2 hands a state store alongside the request. */
export interface StateStoreMeta {
  authorizationURL: string;
  tokenURL: string;
  clientID: string;
  callbackURL?: string;
}

/** Callback of {@link StateStore}'s `store`. */
export type StateStoreStoreCallback = (err: Error | null, state?: string) => void;
/**
 * Callback of {@link StateStore}'s `verify`: `ok` false (with `info.message`) fails the sign-in; with PKCE, `ok` is
 * the code verifier.
 */
export type StateStoreVerifyCallback = (err: Error | null, ok: boolean | string, info?: unknown) => void;

/** A custom state store, as passport-oauth2 accepts (instead of the sealed state cookie). */
export interface StateStore {
  store:
    | ((req: Request, callback: StateStoreStoreCallback) => void)
    | ((req: Request, meta: StateStoreMeta, callback: StateStoreStoreCallback) => void)
    | ((req: Request, appState: unknown, meta: StateStoreMeta, callback: StateStoreStoreCallback) => void)
    | ((req: Request, verifier: string | undefined, appState: unknown, meta: StateStoreMeta, callback: StateStoreStoreCallback) => void);
  verify:
    | ((req: Request, state: string, callback: StateStoreVerifyCallback) => void)
    | ((req: Request, state: string, meta: StateStoreMeta, callback: StateStoreVerifyCallback) => void);
}

/**
 * Options shared by both forms of {@link StrategyOptions}: those of {@link WorksectionOAuthOptions}, and Passport's.
 * `Skip` is the type of `skipUserProfile`, which decides whether the verify function may get no profile.
 */
export interface StrategyOptionsBase<Skip extends SkipUserProfile = SkipUserProfile> extends WorksectionOAuthOptions {
  /**
   * Where Worksection sends the user back. Worksection requires `https:`, localhost included. A relative URL
   * is resolved against the request (see `proxy`).
   */
  callbackURL?: string;
  /**
   * Where the OAuth state (and the PKCE verifier) waits for the callback. Default `'cookie'` (also `true`): a sealed,
   * short-lived cookie, so nothing is stored on the server for a visitor who has not signed in. `'session'`:
   * passport-oauth2's store in `req.session` (needs express-session). Worksection requires a state, so `false`
   * is refused.
   */
  state?: 'cookie' | 'session' | true;
  /**
   * A custom passport-oauth2 state store instead of the state cookie, or `true` for passport-oauth2's session store
   * that also keeps app state passed as `passport.authenticate('worksection', { state })`.
   */
  store?: StateStore | boolean;
  /** Session key under which the state is kept with `state: 'session'`. Default `oauth2:{host of authorizationURL}`. */
  sessionKey?: string;
  /**
   * Skip the call to `/oauth2/resource`; the verify callback then gets `undefined` as the profile, and TypeScript
   * types it `WorksectionProfile | undefined`. Default `false`.
   */
  skipUserProfile?: Skip;
  /** Trust `X-Forwarded-Proto`/`-Host` when resolving a relative callbackURL. Default `false` (or Express's `trust proxy`). */
  proxy?: boolean;
}

/**
 * Options of {@link Strategy} whose verify callback does not receive the request. With `skipUserProfile`, write
 * `StrategyOptions<true>` (or the type of your function) for an options object declared on its own.
 */
export interface StrategyOptions<Skip extends SkipUserProfile = false> extends StrategyOptionsBase<Skip> {
  /** Default `false`. */
  passReqToCallback?: false;
}

/** Options of {@link Strategy} whose verify callback receives the request first. */
export interface StrategyOptionsWithRequest<Skip extends SkipUserProfile = false> extends StrategyOptionsBase<Skip> {
  passReqToCallback: true;
}

/** Options of `passport.authenticate('worksection', options)` that this strategy reads. */
export interface AuthenticateOptions {
  /** Scopes for this sign-in, replacing the strategy's `scope`. */
  scope?: string | ReadonlyArray<Scope | (string & {})>;
  /** Callback URL for this sign-in. */
  callbackURL?: string;
  /** App state (an object) for a `store: true` store. A string is refused: a state the strategy does not check is no protection. */
  state?: unknown;
  [key: string]: unknown;
}
