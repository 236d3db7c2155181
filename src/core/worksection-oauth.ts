import { createHash, randomBytes } from 'node:crypto';
import { WorksectionArgumentError } from '../errors/argument-error';
import { WorksectionConfigError } from '../errors/config-error';
import type { NodeTransport } from '../http/node-transport';
import { postForm } from '../http/request';
import type { FetchFunction, HttpSettings } from '../http/settings';
import { checkAccountUrl } from '../oauth/account-url';
import { authorizeError, readCallback } from '../oauth/callback-query';
import type { Endpoints } from '../oauth/endpoints';
import { ACCESS_DENIED_MESSAGE, MALFORMED_CALLBACK_MESSAGE, NO_CODE_MESSAGE, STATE_MESSAGE } from '../oauth/fail-messages';
import { readOAuthAnswer } from '../oauth/oauth-answer';
import { parseProfile, type WorksectionProfile } from '../oauth/profile';
import { accountProblem, codeExchangeProblem, type SignInProblem } from '../oauth/sign-in-outcome';
import { tokenParams, type TokenParams } from '../oauth/token-params';
import { requestTokens } from '../oauth/token-request';
import { toTokenSet, type TokenSet } from '../oauth/token-set';
import { StateCookie } from '../state-cookie/state-cookie';
import { checkCoreOptions, normalizeScope, type CheckedCoreOptions, type WorksectionOAuthOptions } from './options';

/** What {@link WorksectionOAuth.exchangeCode} resolves to: the tokens, and the token answer as `params`. */
export interface SignInTokens extends TokenSet {
  /** Worksection's token answer without `refresh_token`, plus `expires_at` (what a Passport verify gets as `params`). */
  params: TokenParams;
}

/**
 * How {@link WorksectionOAuth.finishSignIn} ended. `ok`: the user signed in. Otherwise `message` says why not, in
 * words for the user (they fix it by signing in again). Either way send `headers` with your answer: they clear
 * the state cookie and forbid caching.
 */
