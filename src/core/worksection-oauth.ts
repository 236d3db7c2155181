import { createHash } from 'node:crypto';
import { randomBytesPooled } from '../shared/random-pool';
import { WorksectionArgumentError } from '../errors/argument-error';
import { WorksectionConfigError } from '../errors/config-error';
import { isGrantRefusal } from '../errors/grant-refusal';
import { WorksectionReauthError } from '../errors/reauth-error';
import type { NodeTransport } from '../http/node-transport';
import { postForm } from '../http/request';
import type { FetchFunction, HttpSettings } from '../http/settings';
import { checkAccountUrl } from '../oauth/account-url';
import { AuthorizeUrlBuilder, paramText } from '../oauth/authorize-url';
import { readCallback } from '../oauth/callback-query';
import type { Endpoints } from '../oauth/endpoints';
import { readOAuthAnswer } from '../oauth/oauth-answer';
import { parseProfile, type WorksectionProfile } from '../oauth/profile';
import { tokenParams } from '../oauth/token-params';
import { requestTokens } from '../oauth/token-request';
import { toTokenSet, type TokenSet } from '../oauth/token-set';
import { missingAccountUrl } from '../oauth/sign-in-outcome';
import { StateCookie } from '../state-cookie/state-cookie';
import { checkCoreOptions, normalizeScope, type CheckedCoreOptions, type WorksectionOAuthOptions } from './options';
import { completeSignIn, type SignInSteps } from './sign-in-flow';
import type { SignInTokens } from './sign-in-tokens';
import { NotSignedIn, SignedIn, StartAnswer, type SignInHeaders, type SignInResult } from './sign-in-answer';

export type { SignInTokens } from './sign-in-tokens';
export type { SignInHeaders, SignInResult } from './sign-in-answer';

/**
 * A request the core can read a callback from: a Web `Request`, a Node `IncomingMessage` (its `url` is the path
 * and query), or any `{ url, headers }` with the `Cookie` header.
 */
export interface SignInRequest {
  url?: string | undefined;
  headers: Headers | Readonly<Record<string, string | readonly string[] | undefined>>;
}

/**
 * "Sign in with Worksection" without Passport or any framework: the same endpoints, quirks, timeouts, typed errors
 * and sealed state cookie as the Passport {@link Strategy}, which is built on it, over Web-standard `Request` and
 * `Headers` (Next.js route handlers, Hono, Fastify, plain `node:http`).
 *
 * @example
 * ```ts
 * const worksection = new WorksectionOAuth({ clientID, clientSecret, callbackURL: 'https://app.example/auth/callback', scope: 'projects_read' });
 *
 * // GET /auth/worksection
 * const { url, headers } = worksection.startSignIn();
 * headers.set('location', url);
 * return new Response(null, { status: 302, headers });
 *
 * // GET /auth/callback
 * const result = await worksection.finishSignIn(request);   // typed errors for what the developer must fix
 * if (!result.ok) return new Response(result.message, { status: 403, headers: result.headers });
 * // result.tokens.params.account_url, result.profile.id: key your user on both
 * ```
 */
export class WorksectionOAuth {
  /** The origin of the OAuth endpoints (the `baseURL` option, without a trailing slash). */
  readonly baseURL: string;
  /** The four endpoints. */
  readonly endpoints: Endpoints;
  /** Milliseconds for each call to Worksection (the `timeout` option, default 10000). */
  readonly timeout: number;
  /** The `fetch` option, or undefined for the built-in transport. */
  readonly fetch: FetchFunction | undefined;
  /** The built-in transport's pool used when there is no `fetch`. */
  readonly transport: NodeTransport;
  /** The sealed state cookies of sign-ins started here. */
  readonly stateCookie: StateCookie;
  /** @internal The checked options. */
  readonly _options: CheckedCoreOptions;
  /** @internal How requests are sent. */
  readonly _http: HttpSettings;
  /** @internal Builds the authorization URLs. */
  readonly _authorize: AuthorizeUrlBuilder;
  /** @internal Refreshes in flight, by refresh token. */
  readonly _refreshing = new Map<string, Promise<TokenSet>>();

  constructor(options: WorksectionOAuthOptions) {
    this._options = checkCoreOptions(options, 'new WorksectionOAuth(options)');
    this._http = this._options.http;
    this.endpoints = this._options.endpoints;
    this.baseURL = this.endpoints.baseURL;
    this.timeout = this._http.timeout;
    this.fetch = this._http.fetch;
    this.transport = this._http.transport;
    this.stateCookie = new StateCookie({ secrets: this._options.stateSecrets });
    this._authorize = new AuthorizeUrlBuilder(this.endpoints.authorizationURL, this._options.clientID);
  }

