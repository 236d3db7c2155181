import type { Request } from 'express';
import OAuth2Strategy, { type Strategy as OAuth2StrategyType } from 'passport-oauth2';
import { normalizeScope } from '../core/options';
import { WorksectionOAuth } from '../core/worksection-oauth';
import { WorksectionConfigError } from '../errors/config-error';
import { WorksectionError } from '../errors/worksection-error';
import type { NodeTransport } from '../http/node-transport';
import type { FetchFunction } from '../http/settings';
import { authorizeError, isCallback, readCallback, type CallbackFields } from '../oauth/callback-query';
import { ACCESS_DENIED_MESSAGE, MALFORMED_CALLBACK_MESSAGE, NO_CODE_MESSAGE, STATE_MESSAGE } from '../oauth/fail-messages';
import { oauthErrorFromBody } from '../oauth/oauth-answer';
import type { WorksectionProfile } from '../oauth/profile';
import { codeExchangeProblem } from '../oauth/sign-in-outcome';
import type { TokenSet } from '../oauth/token-set';
import { isRecord } from '../shared/is-record';
import { parseJson } from '../shared/safe-json';
import { CookieStateStore } from './cookie-state-store';
import { createOAuth2Class, type OAuth2Class } from './node-oauth-bridge';
import { checkOptions } from './options';
import { pinQuery } from './pin-query';
import { originalURL } from './request-url';
import { settle } from './settle';
import { bridgeVerify } from './verify-bridge';
import type {
  AuthenticateOptions,
  SkipUserProfile,
  StateStore,
  StateStoreMeta,
  StateStoreVerifyCallback,
  StrategyOptions,
  StrategyOptionsWithRequest,
  VerifyFunction,
  VerifyFunctionWithParams,
  VerifyFunctionWithRequest,
  VerifyFunctionWithRequestAndParams,
  VerifyFunctionWithObject,
  VerifyProfile,
} from './types';

/**
 * passport-oauth2's OAuth2Strategy as this class builds on it. Its type is @types/passport-oauth2's class (a
 * dependency of this package), so a Strategy is accepted wherever an OAuth2Strategy is, e.g. by
 * passport-oauth2-refresh's `use()`: that class has a protected `_oauth2`, which only a class derived from it can
 * match, so no look-alike interface of our own could be.
 */
interface OAuth2StrategyBase extends OAuth2StrategyType {
  /** @internal passport-oauth2's state store (not in @types/passport-oauth2). */
  _stateStore: StateStore;
}

const OAuth2StrategyBase = OAuth2Strategy as unknown as new (options: object, verify: AnyVerify) => OAuth2StrategyBase;

/** Any of the verify forms, whatever profile type they declare: the bridge tells them apart at run time. */
type AnyVerify = (...args: never[]) => unknown;

/**
 * "Sign in with Worksection" for Passport: passport-oauth2 with Worksection's endpoints, quirks and failure modes
 * handled. Token and profile calls have a timeout and a 1 MiB cap, Worksection's HTTP-200 error bodies become
 * typed errors, what the user can fix ends in `fail()` (your failureRedirect) and the rest in `error()`.
 *
 * @example
 * ```ts
 * import passport from 'passport';
 * import { Strategy } from 'passport-worksection';
 *
 * passport.use(new Strategy({
 *   clientID: process.env.WORKSECTION_CLIENT_ID!,
 *   clientSecret: process.env.WORKSECTION_CLIENT_SECRET!,
 *   callbackURL: 'https://myapp.example.com/auth/worksection/callback',
 *   scope: ['projects_read', 'tasks_read'],
 * }, (accessToken, refreshToken, params, profile, done) => {
 *   // Key users on (account, id): a Worksection user id is only unique within its account.
 *   done(null, { account: params.account_url, id: profile.id, name: profile.displayName });
 * }));
 *
 * app.get('/auth/worksection', passport.authenticate('worksection'));
 * app.get('/auth/worksection/callback',
 *   passport.authenticate('worksection', { failureRedirect: '/login' }),
 *   (req, res) => res.redirect('/'));
 * ```
 */
export class Strategy<Skip extends SkipUserProfile = false> extends OAuth2StrategyBase {
  /**
   * The framework-free core this strategy is built on: the same endpoints, checks and state cookie, for code that
   * runs outside Passport (see {@link WorksectionOAuth}).
   */
  readonly oauth: WorksectionOAuth;
  /** @internal Read by passport-oauth2-refresh. */
  readonly _refreshURL: string;
  /** @internal Whether the state lives in req.session. */
  readonly _needsSession: boolean;
  /** @internal The callbackURL option, as given (relative ones are resolved per request). */
  readonly _callbackURL: string | undefined;
  /** @internal Whether X-Forwarded-Proto/-Host are trusted when resolving a relative callbackURL. */
  readonly _proxy: boolean;

