import { readEnvelope } from './envelope';
import type {
  ApiParams,
  GetProjectsParams,
  GetTasksParams,
  GetUsersParams,
  WorksectionMe,
  WorksectionProject,
  WorksectionTask,
  WorksectionUser,
} from './api-types';
import {
  checkClientOptions,
  checkTokens,
  type CallOptions,
  type ClientTokens,
  type RefreshLock,
  type TokenRefresher,
  type WorksectionClientOptions,
} from './options';
import { INVALID_RESPONSE } from '../errors/codes';
import { WorksectionArgumentError } from '../errors/argument-error';
import { WorksectionResponseError } from '../errors/response-error';
import type { JsonAnswer } from '../http/answer';
import { requestJson, type JsonRequest } from '../http/request';
import { type HttpSettings } from '../http/settings';
import { isRecord } from '../shared/is-record';
import type { CallSpacer } from './call-spacer';
import { WorksectionReauthError } from '../errors/reauth-error';
import { WorksectionRefreshError } from '../errors/refresh-error';
import { WorksectionOAuthError } from '../errors/oauth-error';
import { hash, type RefreshOutcomes } from './refresh-outcomes';
import type { TokenSet } from '../oauth/token-set';
import { withinTimeout } from './hook-timeout';
import { untilAborted } from './until-aborted';
import { rateLimitedPage } from './rate-limit';

/**
 * OAuth errors that report Worksection's own trouble rather than a refusal of the grant (RFC 6749 §5.2 and §4.1.2.1;
 * league/oauth2-server, behind Worksection's OAuth, answers an exception with `server_error`): tried again.
 */
const TRANSIENT_OAUTH_ERRORS = new Set(['server_error', 'temporarily_unavailable']);

/** Parameters the client sets itself: `action` names the call, and a token never goes into a URL. */
const RESERVED_PARAMS = new Set(['action', 'access_token']);

/**
 * Calls the Worksection account API (`{account_url}/api/oauth2?action=…`) with a user's tokens, and keeps
 * those tokens alive: an expired access token is refreshed through the strategy before the call (or after
 * Worksection's HTTP 401 "Access token is expired", then the call is replayed once), concurrent calls share
 * one refresh, rotated tokens are handed to `onTokens` before they are used, and calls to one account are
 * spaced by `minInterval` (waiting at most `maxQueueWait`). Only Worksection's own refusal of the refresh ends the
 * grant ({@link WorksectionReauthError}: sign the user in again); a refresh that failed any other way rejects with
 * {@link WorksectionRefreshError}, and the next call tries it again.
 *
 * @example
 * ```ts
 * import { WorksectionClient, WorksectionReauthError } from 'passport-worksection';
 *
 * const client = new WorksectionClient({
 *   strategy,                                  // your passport-worksection Strategy
 *   accountUrl: req.user.accountUrl,           // params.account_url at sign-in
 *   tokens: req.session.worksectionTokens,     // { accessToken, refreshToken, expiresAt }
 *   onTokens: async (tokens) => {              // awaited before the new tokens are used
 *     req.session.worksectionTokens = { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: tokens.expiresAt };
 *     await new Promise<void>((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
 *   },
 * });
 * try {
 *   const projects = await client.getProjects({ filter: 'active' });
 * } catch (err) {
 *   if (err instanceof WorksectionReauthError) return res.redirect('/auth/worksection');
 *   throw err; // WorksectionRefreshError, WorksectionRateLimitError: retryable, try again later
 * }
 * ```
 */
export class WorksectionClient {
  /** The account the calls go to, e.g. `https://acc1234.worksection.com` (no trailing slash). */
  readonly accountUrl: string;
  /** @internal */
  readonly _strategy: TokenRefresher;
  /** @internal */
  readonly _onTokens: ((tokens: TokenSet) => void | Promise<void>) | undefined;
  /** @internal */
  readonly _loadTokens: (() => Promise<ClientTokens | undefined>) | undefined;
  /** @internal */
  readonly _lock: RefreshLock;
  /** @internal */
  readonly _http: HttpSettings;
  /** @internal */
  readonly _minInterval: number;
  /** @internal */
  readonly _maxQueueWait: number;
  /** @internal Spaces the calls to one account: Worksection's rate limit is per account. */
  readonly _spacer: CallSpacer;
  /** @internal The tokens calls use now. */
  _tokens: ClientTokens;
  /** @internal Rotated tokens `onTokens` has not accepted yet: saved again before anything uses them. */
  _unsaved: TokenSet | undefined;
  /** @internal What became of the refresh tokens sent, shared with other clients. */
  readonly _outcomes: RefreshOutcomes;
  /** @internal The refresh (or save) in flight, shared by every call of this client. */
  _renewing: Promise<void> | undefined;