  /**
   * The URL of Worksection's authorization page for this sign-in: the code flow, your client ID, the callback URL,
   * the scopes comma-joined and the `state`; with `codeChallenge`, PKCE (S256).
   */
  authorizationURL(options: { state: string; scope?: string | readonly string[]; codeChallenge?: string; callbackURL?: string }): string {
    if (typeof options.state !== 'string' || options.state === '') {
      throw new WorksectionArgumentError('state', 'authorizationURL() needs the state: Worksection requires one.');
    }
    return this._authorize.build({
      callbackURL: options.callbackURL ?? this._options.callbackURL,
      scope: options.scope === undefined ? this._options.scope : normalizeScope(options.scope),
      state: options.state,
      codeChallenge: options.codeChallenge,
      extra: undefined,
    });
  }

  /**
   * Exchanges an authorization code at `/oauth2/token` (a form POST with the client credentials). Rejects with a
   * typed error, also when Worksection answers an error with HTTP 200 ("Authorization code has been revoked"…).
   */
  exchangeCode(code: string, options: { codeVerifier?: string; callbackURL?: string } = {}): Promise<SignInTokens> {
    if (typeof code !== 'string' || code === '') {
      return Promise.reject(new WorksectionArgumentError('code', 'exchangeCode() needs the authorization code.'));
    }
    return this._exchangeCode(code, options.codeVerifier, options.callbackURL ?? this._options.callbackURL, undefined).then((tokens) => {
      // As the sign-in flow does: a token answer to a code without account_url is not Worksection's.
      if (typeof (tokens.params.account_url as unknown) !== 'string') throw missingAccountUrl();
      return tokens;
    });
  }

  /** @internal The code exchange, with a Strategy subclass's `tokenParams()` as `extra` (ours take precedence). */
  async _exchangeCode(
    code: string,
    codeVerifier: string | undefined,
    callbackURL: string | undefined,
    extra: Record<string, unknown> | undefined,
  ): Promise<SignInTokens> {
    const form: Record<string, string> = {};
    if (extra !== undefined) {
      for (const [name, value] of Object.entries(extra)) if (value !== undefined && value !== null) form[name] = paramText(value);
    }
    form.grant_type = 'authorization_code';
    form.client_id = this._options.clientID;
    form.client_secret = this._options.clientSecret;
    form.code = code;
    if (callbackURL !== undefined) form.redirect_uri = callbackURL;
    if (codeVerifier !== undefined) form.code_verifier = codeVerifier;
    const tokens = await requestTokens({ http: this._http, baseURL: this.baseURL }, this.endpoints.tokenURL, form);
    // Worksection always sends a refresh token with a code; '' only if a server did not.
    return { ...toTokenSet(tokens, tokens.refreshToken ?? ''), params: tokenParams(tokens) };
  }

  /**
   * The signed-in person: a form-body POST of the client credentials and the token to `/oauth2/resource`, mapped
   * by {@link parseProfile}. An error body (Worksection: HTTP 200, `not_authorized`), an untrusted account_url or
   * a malformed id is a typed error.
   */
  async profile(accessToken: string): Promise<WorksectionProfile> {
    const { clientID, clientSecret } = this._options;
    const url = this.endpoints.profileURL;
    const label = `Worksection's user-info endpoint (${url})`;
    const answer = await postForm(url, { client_id: clientID, client_secret: clientSecret, access_token: accessToken }, this._http, label);
    const profile = parseProfile(readOAuthAnswer(answer, label, [clientSecret, accessToken]), answer.text);
    if (profile.accountUrl !== undefined) checkAccountUrl(profile.accountUrl, this.baseURL, label);
    return profile;
  }

  /**
   * Exchanges a refresh token at `/oauth2/refresh` for a new {@link TokenSet}. Worksection rotates refresh tokens
   * (the one sent is revoked), so store the new `refreshToken` before anything else. Concurrent calls with the
   * same refresh token share one request. Rejects with {@link WorksectionReauthError} when Worksection refused the
   * refresh token (its error answer comes with HTTP 200, e.g. `invalid_request` "Token has been revoked": the grant is
   * over, sign the user in again), and with another typed error when the refresh failed any other way (try again).
   */
  refresh(refreshToken: string): Promise<TokenSet> {
    if (typeof refreshToken !== 'string' || refreshToken === '') {
      return Promise.reject(new WorksectionArgumentError('refreshToken', 'refresh() needs the refresh token (a non-empty string).'));
    }
    const pending = this._refreshing.get(refreshToken);
    if (pending) return pending;
    const form = {
      grant_type: 'refresh_token',
      client_id: this._options.clientID,
      client_secret: this._options.clientSecret,
      refresh_token: refreshToken,
    };
    const request = requestTokens({ http: this._http, baseURL: this.baseURL }, this.endpoints.refreshURL, form)
      .then(
        (tokens) => toTokenSet(tokens, tokens.refreshToken as string),
        (err: unknown) => {
          throw isGrantRefusal(err) ? new WorksectionReauthError(err) : err;
        },
      )
      .finally(() => this._refreshing.delete(refreshToken));
    this._refreshing.set(refreshToken, request);
    return request;
  }