export type SignInResult =
  { ok: true; tokens: SignInTokens; profile: WorksectionProfile; headers: Headers } | { ok: false; message: string; headers: Headers };

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
  }

  /**
   * The URL of Worksection's authorization page for this sign-in: the code flow, your client ID, the callback URL,
   * the scopes comma-joined and the `state`; with `codeChallenge`, PKCE (S256).
   */
  authorizationURL(options: { state: string; scope?: string | readonly string[]; codeChallenge?: string; callbackURL?: string }): string {
    const url = new URL(this.endpoints.authorizationURL);
    url.searchParams.set('response_type', 'code');
    const callbackURL = options.callbackURL ?? this._options.callbackURL;
    if (callbackURL !== undefined) url.searchParams.set('redirect_uri', callbackURL);
    // Worksection reads commas (and spaces); its docs and clients send commas.
    const scope = options.scope === undefined ? this._options.scope : normalizeScope(options.scope);
    if (scope !== undefined) url.searchParams.set('scope', scope.join(','));
    if (typeof options.state !== 'string' || options.state === '') {
      throw new WorksectionArgumentError('state', 'authorizationURL() needs the state: Worksection requires one.');
    }
    url.searchParams.set('state', options.state);
    if (options.codeChallenge !== undefined) {
      url.searchParams.set('code_challenge', options.codeChallenge);
      url.searchParams.set('code_challenge_method', 'S256');
    }
    url.searchParams.set('client_id', this._options.clientID);
    return url.href;
  }

  /**
   * Exchanges an authorization code at `/oauth2/token` (a form POST with the client credentials). Rejects with a
   * typed error, also when Worksection answers an error with HTTP 200 ("Authorization code has been revoked"…).
   */
  async exchangeCode(code: string, options: { codeVerifier?: string; callbackURL?: string } = {}): Promise<SignInTokens> {
    if (typeof code !== 'string' || code === '') throw new WorksectionArgumentError('code', 'exchangeCode() needs the authorization code.');
    const form: Record<string, string> = {
      grant_type: 'authorization_code',
      client_id: this._options.clientID,
      client_secret: this._options.clientSecret,
      code,
    };
    const callbackURL = options.callbackURL ?? this._options.callbackURL;
    if (callbackURL !== undefined) form.redirect_uri = callbackURL;
    if (options.codeVerifier !== undefined) form.code_verifier = options.codeVerifier;
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
   * same refresh token share one request. Rejects with a typed error, also when Worksection answers an error with
   * HTTP 200 (e.g. `invalid_request`, "Token has been revoked").
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
      .then((tokens) => toTokenSet(tokens, tokens.refreshToken as string))
      .finally(() => this._refreshing.delete(refreshToken));
    this._refreshing.set(refreshToken, request);
    return request;
  }

  /**
   * Starts a sign-in: a fresh state (and, with `pkce`, a code verifier) sealed in a cookie, and the URL to send the
   * browser to. Answer with a redirect to `url` carrying `headers` (its `Set-Cookie` and `Cache-Control: no-store`).
   */
  startSignIn(options: { scope?: string | readonly string[] } = {}): { url: string; headers: Headers } {
    const callbackURL = this.absoluteCallbackURL();
    const verifier = this._options.pkce ? randomBytes(32).toString('base64url') : undefined;
    const issued = this.stateCookie.issue(callbackURL, verifier);
    const codeChallenge = verifier === undefined ? undefined : createHash('sha256').update(verifier).digest('base64url');
    const url = this.authorizationURL({
      state: issued.state,
      ...(options.scope !== undefined && { scope: options.scope }),
      ...(codeChallenge !== undefined && { codeChallenge }),
    });
    const headers = new Headers({ 'cache-control': 'no-store' });
    headers.append('set-cookie', issued.setCookie);
    return { url, headers };
  }

  /**
   * Completes a sign-in from the callback request: the state is checked first (a missing, forged, expired, replayed
   * or swapped one fails, without a call to Worksection), then Worksection's `error`, the code exchange, the
   * profile and the account checks (`allowedAccounts`, the profile's account is the token's). What the user can
   * fix by signing in again resolves `{ ok: false, message }`; what the developer must fix rejects with a typed
   * error.
   */
  async finishSignIn(request: Request): Promise<SignInResult> {
    const callbackURL = this.absoluteCallbackURL();
    const headers = new Headers({ 'cache-control': 'no-store' });
    const failed = (message: string): SignInResult => ({ ok: false, message, headers });
    const fields = readCallback(searchRecord(new URL(request.url).searchParams), undefined);
    const checked = this.stateCookie.check(request.headers.get('cookie') ?? undefined, fields?.state, callbackURL);
    for (const line of checked.setCookies) headers.append('set-cookie', line);
    if (fields === undefined) return failed(MALFORMED_CALLBACK_MESSAGE);
    if (!checked.ok) return failed(STATE_MESSAGE);
    if (fields.error !== undefined) {
      if (fields.error === 'access_denied') return failed(ACCESS_DENIED_MESSAGE);
      throw authorizeError(fields);
    }
    if (fields.code === undefined || fields.code === '') return failed(NO_CODE_MESSAGE);
    let tokens: SignInTokens;
    try {
      tokens = await this.exchangeCode(fields.code, {
        ...(checked.codeVerifier !== undefined && { codeVerifier: checked.codeVerifier }),
        callbackURL,
      });
    } catch (err) {
      return settleProblem(codeExchangeProblem(err), failed);
    }
    const allowed = accountProblem(tokens.params.account_url, undefined, this._options.allowedAccounts);
    if (allowed !== undefined) return settleProblem(allowed, failed);
    const profile = await this.profile(tokens.accessToken);
    const mismatch = accountProblem(tokens.params.account_url, profile.accountUrl, undefined);
    if (mismatch !== undefined) return settleProblem(mismatch, failed);
    return { ok: true, tokens, profile, headers };
  }

  private absoluteCallbackURL(): string {
    const callbackURL = this._options.callbackURL;
    if (callbackURL === undefined || !/^https?:\/\//i.test(callbackURL)) {
      throw new WorksectionConfigError('callbackURL', 'startSignIn() and finishSignIn() need an absolute callbackURL option.');
    }
    return callbackURL;
  }
}

/** A query as one value per name, or a list where a name is repeated (which {@link readCallback} refuses). */
function searchRecord(params: URLSearchParams): Record<string, unknown> {
  const record = Object.create(null) as Record<string, unknown>;
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name);
    record[name] = values.length === 1 ? values[0] : values;
  }
  return record;
}

function settleProblem(problem: SignInProblem, failed: (message: string) => SignInResult): SignInResult {
  if ('fail' in problem) return failed(problem.fail);
  throw problem.error;
}