  constructor(options: WorksectionClientOptions) {
    const checked = checkClientOptions(options);
    this.accountUrl = checked.accountUrl;
    this._tokens = checked.tokens;
    this._http = checked.http;
    this._minInterval = checked.minInterval;
    this._maxQueueWait = checked.maxQueueWait;
    this._spacer = checked.spacer;
    this._outcomes = checked.outcomes;
    this._strategy = options.strategy;
    this._onTokens = options.onTokens;
    this._loadTokens = options.loadTokens;
    this._lock = options.lock ?? ((_key, fn) => fn());
  }

  /** A copy of the tokens the client uses now (after a refresh: the rotated ones). */
  get tokens(): ClientTokens {
    return { ...this._tokens };
  }

  /**
   * Calls `action` with `params` in the query string and resolves to the answer's `data` (for `me`, the
   * profile object even when Worksection wraps it in a one-element array). Rejects with
   * {@link WorksectionApiError} when Worksection answers `"status":"error"`, {@link WorksectionReauthError}
   * when Worksection refused to refresh the tokens, {@link WorksectionRefreshError} when the refresh failed
   * otherwise (try again), {@link WorksectionRateLimitError} when Worksection refused the call for its rate limit
   * or its turn would come later than `maxQueueWait`, `options.signal`'s reason when it was aborted, and the
   * package's other typed errors for a timeout, a broken connection, a 5xx or an answer that is not the API's JSON.
   */
  call<T = unknown>(action: string, params: ApiParams = {}, options: CallOptions = {}): Promise<T> {
    return this._call(action, params, undefined, options.signal) as Promise<T>;
  }

  /**
   * Like {@link call}, with the parameters sent as a JSON body (a POST) rather than in the query string: for
   * writes too large for a URL. Worksection reads JSON bodies only (a form body is answered "invalid JSON").
   */
  callJson<T = unknown>(action: string, body: Record<string, unknown>, options: CallOptions = {}): Promise<T> {
    if (!isRecord(body))
      return Promise.reject(new WorksectionArgumentError('body', 'callJson(action, body) needs a plain object as its body.'));
    const reserved = Object.keys(body).find((name) => RESERVED_PARAMS.has(name));
    if (reserved !== undefined) return Promise.reject(reservedParam(reserved));
    return this._call(action, {}, body, options.signal) as Promise<T>;
  }

  /** The signed-in user, as the account API describes them (`me`; no scope needed). */
  async me(options: CallOptions = {}): Promise<WorksectionMe> {
    const data = await this.call('me', {}, options);
    if (!isRecord(data)) throw notShaped('me', 'an object');
    return data as WorksectionMe;
  }

  /** The account's projects the user can see (`get_projects`; needs the `projects_read` scope). */
  async getProjects(params: GetProjectsParams = {}, options: CallOptions = {}): Promise<WorksectionProject[]> {
    return list<WorksectionProject>('get_projects', await this.call('get_projects', params, options));
  }

  /** The tasks of one project (`get_tasks`; needs the `tasks_read` scope). */
  async getTasks(params: GetTasksParams, options: CallOptions = {}): Promise<WorksectionTask[]> {
    return list<WorksectionTask>('get_tasks', await this.call('get_tasks', params, options));
  }

  /** The account's members (`get_users`; needs the `users_read` scope). */
  async getUsers(params: GetUsersParams = {}, options: CallOptions = {}): Promise<WorksectionUser[]> {
    return list<WorksectionUser>('get_users', await this.call('get_users', params, options));
  }

  /**
   * @internal
   * One call: fresh tokens first, then the request in its turn, then at most one replay after a 401. `signal` stops
   * this call's waiting at every step; the refresh it may be waiting for goes on for the others.
   */
  async _call(action: string, params: ApiParams, body: Record<string, unknown> | undefined, signal?: AbortSignal): Promise<unknown> {
    const url = this._url(action, params);
    signal?.throwIfAborted();
    const label = `Worksection's account API (${this.accountUrl}, action ${action})`;
    await untilAborted(this._prepareTokens(), signal);
    let sent = await this._sendInTurn(url, body, label, signal);
    if (sent.answer.status === 401 && (await untilAborted(this._replayAfter401(sent.used, sent.answer), signal))) {
      sent = await this._sendInTurn(url, body, label, signal);
    }
    return readEnvelope(sent.answer, action, label, [sent.used.accessToken, sent.used.refreshToken]);
  }