  /**
   * Verify callback `(accessToken, refreshToken, params, profile, done)` or `(accessToken, refreshToken, profile, done)`.
   * TypeScript infers the parameters of the five-argument form; annotate the four-argument one
   * (e.g. `const verify: VerifyFunction = (accessToken, refreshToken, profile, done) => …`), since
   * TypeScript cannot pick a signature by a callback's arity. `profile` is `WorksectionProfile | undefined` when
   * `skipUserProfile` is set (`Skip` is its type, inferred; see {@link VerifyProfile}).
   */
  constructor(options: StrategyOptions<Skip>, verify: VerifyFunctionWithParams<VerifyProfile<Skip>> | VerifyFunction<VerifyProfile<Skip>>);
  /** With `passReqToCallback: true`: `(req, accessToken, refreshToken, params, profile, done)` or without `params`. */
  constructor(
    options: StrategyOptionsWithRequest<Skip>,
    verify: VerifyFunctionWithRequestAndParams<VerifyProfile<Skip>> | VerifyFunctionWithRequest<VerifyProfile<Skip>>,
  );
  /** A verify function of one parameter, `({ accessToken, refreshToken, params, profile, req })`, returning the user or a promise of it. */
  constructor(options: StrategyOptions<Skip> | StrategyOptionsWithRequest<Skip>, verify: VerifyFunctionWithObject<VerifyProfile<Skip>>);
  constructor(options: StrategyOptions<Skip> | StrategyOptionsWithRequest<Skip>, verify: AnyVerify) {
    const checked = checkOptions(options, verify);
    super(checked.base, bridgeVerify(verify, checked.passReqToCallback, checked.core.allowedAccounts));
    this.name = 'worksection';
    this.oauth = new WorksectionOAuth(options);
    const { endpoints, _http: http, _options: core } = this.oauth;
    this._callbackURL = options.callbackURL;
    this._proxy = options.proxy === true;
    this._refreshURL = endpoints.refreshURL;
    this._needsSession = checked.stateMode === 'session';
    if (checked.stateMode === 'cookie') {
      this._stateStore = new CookieStateStore(this.oauth.stateCookie, (req) =>
        originalURL(req, { proxy: this._proxy }).replace(/^(https?:\/\/[^/]*).*$/s, '$1/'),
      );
    }
    // node-oauth has no timeout and trusts any body: swap in a subclass of the very class passport-oauth2 used.
    const settings = { http, baseURL: endpoints.baseURL, tokenURL: endpoints.tokenURL, refreshURL: endpoints.refreshURL };
    const Client = createOAuth2Class(this._oauth2.constructor as OAuth2Class, settings);
    this._oauth2 = new Client(core.clientID, core.clientSecret, '', endpoints.authorizationURL, endpoints.tokenURL);
  }

  /**
   * The origin of the OAuth endpoints (the `baseURL` option, without a trailing slash). A {@link WorksectionClient}
   * built with this strategy accepts account URLs on this origin and inherits it unless given its own `baseURL`.
   */
  get baseURL(): string {
    return this.oauth.baseURL;
  }

  /** Milliseconds for each call to Worksection (the `timeout` option, default 10000); inherited by clients. */
  get timeout(): number {
    return this.oauth.timeout;
  }

  /** The `fetch` option, or undefined for the built-in transport; inherited by clients. */
  get fetch(): FetchFunction | undefined {
    return this.oauth.fetch;
  }

  /** The built-in transport's pool used when there is no `fetch` (the `transport` option); inherited by clients. */
  get transport(): NodeTransport {
    return this.oauth.transport;
  }

  /**
   * Starts the sign-in (redirect to Worksection) or completes it (callback). Overridden for what Worksection
   * and this package need beyond passport-oauth2: the state is checked first on every callback (also one that
   * carries an `error`), a repeated or nested `code`/`state` is refused, a denial gets a fixed message, a callback
   * without code fails, answers are not cached, and token errors the user can fix are routed to `fail()`.
   */
  override authenticate(req: Request, options: AuthenticateOptions = {}): void {
    // The redirect carries a fresh state and the callback a one-time code: neither may be replayed from a cache.
    if (req.res !== undefined && !req.res.headersSent) req.res.setHeader('Cache-Control', 'no-store');
    if (this._needsSession && !(req as { session?: unknown }).session) {
      this.error(
        new WorksectionConfigError(
          'state',
          "With state: 'session' the OAuth state is kept in the session, but req.session is missing: add " +
            "express-session (app.use(session({...}))) before passport.authenticate('worksection'), or leave the state option out (a sealed cookie).",
        ),
      );
      return;
    }
    const { query, body } = req as { query: unknown; body: unknown };
    pinQuery(req, query);
    if (isCallback(query, body)) {
      this._callback(req, options, readCallback(query, body));
      return;
    }
    if (typeof options.state === 'string') {
      this.error(
        new WorksectionConfigError(
          'state',
          'A state string passed to authenticate() would be sent unchecked: pass app state as an object (with store: true), or none.',
        ),
      );
      return;
    }
    if (options.scope !== undefined) {
      try {
        options = { ...options, scope: normalizeScope(options.scope) };
      } catch (err) {
        this.error(err);
        return;
      }
    }
    super.authenticate(req, options);
  }

