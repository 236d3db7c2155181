import type { Request } from 'express';
import OAuth2Strategy from 'passport-oauth2';
import { checkAccountUrl } from '../oauth/account-url';
import { WorksectionArgumentError } from '../errors/argument-error';
import { WorksectionConfigError } from '../errors/config-error';
import { WorksectionError } from '../errors/worksection-error';
import { WorksectionOAuthError } from '../errors/oauth-error';
import { ACCESS_DENIED_MESSAGE, NO_CODE_MESSAGE, failureMessage } from './fail-messages';
import { postForm } from '../http/request';
import type { NodeTransport } from '../http/node-transport';
import type { FetchFunction, HttpSettings } from '../http/settings';
import type { Endpoints } from '../oauth/endpoints';
import { createOAuth2Class, type OAuth2Class } from './node-oauth-bridge';
import { isRecord } from '../shared/is-record';
import { oauthErrorFromBody, readOAuthAnswer } from '../oauth/oauth-answer';
import { checkOptions, normalizeScope } from './options';
import { parseProfile, type WorksectionProfile } from '../oauth/profile';
import { settle } from './settle';
import { requestTokens } from '../oauth/token-request';
import { toTokenSet, type TokenSet } from '../oauth/token-set';
import type {
  AuthenticateOptions,
  StrategyOptions,
  StrategyOptionsWithRequest,
  VerifyFunction,
  VerifyFunctionWithParams,
  VerifyFunctionWithRequest,
  VerifyFunctionWithRequestAndParams,
} from './types';

/** The public surface of passport-oauth2's OAuth2Strategy this class builds on (typed here: no @types needed). */
interface OAuth2StrategyBase {
  /** `'worksection'`. */
  name: string;
  /** Starts the sign-in or completes it, depending on the request. Passport calls it. */
  authenticate(req: Request, options?: AuthenticateOptions): void;
  /** Loads the profile after the token exchange (a passport-oauth2 hook). */
  userProfile(accessToken: string, done: (err?: unknown, profile?: WorksectionProfile) => void): void;
  /** Extra authorization-request parameters (a passport-oauth2 hook). */
  authorizationParams(options: AuthenticateOptions): object;
  /** Extra token-request parameters (a passport-oauth2 hook). */
  tokenParams(options: AuthenticateOptions): object;
  /** Turns an error body of the token endpoint into an error (a passport-oauth2 hook). */
  parseErrorResponse(body: string, status: number): Error | null;
  /** @internal node-oauth client passport-oauth2 uses; replaced by ours. */
  _oauth2: InstanceType<OAuth2Class>;
  /** @internal Added by Passport to the per-request object. */
  success(user: unknown, info?: unknown): void;
  /** @internal Added by Passport to the per-request object. */
  fail(challenge?: unknown, status?: number): void;
  /** @internal Added by Passport to the per-request object. */
  error(err: unknown): void;
}

const OAuth2StrategyBase = OAuth2Strategy as unknown as new (options: object, verify: AnyVerify) => OAuth2StrategyBase;

type AnyVerify = VerifyFunctionWithParams | VerifyFunction | VerifyFunctionWithRequestAndParams | VerifyFunctionWithRequest;

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
export class Strategy extends OAuth2StrategyBase {
  /**
   * The origin of the OAuth endpoints (the `baseURL` option, without a trailing slash). A {@link WorksectionClient}
   * built with this strategy accepts account URLs on this origin and inherits it unless given its own `baseURL`.
   */
  readonly baseURL: string;
  /** Milliseconds for each call to Worksection (the `timeout` option, default 10000); inherited by clients. */
  readonly timeout: number;
  /** The `fetch` option, or undefined for the built-in transport; inherited by clients. */
  readonly fetch: FetchFunction | undefined;
  /** The built-in transport's pool used when there is no `fetch` (the `transport` option); inherited by clients. */
  readonly transport: NodeTransport;
  /** @internal How token and profile requests are sent. */
  readonly _http: HttpSettings;
  /** @internal Where the token requests go, for the account_url check and the node-oauth bridge. */
  readonly _endpoints: Endpoints;
  /** @internal Read by passport-oauth2-refresh. */
  readonly _refreshURL: string;
  /** @internal Whether the state lives in req.session. */
  readonly _needsSession: boolean;
  /** @internal The client credentials, as given to the constructor. */
  readonly _client: { client_id: string; client_secret: string };
  /** @internal Refreshes in flight, by refresh token. */
  readonly _refreshing = new Map<string, Promise<TokenSet>>();

