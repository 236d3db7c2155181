import { attachesFiles } from './attaches-files';
import type { ApiParams, WorksectionMe, WorksectionProject, WorksectionTask, WorksectionUser } from './api-types';
import {
  checkClientOptions,
  checkTokens,
  type CallOptions,
  type ClientTokens,
  type RefreshLock,
  type TokenRefresher,
  type WorksectionClientOptions,
} from './options';
import type { JsonAnswer } from '../http/answer';
import { isRecord } from '../shared/is-record';
import { WorksectionReauthError } from '../errors/reauth-error';
import { WorksectionRefreshError } from '../errors/refresh-error';
import { isGrantRefusal } from '../errors/grant-refusal';
import { WorksectionApiError } from '../errors/api-error';
import { hash, type RefreshOutcomes } from './refresh-outcomes';
import type { TokenSet } from '../oauth/token-set';
import { isActionName, type ActionName } from '../oauth/action-scopes';
import { withinTimeout } from './hook-timeout';
import { untilAborted } from './until-aborted';
import type { ActionArgs, ActionCaller, ActionMap, ActionResult } from './actions/action-map';
import type { GetProjectsParams } from './actions/projects';
import type { GetTasksParams } from './actions/tasks';
import type { GetUsersParams } from './actions/users';
import { CommentsApi } from './actions/comments';
import { ContactsApi } from './actions/contacts';
import { CostsApi } from './actions/costs';
import { FilesApi } from './actions/files';
import { ProjectsApi } from './actions/projects';
import { TagsApi } from './actions/tags';
import { TasksApi } from './actions/tasks';
import { TimersApi } from './actions/timers';
import { UsersApi } from './actions/users';
import { WebhooksApi } from './actions/webhooks';
import type { WorksectionList } from './list-cap';
import { sendsJsonBody } from './request-kind';
import { notShaped } from './actions/shape';
import { AccountApiClient, type Credential } from './account-api-client';

/**
 * Calls the Worksection account API (`{account_url}/api/oauth2?action=…`) with a user's tokens — all 63 actions, typed,
 * through `call(action, params)` or the grouped helpers (`client.tasks.create()`, `client.files.download()`…) — and keeps
 * those tokens alive: an expired access token is refreshed through the strategy before the call (or after
 * Worksection's HTTP 401 "Access token is expired", then the call is replayed once), concurrent calls share
 * one refresh, rotated tokens are handed to `onTokens` before they are used, and calls to one account are
 * spaced by `minInterval` (waiting at most `maxQueueWait`). Only Worksection's own refusal of the refresh ends the
 * grant ({@link WorksectionReauthError}: sign the user in again); a refresh that failed any other way rejects with
 * {@link WorksectionRefreshError}, and the next call tries it again.
 *
 * @example
 * ```ts
 * import { WorksectionClient, WorksectionReauthError } from 'passport-worksection/client';
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
 *   const projects = await client.projects.list({ filter: 'active' });      // grouped helpers, typed
 *   const tasks = await client.call('get_tasks', { id_project: projects[0].id }); // or any action by name
 * } catch (err) {
 *   if (err instanceof WorksectionReauthError) return res.redirect('/auth/worksection');
 *   throw err; // WorksectionRefreshError, WorksectionRateLimitError: retryable, try again later
 * }
 * ```
 */
export class WorksectionClient extends AccountApiClient {
  /** Members, teams and their schedules. */
  readonly users: UsersApi;
  /** Contacts and contact folders. */
  readonly contacts: ContactsApi;
  /** Projects, their members, folders, events and custom fields. */
  readonly projects: ProjectsApi;
  /** Tasks, subtasks, their subscribers and custom fields. */
  readonly tasks: TasksApi;
  /** Comments on tasks. */
  readonly comments: CommentsApi;
  /** Tags and tag groups of tasks and of projects. */
  readonly tags: TagsApi;
  /** Time and money entries, and their totals. */
  readonly costs: CostsApi;
  /** The signed-in user's own timer (the account's timers are on the admin API: {@link WorksectionAdminClient}). */
  readonly timers: TimersApi;
  /** Files: list, download (streamed), upload (multipart). */
  readonly files: FilesApi;
  /** The account's webhooks. */
  readonly webhooks: WebhooksApi;
  /** @internal */
  readonly _strategy: TokenRefresher;
  /** @internal */
  readonly _onTokens: ((tokens: TokenSet) => void | Promise<void>) | undefined;
  /** @internal */
  readonly _loadTokens: (() => Promise<ClientTokens | undefined>) | undefined;
  /** @internal */
  readonly _lock: RefreshLock;
  /** @internal The tokens calls use now. */
  _tokens: ClientTokens;
  /** @internal Rotated tokens `onTokens` has not accepted yet: saved again before anything uses them. */
  _unsaved: TokenSet | undefined;
  /** @internal What became of the refresh tokens sent, shared with other clients. */
  readonly _outcomes: RefreshOutcomes;
  /** @internal The refresh (or save) in flight, shared by every call of this client. */
  _renewing: Promise<void> | undefined;
  /** @internal Who the calls are made for (the `caller` option). */
  readonly _callerKey: string;