  /** @internal Builds the URL: the action and parameters in the query string, never a token. */
  _url(action: string, params: ApiParams): string {
    if (typeof action !== 'string' || !/^[a-z][a-z0-9_]*$/i.test(action)) {
      throw new WorksectionArgumentError('action', 'The action must be a Worksection API action name such as "get_projects".');
    }
    if (!isRecord(params)) throw new WorksectionArgumentError('params', 'The params of a call must be a plain object.');
    const url = new URL(`${this.accountUrl}/api/oauth2`);
    url.searchParams.set('action', action);
    for (const [name, value] of Object.entries(params)) {
      if (RESERVED_PARAMS.has(name)) throw reservedParam(name);
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url.toString();
  }

  /** @internal Waits for this account's turn (at most `maxQueueWait`), then sends with the tokens current at that moment. */
  _sendInTurn(
    url: string,
    body: Record<string, unknown> | undefined,
    label: string,
    signal: AbortSignal | undefined,
  ): Promise<{ answer: JsonAnswer; used: ClientTokens }> {
    const turn = { maxWait: this._maxQueueWait, ...(signal !== undefined && { signal }) };
    return this._spacer.schedule(
      this.accountUrl,
      this._minInterval,
      async () => {
        // Read now, not when the call was queued: a refresh may have rotated the tokens while it waited.
        const used = this._tokens;
        const request: JsonRequest =
          body === undefined
            ? { method: 'GET', headers: { authorization: `Bearer ${used.accessToken}` }, signal }
            : {
                method: 'POST',
                headers: { authorization: `Bearer ${used.accessToken}`, 'content-type': 'application/json' },
                body: JSON.stringify(body),
                signal,
              };
        try {
          return { answer: await requestJson(url, request, this._http, label), used };
        } catch (err) {
          // A 429 that is not JSON (a proxy's HTML page) is refused before its body is read: still the rate limit.
          if (err instanceof WorksectionResponseError && err.status === 429) throw rateLimitedPage(label, err.status);
          throw err;
        }
      },
      turn,
    );
  }

  /** @internal Before a call: save tokens `onTokens` refused earlier, and refresh an access token past `expiresAt`. */
  async _prepareTokens(): Promise<void> {
    // A loop: the flight joined may be another call's refresh rather than this save.
    for (let unsaved = this._unsaved; unsaved !== undefined; unsaved = this._unsaved) {
      const tokens = unsaved;
      await this._shareRenewal(() => this._commitTokens(tokens));
    }
    if (isExpired(this._tokens)) await this._replaceAccessToken(this._tokens.accessToken);
  }

  /**
   * @internal
   * After an HTTP 401 with the tokens `used`: whether to replay. Worksection's "Access token is expired" gets
   * one refresh; any other 401 is replayed only if newer tokens exist (another call or process rotated them).
   */
  async _replayAfter401(used: ClientTokens, answer: JsonAnswer): Promise<boolean> {
    if (this._tokens.accessToken !== used.accessToken) return true;
    const message = isRecord(answer.body) ? answer.body.message : undefined;
    // Worksection answers an expired token with HTTP 401 "Access token is expired"; its own clients refresh once
    // and replay. Other 401s (a revoked or unknown token) cannot be cured by a refresh of this client's own.
    if (typeof message === 'string' && /expired/i.test(message)) {
      await this._replaceAccessToken(used.accessToken);
      return true;
    }
    if (this._loadTokens === undefined) return false;
    const loaded = await this._load(this._loadTokens);
    if (loaded === undefined || loaded.accessToken === used.accessToken) return false;
    this._tokens = checkTokens(loaded, 'loadTokens');
    return true;
  }

  /** @internal Replaces the access token `stale`, unless that already happened. */
  _replaceAccessToken(stale: string): Promise<void> {
    if (this._tokens.accessToken !== stale && !isExpired(this._tokens)) return Promise.resolve();
    return this._shareRenewal(() => this._refreshUnderLock(stale));
  }

  /** @internal Runs `work` unless work is already in flight, in which case the caller shares that one. */
  _shareRenewal(work: () => Promise<void>): Promise<void> {
    this._renewing ??= work().finally(() => {
      this._renewing = undefined;
    });
    return this._renewing;
  }

  /** @internal The refresh itself, inside the cross-process lock of the grant. */
  _refreshUnderLock(stale: string): Promise<void> {
    // A hash: lock keys end up in Redis (and its logs), where the refresh token must not.
    const key = `worksection:refresh:${hash(this._tokens.refreshToken)}`;
    return this._underLock(key, async () => {
      if (this._loadTokens !== undefined) {
        // Another process may have refreshed while we waited for the lock, revoking the refresh token we hold.
        const loaded = await this._load(this._loadTokens);
        if (loaded !== undefined) this._tokens = checkTokens(loaded, 'loadTokens');
      }
      const current = this._tokens;
      if (current.accessToken !== stale && !isExpired(current)) return;
      // Worksection rotates refresh tokens: once sent, this one is revoked (or will be, if the answer was lost).
      // Another client of this process may already have sent it: take over its outcome rather than resend it.
      const known = this._outcomes.get(current.refreshToken);
      if (known !== undefined && 'failed' in known) throw new WorksectionReauthError(known.failed);
      if (known !== undefined) return this._commitTokens(known.rotated);
      let tokens: TokenSet;
      try {
        tokens = await this._strategy.refresh(current.refreshToken);
      } catch (err) {
        // Only Worksection's own "no" ends a grant. A lost answer (timeout, reset), a refused connection or a 5xx
        // says nothing about the refresh token: keep it, remember nothing, and let the next call try again. Should
        // Worksection have rotated it before the answer was lost, that retry is refused, and ends the grant then.
        if (!(err instanceof WorksectionOAuthError) || TRANSIENT_OAUTH_ERRORS.has(err.error)) throw new WorksectionRefreshError(err);
        this._outcomes.failed(current.refreshToken, err);
        throw new WorksectionReauthError(err);
      }
      this._outcomes.rotated(current.refreshToken, tokens);
      await this._commitTokens(tokens);
    });
  }

  /**
   * @internal
   * Runs `work` inside the app's `lock`. Waiting for the lock, and for its release once `work` is done, is bounded by
   * `timeout`: a lock that never calls `fn` would otherwise hold `_renewing`, and with it every later call, forever.
   * Should the lock call `fn` after we gave up, `fn` does nothing, so the lock is released at once.
   */
  async _underLock(key: string, work: () => Promise<void>): Promise<void> {
    const timeout = this._http.timeout;
    let gaveUp = false;
    let running: Promise<void> | undefined;
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const held = Promise.resolve().then(() =>
      this._lock(key, () => {
        if (gaveUp) return Promise.resolve();
        entered();
        running = work();
        return running;
      }),
    );
    // Whatever the lock does after we gave up (or after work failed) must not become an unhandled rejection.
    held.catch(() => undefined);
    try {
      await withinTimeout('lock', timeout, () => Promise.race([inside, held]));
    } catch (err) {
      gaveUp = true;
      throw err;
    }
    if (running === undefined) return held;
    await running;
    await withinTimeout('lock', timeout, () => held);
  }

  /** @internal Reads the tokens back with `loadTokens`, bounded by `timeout`. */
  _load(loadTokens: () => Promise<ClientTokens | undefined>): Promise<ClientTokens | undefined> {
    return withinTimeout('loadTokens', this._http.timeout, loadTokens);
  }

  /** @internal Hands rotated tokens to `onTokens` (bounded by `timeout`), and only once it has accepted them uses them. */
  async _commitTokens(tokens: TokenSet): Promise<void> {
    this._unsaved = tokens;
    const onTokens = this._onTokens;
    if (onTokens !== undefined) await withinTimeout('onTokens', this._http.timeout, () => onTokens(tokens));
    this._unsaved = undefined;
    this._tokens = { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: tokens.expiresAt };
  }
}

function reservedParam(name: string): WorksectionArgumentError {
  return new WorksectionArgumentError(
    'params',
    `The "${name}" parameter is set by the client (the token goes in the Authorization header): remove it.`,
  );
}

function isExpired(tokens: ClientTokens): boolean {
  return tokens.expiresAt !== undefined && tokens.expiresAt <= Date.now();
}

function list<T>(action: string, data: unknown): T[] {
  if (!Array.isArray(data)) throw notShaped(action, 'a list');
  return data as T[];
}

function notShaped(action: string, expected: string): WorksectionResponseError {
  return new WorksectionResponseError(
    `Worksection's account API answered "${action}" with data that is not ${expected}. Check the accountUrl option.`,
    INVALID_RESPONSE,
  );
}