  /**
   * Verify callback `(accessToken, refreshToken, params, profile, done)` or `(accessToken, refreshToken, profile, done)`.
   * TypeScript infers the parameters of the five-argument form; annotate the four-argument one
   * (e.g. `const verify: VerifyFunction = (accessToken, refreshToken, profile, done) => …`), since
   * TypeScript cannot pick a signature by a callback's arity.
   */
  constructor(options: StrategyOptions, verify: VerifyFunctionWithParams | VerifyFunction);
  /** With `passReqToCallback: true`: `(req, accessToken, refreshToken, params, profile, done)` or without `params`. */
  constructor(options: StrategyOptionsWithRequest, verify: VerifyFunctionWithRequestAndParams | VerifyFunctionWithRequest);
  constructor(options: StrategyOptions | StrategyOptionsWithRequest, verify: AnyVerify) {
    const checked = checkOptions(options, verify);
    super(checked.base, verify);
    this.name = 'worksection';
    const endpoints = checked.endpoints;
    this._http = checked.http;
    this._endpoints = endpoints;
    this.baseURL = endpoints.baseURL;
    this.timeout = checked.http.timeout;
    this.fetch = checked.http.fetch;
    this.transport = checked.http.transport;
    this._refreshURL = endpoints.refreshURL;
    this._needsSession = checked.needsSession;
    this._client = { client_id: checked.clientID, client_secret: checked.clientSecret };
    // node-oauth has no timeout and trusts any body: swap in a subclass of the very class passport-oauth2 used.
    const settings = { http: this._http, baseURL: endpoints.baseURL, tokenURL: endpoints.tokenURL, refreshURL: endpoints.refreshURL };
    const Client = createOAuth2Class(this._oauth2.constructor as OAuth2Class, settings);
    this._oauth2 = new Client(checked.clientID, checked.clientSecret, '', endpoints.authorizationURL, endpoints.tokenURL);
  }