  /**
   * Starts a sign-in: a fresh state (and, with `pkce`, a code verifier) sealed in a cookie, and the URL to send the
   * browser to. Answer with a redirect to `url` carrying the state cookie (`setCookies`) and `Cache-Control:
   * no-store` (or send `headers`, which has both). Pass the start `request` (its headers are enough) so that,
   * on an https callback, the oldest pending sign-ins beyond `MAX_PENDING_SIGN_INS` are dropped.
   */
  startSignIn(
    options: { scope?: string | readonly string[]; request?: Pick<SignInRequest, 'headers'> } = {},
  ): { url: string } & SignInHeaders {
    const callbackURL = this.absoluteCallbackURL();
    const verifier = this._options.pkce ? randomBytesPooled(32).toString('base64url') : undefined;
    const cookieHeader = options.request === undefined ? undefined : readHeader(options.request.headers, 'cookie');
    const issued = this.stateCookie.issue(callbackURL, verifier, cookieHeader);
    const url = this._authorize.build({
      callbackURL,
      scope: options.scope === undefined ? this._options.scope : normalizeScope(options.scope),
      state: issued.state,
      codeChallenge: verifier === undefined ? undefined : createHash('sha256').update(verifier).digest('base64url'),
      extra: undefined,
    });
    return new StartAnswer(url, issued.setCookies);
  }

  /**
   * Completes a sign-in from the callback request (a Web `Request`, a Node request, or `{ url, headers }`): the
   * state is checked first (a missing, forged, expired, replayed or swapped one fails, without a call to
   * Worksection), then Worksection's `error`, the code exchange, the profile and the account checks
   * (`allowedAccounts`, the profile's account is the token's). What the user can fix by signing in again resolves
   * `{ ok: false, message, status }`; what the developer must fix rejects with a typed error.
   */
  async finishSignIn(request: SignInRequest): Promise<SignInResult> {
    const callbackURL = this.absoluteCallbackURL();
    const cookieHeader = readHeader(request.headers, 'cookie');
    let setCookies: string[] = [];
    const steps: SignInSteps = {
      checkState: (state) => {
        const checked = this.stateCookie.check(cookieHeader, state, callbackURL);
        setCookies = checked.setCookies;
        return checked.ok ? { ok: true, codeVerifier: checked.codeVerifier } : { ok: false };
      },
      exchangeCode: (code, codeVerifier) => this._exchangeCode(code, codeVerifier, callbackURL, undefined),
      loadProfile: (accessToken) => this.profile(accessToken),
      allowedAccounts: this._options.allowedAccounts,
    };
    const outcome = await completeSignIn(readCallback(queryOf(request.url ?? ''), undefined), steps);
    if (!outcome.ok) return new NotSignedIn(outcome.info.message, outcome.status ?? 403, setCookies);
    // Here the profile was loaded: only a Strategy with skipUserProfile skips it.
    return new SignedIn(outcome.tokens, outcome.profile as WorksectionProfile, setCookies);
  }

  private absoluteCallbackURL(): string {
    const callbackURL = this._options.callbackURL;
    if (callbackURL === undefined || !/^https?:\/\//i.test(callbackURL)) {
      throw new WorksectionConfigError('callbackURL', 'startSignIn() and finishSignIn() need an absolute callbackURL option.');
    }
    return callbackURL;
  }
}

function readHeader(headers: SignInRequest['headers'], name: string): string | readonly string[] | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  return headers[name];
}

/**
 * The query of a URL (absolute, or a path as Node's `req.url` has it) as one value per name, or a list where a
 * name is repeated (which {@link readCallback} refuses).
 */
function queryOf(url: string): Record<string, unknown> {
  const record = Object.create(null) as Record<string, unknown>;
  const start = url.indexOf('?');
  if (start === -1) return record;
  const end = url.indexOf('#', start);
  for (const [name, value] of new URLSearchParams(url.slice(start + 1, end === -1 ? undefined : end))) {
    const previous = record[name];
    record[name] = previous === undefined ? value : Array.isArray(previous) ? [...(previous as string[]), value] : [previous, value];
  }
  return record;
}