  constructor(options: WorksectionClientOptions) {
    const checked = checkClientOptions(options);
    super(checked);
    this._tokens = checked.tokens;
    this._outcomes = checked.outcomes;
    this._callerKey = checked.caller;
    this._strategy = options.strategy;
    this._onTokens = options.onTokens;
    this._loadTokens = options.loadTokens;
    this._lock = options.lock ?? ((_key, fn) => fn());
    // The helpers call this client's own `call`, each seen through the map of its group's actions (all in ActionMap).
    const caller = this as ActionCaller<ActionMap>;
    this.users = new UsersApi(caller);
    this.contacts = new ContactsApi(caller);
    this.projects = new ProjectsApi(caller);
    this.tasks = new TasksApi(caller);
    this.comments = new CommentsApi(caller);
    this.tags = new TagsApi(caller);
    this.costs = new CostsApi(caller);
    this.timers = new TimersApi(caller);
    this.files = new FilesApi(caller);
    this.webhooks = new WebhooksApi(caller);
  }

  /** A copy of the tokens the client uses now (after a refresh: the rotated ones). */
  get tokens(): ClientTokens {
    return { ...this._tokens };
  }

  /**
   * Calls `action` and resolves to the answer's `data`, typed by {@link ActionMap}: `call('get_tasks', { id_project })`
   * resolves to `WorksectionTask[]`. Reads (`me`, `get_*`, `search_tasks`) go as `GET` with the parameters in the
   * query string (a list or object parameter: as a JSON body); writes as a `POST` with a JSON body, as Worksection's
   * official clients send them. `download` resolves to a {@link WorksectionDownload} (streamed), `upload_files`
   * sends `multipart/form-data`. For `me`, the profile object even when Worksection wraps it in a one-element array;
   * for a write answered without `data` (`{"status":"ok","id":…}`), the answer's other fields.
   *
   * Rejects with {@link WorksectionApiError} when Worksection answers `"status":"error"` (with `scope` set for a
   * missing scope, `limit` for a list over its 10,000-record cap), {@link WorksectionReauthError} when Worksection
   * refused to refresh the tokens, {@link WorksectionRefreshError} when the refresh failed otherwise (try again),
   * {@link WorksectionRateLimitError} when Worksection refused the call for its rate limit or its turn would come
   * later than `maxQueueWait`, `options.signal`'s reason when it was aborted, and the package's other typed errors for
   * a timeout, a broken connection, a 5xx or an answer that is not the API's JSON.
   */
  call<A extends ActionName>(action: A, ...args: ActionArgs<A>): Promise<ActionResult<A>>;
  /**
   * An action this package does not know yet (Worksection adds some): `params` in the query string, resolving to the
   * answer's `data` as `unknown`. For a write, or a parameter our types lack, use {@link callJson}.
   */
  call<A extends string>(action: A & UnknownAction<A>, params?: ApiParams, options?: CallOptions): Promise<unknown>;
  call(action: string, params: unknown = {}, options: CallOptions = {}): Promise<unknown> {
    if (action === 'download') return this._download(params, options.signal, false);
    if (action === 'upload_files') return this._upload(params, options.signal);
    if (attachesFiles(action, params)) return this._attachCall(action, params, options.signal);
    if (isActionName(action) && sendsJsonBody(action, params)) return this._jsonCall(action, params, options.signal);
    return this._call(action, params as ApiParams, undefined, options.signal);
  }

  /** The signed-in user, as the account API describes them (`me`; no scope needed). */
  async me(options: CallOptions = {}): Promise<WorksectionMe> {
    const data: unknown = await this.call('me', {}, options);
    if (!isRecord(data)) throw notShaped('me', 'an object');
    return data as WorksectionMe;
  }

