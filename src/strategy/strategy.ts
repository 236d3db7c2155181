import type { Request } from 'express';
import { createHash } from 'node:crypto';
import { randomBytesPooled } from '../shared/random-pool';
import OAuth2Strategy, { type Strategy as OAuth2StrategyType } from 'passport-oauth2';
import { normalizeScope } from '../core/options';
import { completeSignIn, type SignInOutcome, type SignInSteps, type StateVerdict } from '../core/sign-in-flow';
import { WorksectionOAuth } from '../core/worksection-oauth';
import { WorksectionConfigError } from '../errors/config-error';
import type { NodeTransport } from '../http/node-transport';
import type { FetchFunction } from '../http/settings';
import { isCallback, readCallback, type CallbackFields } from '../oauth/callback-query';
import { oauthErrorFromBody } from '../oauth/oauth-answer';
import type { WorksectionProfile } from '../oauth/profile';
import type { TokenSet } from '../oauth/token-set';
import { isRecord } from '../shared/is-record';
import { parseJson } from '../shared/safe-json';
import { createOAuth2Class, type OAuth2Class } from './node-oauth-bridge';
import { checkOptions } from './options';
import { originalURL } from './request-url';
import { settle } from './settle';
import { appendSetCookies, storeState, verifyState } from './state-store-calls';
import { bridgeVerify, type BridgedVerify } from './verify-bridge';
import type {
  AuthenticateOptions,
  SkipUserProfile,
  StateStore,
  StateStoreMeta,
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
  /** @internal Where the state lives: the sealed cookie, passport-oauth2's session store, or the app's own store. */
  readonly _stateMode: 'cookie' | 'session' | 'custom';
  /** @internal The callbackURL option, as given (relative ones are resolved per request). */
  readonly _callbackURL: string | undefined;
  /** @internal Whether the callbackURL option is absolute, so that no request changes it. */
  readonly _callbackIsAbsolute: boolean;
  /** @internal Whether X-Forwarded-Proto/-Host are trusted when resolving a relative callbackURL. */
  readonly _proxy: boolean;
  /** @internal The app's verify function, called in the form it was written in. */
  readonly _verifyUser: BridgedVerify;
  /** @internal The skipUserProfile option. */
  readonly _skipProfile: unknown;

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
    const verifyUser = bridgeVerify(verify, checked.passReqToCallback);
    super(checked.base, verifyUser);
    this.name = 'worksection';
    this.oauth = new WorksectionOAuth(options);
    const { endpoints, _http: http, _options: core } = this.oauth;
    this._verifyUser = verifyUser;
    this._skipProfile = options.skipUserProfile;
    this._callbackURL = options.callbackURL;
    this._callbackIsAbsolute = options.callbackURL !== undefined && isAbsolute(options.callbackURL);
    this._proxy = options.proxy === true;
    this._refreshURL = endpoints.refreshURL;
    this._stateMode = checked.stateMode;
    // passport-oauth2-refresh refreshes through _oauth2: node-oauth has no timeout and trusts any body, so it is a
    // subclass of the very class passport-oauth2 used that sends through our HTTP layer.
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
   * Starts the sign-in (redirect to Worksection) or completes it (callback), over the same flow as
   * {@link WorksectionOAuth.finishSignIn}: the state is checked first on every callback (also one that carries an
   * `error`), a repeated or nested `code`/`state` is refused, a denial gets a fixed message, a callback without code
   * fails, answers are not cached, and code errors the user can fix end in `fail()`. passport-oauth2's hooks
   * `authorizationParams`, `tokenParams` and `userProfile` are honoured, and its state stores are called as it calls
   * them.
   */
  override authenticate(req: Request, options: AuthenticateOptions = {}): void {
    // The redirect carries a fresh state and the callback a one-time code: neither may be replayed from a cache.
    if (req.res !== undefined && !req.res.headersSent) req.res.setHeader('Cache-Control', 'no-store');
    if (this._stateMode === 'session' && !(req as { session?: unknown }).session) {
      this.error(
        new WorksectionConfigError(
          'state',
          "With state: 'session' the OAuth state is kept in the session, but req.session is missing: add " +
            "express-session (app.use(session({...}))) before passport.authenticate('worksection'), or leave the state option out (a sealed cookie).",
        ),
      );
      return;
    }
    // Read once: Express 5's req.query parses the query string again on every read.
    const { query, body } = req as { query: unknown; body: unknown };
    if (isCallback(query, body)) this._finish(req, options, readCallback(query, body));
    else this._start(req, options);
  }

  /** @internal The start: a state from the store, then the redirect to Worksection's authorization page. */
  _start(req: Request, options: AuthenticateOptions): void {
    if (typeof options.state === 'string') {
      this.error(
        new WorksectionConfigError(
          'state',
          'A state string passed to authenticate() would be sent unchecked: pass app state as an object (with store: true), or none.',
        ),
      );
      return;
    }
    let scope = this.oauth._options.scope;
    try {
      if (options.scope !== undefined) scope = normalizeScope(options.scope);
    } catch (err) {
      this.error(err);
      return;
    }
    const callbackURL = this._resolveCallbackURL(req, options);
    const verifier = this.oauth._options.pkce ? randomBytesPooled(32).toString('base64url') : undefined;
    const extra = this.authorizationParams(options) as Record<string, unknown>;
    const redirect = (state: string): void => {
      const codeChallenge = verifier === undefined ? undefined : createHash('sha256').update(verifier).digest('base64url');
      this.redirect(this.oauth._authorize.build({ callbackURL, scope, state, codeChallenge, extra }));
    };
    if (this._stateMode === 'cookie') {
      const issued = this.oauth.stateCookie.issue(callbackURL ?? siteRoot(req, this._proxy), verifier, req.headers.cookie);
      appendSetCookies(req.res, issued.setCookies);
      // Redirected on the next turn of the event loop, as after a session store: the redirects of concurrent
      // sign-ins are then written together, which measured 15% less CPU per start request at 32 browsers.
      setImmediate(redirect, issued.state);
      return;
    }
    settle(
      storeState(this._stateStore, req, verifier, options.state, this._stateMeta(callbackURL)),
      (state) => {
        if (typeof state === 'string' && state !== '') redirect(state);
        else this.error(new WorksectionConfigError('store', 'The state store gave no state: Worksection requires one on every sign-in.'));
      },
      (err) => this.error(err),
    );
  }

  /** @internal The callback: the sign-in flow, then the app's verify function. */
  _finish(req: Request, options: AuthenticateOptions, fields: CallbackFields | undefined): void {
    const callbackURL = this._resolveCallbackURL(req, options);
    const tokenExtra = this.tokenParams(options) as Record<string, unknown>;
    const steps: SignInSteps = {
      checkState: (state) => this._checkState(req, state, callbackURL),
      exchangeCode: (code, codeVerifier) => this.oauth._exchangeCode(code, codeVerifier, callbackURL, tokenExtra),
      loadProfile: (accessToken) => this._loadProfile(accessToken),
      allowedAccounts: this.oauth._options.allowedAccounts,
    };
    settle(
      completeSignIn(fields, steps),
      (outcome) => this._verified(req, outcome),
      (err) => this.error(err),
    );
  }

  /** @internal Checks the callback's state in the cookie or the configured store. */
  _checkState(req: Request, state: string | undefined, callbackURL: string | undefined): Promise<StateVerdict> {
    if (this._stateMode !== 'cookie') return verifyState(this._stateStore, req, state, this._stateMeta(callbackURL));
    const checked = this.oauth.stateCookie.check(req.headers.cookie, state, callbackURL ?? siteRoot(req, this._proxy));
    appendSetCookies(req.res, checked.setCookies);
    const verdict: StateVerdict = checked.ok ? { ok: true, codeVerifier: checked.codeVerifier } : { ok: false };
    // On the next turn, as a session store answers: the token requests of concurrent callbacks then go out together.
    return new Promise((resolve) => setImmediate(resolve, verdict));
  }

  /** @internal The profile, unless `skipUserProfile` says to skip it (decided as passport-oauth2 decides). */
  _loadProfile(accessToken: string): Promise<WorksectionProfile | undefined> {
    const skip = this._skipProfile;
    const load = (): Promise<WorksectionProfile | undefined> => {
      // The userProfile hook, unless a subclass left it as it is.
      if (this.userProfile === Strategy.prototype.userProfile) return this.oauth.profile(accessToken);
      return new Promise((resolve, reject) => {
        this.userProfile(accessToken, (err, profile) => {
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a hook's error goes on as it came
          if (err) reject(err);
          else resolve(profile);
        });
      });
    };
    if (typeof skip === 'function' && skip.length > 1) {
      return new Promise((resolve, reject) =>
        (skip as (token: string, done: (err: unknown, skip: boolean) => void) => void)(accessToken, (err, skipIt) => {
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a hook's error goes on as it came
          if (err) reject(err);
          else resolve(skipIt ? undefined : load());
        }),
      );
    }
    return (typeof skip === 'function' ? (skip as () => unknown)() : skip) ? Promise.resolve(undefined) : load();
  }

  /** @internal Ends the authentication: a failure, or the app's verify function and then success or failure. */
  _verified(req: Request, outcome: SignInOutcome): void {
    if (!outcome.ok) {
      this.fail(outcome.info, outcome.status);
      return;
    }
    const { tokens, profile, appState } = outcome;
    const { accessToken, refreshToken, params } = tokens;
    try {
      this._verifyUser(req, accessToken, refreshToken, params, profile, (err, user, info) => {
        if (err) this.error(err);
        else if (!user) this.fail(info);
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- Express.User is what the app declares (apps augment it)
        else this.success(user as Express.User, appState ? { ...info, state: appState } : (info ?? {}));
      });
    } catch (err) {
      this.error(err);
    }
  }

  /** @internal The callback URL for this request: the per-call or configured option, resolved against the request. */
  _resolveCallbackURL(req: Request, options: AuthenticateOptions): string | undefined {
    const given = typeof options.callbackURL === 'string' ? options.callbackURL : this._callbackURL;
    if (given === undefined || (given === this._callbackURL && this._callbackIsAbsolute) || isAbsolute(given)) return given;
    try {
      return new URL(given, originalURL(req, { proxy: this._proxy })).href;
    } catch {
      // A Host header no URL can hold: the state cookie is then kept for the whole site.
      return undefined;
    }
  }

  /** @internal What passport-oauth2 hands a state store: the endpoints, the client and the resolved callback URL. */
  _stateMeta(callbackURL: string | undefined): StateStoreMeta {
    const { authorizationURL, tokenURL } = this.oauth.endpoints;
    const meta: StateStoreMeta = { authorizationURL, tokenURL, clientID: this.oauth._options.clientID };
    if (callbackURL !== undefined) meta.callbackURL = callbackURL;
    return meta;
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
   * with the same refresh token share one request. Rejects with `WorksectionReauthError` when Worksection
   * refused the refresh token (its error answer comes with HTTP 200, e.g. `invalid_request` "Token has been
   * revoked": sign the user in again), and with another typed error when the refresh failed any other way.
   */
  refresh(refreshToken: string): Promise<TokenSet> {
    return this.oauth.refresh(refreshToken);
  }
}

function isAbsolute(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url);
}

/** Where the state cookie lives without a callbackURL: the whole site the request came to. */
function siteRoot(req: Request, proxy: boolean): string {
  return originalURL(req, { proxy }).replace(/^(https?:\/\/[^/]*).*$/s, '$1/');
}