  /**
   * Starts the sign-in (redirect to Worksection) or completes it (callback). Overridden for what Worksection
   * and this package need beyond passport-oauth2: a fixed message for a denial, `fail()` for a callback
   * without code, a clear error without a session, and token errors the user can fix routed to `fail()`.
   */
  override authenticate(req: Request, options: AuthenticateOptions = {}): void {
    const query = isRecord(req.query) ? req.query : {};
    const body = isRecord(req.body) ? req.body : {};
    if (query.error !== undefined) {
      // passport-oauth2 would reflect Worksection's error_description into the page; league sends one.
      if (query.error === 'access_denied') {
        this.fail({ message: ACCESS_DENIED_MESSAGE });
        return;
      }
      this.error(authorizeError(query));
      return;
    }
    const code = query.code ?? body.code;
    const state = query.state ?? body.state;
    // passport-oauth2 would start a new sign-in here, bouncing the browser back to Worksection.
    if (!code && state !== undefined) {
      this.fail({ message: NO_CODE_MESSAGE });
      return;
    }
    if (this._needsSession && !(req as { session?: unknown }).session) {
      this.error(
        new WorksectionConfigError(
          'state',
          'Sign in with Worksection keeps the OAuth state in the session, but req.session is missing: add ' +
            "express-session (app.use(session({...}))) before passport.authenticate('worksection'), or pass a `store` option.",
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
    const error = this.error.bind(this);
    // Per request (Passport calls authenticate on a fresh Object.create(strategy)): passport-oauth2 sends every
    // token error to error() wrapped as "Failed to obtain access token"; Worksection reports a used or expired
    // code with HTTP 200 and the user fixes that by signing in again, so that one goes to fail().
    this.error = (err: unknown): void => {
      const cause = isRecord(err) && err.oauthError instanceof WorksectionError ? err.oauthError : err;
      const message = cause !== err ? failureMessage(cause) : undefined;
      if (message !== undefined) {
        this.fail({ message });
        return;
      }
      error(cause);
    };
    super.authenticate(req, options);
  }

  /**
   * Loads the profile: a form-body POST of the client credentials and the token to `/oauth2/resource`, mapped
   * by {@link parseProfile}. An error body (Worksection: HTTP 200, `not_authorized`), an untrusted account_url
   * or a malformed id is an error.
   */
  override userProfile(accessToken: string, done: (err?: unknown, profile?: WorksectionProfile) => void): void {
    const { client_id, client_secret } = this._client;
    const profileURL = this._endpoints.profileURL;
    const label = `Worksection's user-info endpoint (${profileURL})`;
    const request = postForm(profileURL, { client_id, client_secret, access_token: accessToken }, this._http, label).then((answer) => {
      const profile = parseProfile(readOAuthAnswer(answer, label, [client_secret, accessToken]), answer.text);
      if (profile.accountUrl !== undefined) checkAccountUrl(profile.accountUrl, this.baseURL, label);
      return profile;
    });
    settle(
      request,
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
      json = JSON.parse(body);
    } catch {
      return null;
    }
    if (!isRecord(json) || json.error === undefined) return null;
    return oauthErrorFromBody(json, status, `Worksection's token endpoint (${this._endpoints.tokenURL})`, [this._client.client_secret]);
  }

  /**
   * Exchanges a refresh token at `/oauth2/refresh` for a new {@link TokenSet}. Worksection rotates refresh
   * tokens (the one sent is revoked), so store the new `refreshToken` before anything else. Concurrent calls
   * with the same refresh token share one request. Rejects with a typed error, also when Worksection answers
   * an error with HTTP 200 (e.g. `invalid_request`, "Token has been revoked").
   */
  refresh(refreshToken: string): Promise<TokenSet> {
    if (typeof refreshToken !== 'string' || refreshToken === '') {
      return Promise.reject(new WorksectionArgumentError('refreshToken', 'refresh() needs the refresh token (a non-empty string).'));
    }
    const pending = this._refreshing.get(refreshToken);
    if (pending) return pending;
    const form = { grant_type: 'refresh_token', ...this._client, refresh_token: refreshToken };
    const request = requestTokens({ http: this._http, baseURL: this.baseURL }, this._endpoints.refreshURL, form)
      .then((tokens) => toTokenSet(tokens, tokens.refreshToken as string))
      .finally(() => this._refreshing.delete(refreshToken));
    this._refreshing.set(refreshToken, request);
    return request;
  }
}

/** Any other `error` on the callback (league: invalid_scope, server_error…): a developer or provider problem. */
function authorizeError(query: Record<string, unknown>): WorksectionOAuthError {
  // The query is attacker-controlled: only a plausible error code goes into the message.
  const error = typeof query.error === 'string' && /^[a-z_]{1,64}$/.test(query.error) ? query.error : 'invalid_response';
  const description = typeof query.error_description === 'string' ? query.error_description.slice(0, 500) : undefined;
  const advice =
    error === 'invalid_scope'
      ? 'Check the scope option: Worksection accepts only its 17 scopes (see SCOPES).'
      : 'Check the scope, clientID and callbackURL options.';
  return new WorksectionOAuthError(
    `Worksection sent the user back with error "${error}" instead of an authorization code. ${advice} ` +
      "The description field has Worksection's own words.",
    error,
    description,
  );
}