  /** The account's projects the user can see (`get_projects`; needs `projects_read`): `projects.list()`. */
  getProjects(params: GetProjectsParams = {}, options: CallOptions = {}): Promise<WorksectionList<WorksectionProject>> {
    return this.projects.list(params, options);
  }

  /** The tasks of one project (`get_tasks`; needs `tasks_read`): `tasks.list()`. */
  getTasks(params: GetTasksParams, options: CallOptions = {}): Promise<WorksectionList<WorksectionTask>> {
    return this.tasks.list(params, options);
  }

  /** The account's members (`get_users`; needs `users_read`): `users.list()`. */
  getUsers(_params: GetUsersParams = {}, options: CallOptions = {}): Promise<WorksectionList<WorksectionUser>> {
    return this.users.list(options);
  }

  /** @internal */
  override get _caller(): string {
    return this._callerKey;
  }

  /** @internal */
  get _path(): string {
    return '/api/oauth2';
  }

  /** @internal */
  get _apiName(): string {
    return 'account API';
  }

  /**
   * @internal
   * Fresh tokens first, then `send` in the account's turn, then at most one replay after an HTTP 401 (`jsonOf` reads
   * the answer's JSON, if any). `signal` stops this call's waiting at every step; the refresh it may be waiting for
   * goes on for the others.
   */
  async _exchange<A>(
    _action: string,
    label: string,
    signal: AbortSignal | undefined,
    send: (credential: Credential) => Promise<A>,
    jsonOf: (answer: A) => JsonAnswer | undefined,
  ): Promise<{ answer: A; credential: Credential }> {
    signal?.throwIfAborted();
    await untilAborted(this._prepareTokens(), signal);
    let sent = await this._sendWithTokens(label, signal, send);
    const first = jsonOf(sent.answer);
    if (first?.status === 401 && (await untilAborted(this._replayAfter401(sent.used, first), signal))) {
      sent = await this._sendWithTokens(label, signal, send);
    }
    return { answer: sent.answer, credential: bearer(sent.used) };
  }

  /**
   * @internal
   * Reads the envelope; a refusal with HTTP 401 that reaches here was not cured by {@link _exchange}'s one refresh
   * and replay (Worksection's "Access token is invalid": the grant was revoked, or the token signed with a key it no
   * longer has; or "expired" again right after a refresh). No call with these tokens can succeed: the grant is over,
   * the same as a refused refresh, so it is the same error.
   */
  override _read(answer: JsonAnswer, action: string, label: string, credential: Credential): unknown {
    try {
      return super._read(answer, action, label, credential);
    } catch (err) {
      if (err instanceof WorksectionApiError && err.status === 401) throw new WorksectionReauthError(err);
      throw err;
    }
  }

  /** @internal Waits for this account's turn, then sends with the tokens current at that moment. */
  _sendWithTokens<A>(
    label: string,
    signal: AbortSignal | undefined,
    send: (credential: Credential) => Promise<A>,
  ): Promise<{ answer: A; used: ClientTokens }> {
    return this._sendInTurn(label, signal, async () => {
      // Read now, not when the call was queued: a refresh may have rotated the tokens while it waited.
      const used = this._tokens;
      return { answer: await send(bearer(used)), used };
    });
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
        // The refresher's refusal: a WorksectionReauthError from our Strategy, an OAuth error from another refresher.
        const refusal = err instanceof WorksectionReauthError ? err.cause : isGrantRefusal(err) ? err : undefined;
        if (refusal === undefined) throw new WorksectionRefreshError(err);
        this._outcomes.failed(current.refreshToken, refusal);
        throw new WorksectionReauthError(refusal);
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
    // Until here the shared memory keeps the rotation for any client built from the old tokens, however much later.
    this._outcomes.saved(tokens);
    this._unsaved = undefined;
    this._tokens = { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: tokens.expiresAt };
  }
}

function isExpired(tokens: ClientTokens): boolean {
  return tokens.expiresAt !== undefined && tokens.expiresAt <= Date.now();
}

/** An action name that is not one of the 63: `never` for those, so that a known name is always typed. */
type UnknownAction<A extends string> = A extends ActionName ? never : unknown;

/** The credential of an exchange made with `used`: its access token as a Bearer, and both tokens to blank out of answers. */
function bearer(used: ClientTokens): Credential {
  return { authorization: `Bearer ${used.accessToken}`, secrets: [used.accessToken, used.refreshToken] };
}