  /** @internal The callback: the state first, then Worksection's error or the code exchange. */
  _callback(req: Request, options: AuthenticateOptions, fields: CallbackFields | undefined): void {
    if (fields === undefined) {
      this.fail({ message: MALFORMED_CALLBACK_MESSAGE }, 400);
      return;
    }
    const store = this._stateStore;
    const meta = this._stateMeta(req, options);
    const checked: StateStoreVerifyCallback = (err, ok, info) => {
      if (err) {
        this.error(err);
        return;
      }
      if (!ok) {
        this.fail(isRecord(info) && typeof info.message === 'string' ? info : { message: STATE_MESSAGE }, 403);
        return;
      }
      if (fields.error !== undefined) {
        // passport-oauth2 would reflect Worksection's error_description into the page; league sends one.
        if (fields.error === 'access_denied') this.fail({ message: ACCESS_DENIED_MESSAGE });
        else this.error(authorizeError(fields));
        return;
      }
      // passport-oauth2 would start a new sign-in here, bouncing the browser back to Worksection.
      if (fields.code === undefined || fields.code === '') {
        this.fail({ message: NO_CODE_MESSAGE });
        return;
      }
      // The state is used up: passport-oauth2, which checks it again, is handed this outcome for this request only
      // (Passport calls authenticate on a fresh Object.create(strategy)).
      this._stateStore = {
        store: store.store,
        verify: (_req: Request, _state: string, _meta: StateStoreMeta, done: StateStoreVerifyCallback) => done(null, ok, info),
      };
      this._routeCodeErrors();
      super.authenticate(req, options);
    };
    try {
      if (store.verify.length === 4)
        (store.verify as (r: Request, s: unknown, m: StateStoreMeta, c: StateStoreVerifyCallback) => void)(
          req,
          fields.state,
          meta,
          checked,
        );
      else (store.verify as (r: Request, s: unknown, c: StateStoreVerifyCallback) => void)(req, fields.state, checked);
    } catch (err) {
      this.error(err);
    }
  }

  /** @internal What passport-oauth2 hands a state store: the endpoints, the client and the resolved callback URL. */
  _stateMeta(req: Request, options: AuthenticateOptions): StateStoreMeta {
    let callbackURL = typeof options.callbackURL === 'string' ? options.callbackURL : this._callbackURL;
    if (callbackURL !== undefined && !/^[a-z][a-z0-9+.-]*:/i.test(callbackURL)) {
      try {
        callbackURL = new URL(callbackURL, originalURL(req, { proxy: this._proxy })).href;
      } catch {
        // A Host header no URL can hold: the cookie is then looked for on the whole site.
        callbackURL = undefined;
      }
    }
    const { authorizationURL, tokenURL } = this.oauth.endpoints;
    const meta: StateStoreMeta = { authorizationURL, tokenURL, clientID: this.oauth._options.clientID };
    if (callbackURL !== undefined) meta.callbackURL = callbackURL;
    return meta;
  }

  /**
   * @internal
   * For this request only: passport-oauth2 sends every token error to error() wrapped as "Failed to obtain access
   * token"; Worksection reports a used or expired code with HTTP 200 and the user fixes that by signing in again,
   * so that one goes to fail(). A server that refuses the PKCE verifier outright is a configuration error.
   */
  _routeCodeErrors(): void {
    const error = this.error.bind(this);
    this.error = (err: unknown): void => {
      const cause = isRecord(err) && err.oauthError instanceof WorksectionError ? err.oauthError : err;
      const problem = codeExchangeProblem(cause);
      if ('fail' in problem && cause !== err) this.fail({ message: problem.fail });
      else error('error' in problem ? problem.error : cause);
    };
  }

  /**
   * Loads the profile: a form-body POST of the client credentials and the token to `/oauth2/resource`, mapped
   * by {@link parseProfile}. An error body (Worksection: HTTP 200, `not_authorized`), an untrusted account_url
   * or a malformed id is an error.
   */
  override userProfile(accessToken: string, done: (err?: unknown, profile?: WorksectionProfile) => void): void {
    settle(
      this.oauth.profile(accessToken),
      (profile) => done(null, profile),
      (err) => done(err),
    );
  }

  /**
   * Reads a token-endpoint error body the Worksection way: `errorDescription` (camelCase, as Worksection sends
   * it) or `error_description`. Returns null when the body has no `error`.
   */
  override parseErrorResponse(body: string, status: number): Error | null {
    let json: unknown;
    try {
      json = parseJson(body);
    } catch {
      return null;
    }
    if (!isRecord(json) || json.error === undefined) return null;
    return oauthErrorFromBody(json, status, `Worksection's token endpoint (${this.oauth.endpoints.tokenURL})`, [
      this.oauth._options.clientSecret,
    ]);
  }

  /**
   * Exchanges a refresh token at `/oauth2/refresh` for a new {@link TokenSet}. Worksection rotates refresh
   * tokens (the one sent is revoked), so store the new `refreshToken` before anything else. Concurrent calls
   * with the same refresh token share one request. Rejects with a typed error, also when Worksection answers
   * an error with HTTP 200 (e.g. `invalid_request`, "Token has been revoked").
   */
  refresh(refreshToken: string): Promise<TokenSet> {
    return this.oauth.refresh(refreshToken);
  }
}
