import { attachesFiles } from '../attaches-files';
import { WorksectionApiError } from '../../errors/api-error';
import { WorksectionApiKeyError } from '../../errors/api-key-error';
import type { JsonAnswer } from '../../http/answer';
import { AccountApiClient, type Credential } from '../account-api-client';
import type { ActionCaller } from '../actions/action-map';
import { CommentsApi } from '../actions/comments';
import { ContactsApi } from '../actions/contacts';
import { CostsApi } from '../actions/costs';
import { FilesApi } from '../actions/files';
import { ProjectsApi } from '../actions/projects';
import { TagsApi } from '../actions/tags';
import { TasksApi } from '../actions/tasks';
import { AdminTimersApi } from '../actions/timers';
import { UsersApi } from '../actions/users';
import { WebhooksApi } from '../actions/webhooks';
import type { CallOptions } from '../options';
import type {
  AdminActionArgs,
  AdminActionMap,
  AdminActionName,
  AdminActionResult,
  AdminAddCostsParams,
  AdminPostCommentParams,
  AdminPostProjectParams,
  AdminPostTaskParams,
} from './admin-actions';
import { checkAdminOptions, type WorksectionAdminClientOptions } from './admin-options';
import { adminAuthorization } from './signature';

/** Worksection's `status_code` for a refused signature, "Action hash is missed or invalid" (FAQ api-start.html). */
const HASH_REFUSED = 2;

/**
 * Calls Worksection's admin API (`POST {accountUrl}/api/admin/v2?action=…`) with the account's API key, as
 * Worksection's official clients 2.1 do: each call carries `Authorization: Admin <unix time>_<HMAC-SHA256 of
 * "<action>:<time>" keyed with the API key>` and its parameters as a JSON body; the key itself is never sent. The
 * same typed `call(action, params)` and helper groups as {@link WorksectionClient}, with the admin API's own
 * actions: the account's timers (`timers.list()`, `timers.stop()`), and writes that name their author
 * (`email_user_from`, required on `costs.add()`). No `me` and no user's own timer: those need a user's token.
 * Calls to one account are spaced as the OAuth client's are, and share its queue.
 *
 * A refused signature rejects with {@link WorksectionApiKeyError}; any other refusal with {@link WorksectionApiError}.
 * The API key never appears in a URL, an error message or a log line of this package.
 *
 * @example
 * ```ts
 * import { WorksectionAdminClient } from 'passport-worksection';
 *
 * const admin = new WorksectionAdminClient({
 *   accountUrl: 'https://acc1234.worksection.com',
 *   apiKey: process.env.WORKSECTION_API_KEY!,
 * });
 * const timers = await admin.timers.list();             // everyone's running timers
 * await admin.costs.add({ id_task: '330090', time: '1:30', email_user_from: 'frank.harper@ws.com' });
 * ```
 */
export class WorksectionAdminClient extends AccountApiClient {
  /** Members, teams and their schedules. */
  readonly users: UsersApi;
  /** Contacts and contact folders. */
  readonly contacts: ContactsApi;
  /** Projects, their members, folders, events and custom fields; `create()` may name the author. */
  readonly projects: ProjectsApi<AdminPostProjectParams>;
  /** Tasks, subtasks, their subscribers and custom fields; `create()` may name the author. */
  readonly tasks: TasksApi<AdminPostTaskParams>;
  /** Comments on tasks; `post()` may name the author. */
  readonly comments: CommentsApi<AdminPostCommentParams>;
  /** Tags and tag groups of tasks and of projects. */
  readonly tags: TagsApi;
  /** Time and money entries, and their totals; `add()` names whose entry it is. */
  readonly costs: CostsApi<AdminAddCostsParams>;
  /** The account's running timers: list them, stop one. */
  readonly timers: AdminTimersApi;
  /** Files: list, download (streamed), upload (multipart). */
  readonly files: FilesApi;
  /** The account's webhooks. */
  readonly webhooks: WebhooksApi;
  /** A private field: `util.inspect`, `JSON.stringify` and spreading the client do not show it. */
  readonly #apiKey: string;

  constructor(options: WorksectionAdminClientOptions) {
    const checked = checkAdminOptions(options);
    super(checked);
    this.#apiKey = checked.apiKey;
    // The helpers call this client's own `call`, each seen through the map of its group's actions.
    const caller = this as ActionCaller<AdminActionMap>;
    this.users = new UsersApi(caller);
    this.contacts = new ContactsApi(caller);
    this.projects = new ProjectsApi<AdminPostProjectParams>(caller);
    this.tasks = new TasksApi<AdminPostTaskParams>(caller);
    this.comments = new CommentsApi<AdminPostCommentParams>(caller);
    this.tags = new TagsApi(caller);
    this.costs = new CostsApi<AdminAddCostsParams>(caller);
    this.timers = new AdminTimersApi(caller);
    this.files = new FilesApi(caller);
    this.webhooks = new WebhooksApi(caller);
  }

  /**
   * Calls `action` and resolves to the answer's `data`, typed by {@link AdminActionMap}. Every call is a `POST` with
   * the parameters as a JSON body, as the official clients send them; `download` resolves to a
   * {@link WorksectionDownload} (streamed), `upload_files` sends `multipart/form-data`.
   *
   * Rejects with {@link WorksectionApiKeyError} when Worksection refused the signature (check the API key and the
   * clock), {@link WorksectionApiError} for any other `"status":"error"` answer, {@link WorksectionRateLimitError}
   * for its rate limit or a turn later than `maxQueueWait`, `options.signal`'s reason when aborted, and the package's
   * other typed errors for a timeout, a broken connection, a 5xx or an answer that is not the API's JSON.
   */
  call<A extends AdminActionName>(action: A, ...args: AdminActionArgs<A>): Promise<AdminActionResult<A>>;
  /** An action this package does not know as an admin action: `params` as a JSON body, the answer's `data` as `unknown`. */
  call<A extends string>(action: A & UnknownAdminAction<A>, params?: Record<string, unknown>, options?: CallOptions): Promise<unknown>;
  call(action: string, params: unknown = {}, options: CallOptions = {}): Promise<unknown> {
    if (action === 'download') return this._download(params, options.signal, true);
    if (action === 'upload_files') return this._upload(params, options.signal);
    if (attachesFiles(action, params)) return this._attachCall(action, params, options.signal);
    return this._jsonCall(action, params, options.signal);
  }

  /** @internal The official clients' `ADMIN_PATH` (php-api-client `src/Client.php` @7c48e646), without a trailing slash. */
  get _path(): string {
    return '/api/admin/v2';
  }

  /** @internal */
  get _apiName(): string {
    return 'admin API';
  }

  /**
   * @internal
   * Signs the call in its turn, not when it was queued: it may wait up to `maxQueueWait` for the turn, and
   * Worksection publishes no tolerance for the signature's time. No replay: a refused signature is refused again.
   */
  async _exchange<A>(
    action: string,
    label: string,
    signal: AbortSignal | undefined,
    send: (credential: Credential) => Promise<A>,
  ): Promise<{ answer: A; credential: Credential }> {
    signal?.throwIfAborted();
    return this._sendInTurn(label, signal, async () => {
      const authorization = adminAuthorization(this.#apiKey, action, Date.now());
      // The key, and the signature too (valid for this action at this second), are blanked out of what comes back.
      const credential: Credential = { authorization, secrets: [this.#apiKey, authorization.slice('Admin '.length)] };
      return { answer: await send(credential), credential };
    });
  }

  /** @internal Worksection's refusal of the signature becomes a {@link WorksectionApiKeyError} that says what to check. */
  override _read(answer: JsonAnswer, action: string, label: string, credential: Credential): unknown {
    try {
      return super._read(answer, action, label, credential);
    } catch (err) {
      if (!(err instanceof WorksectionApiError) || (err.statusCode !== HASH_REFUSED && answer.status !== 401)) throw err;
      throw new WorksectionApiKeyError(
        action,
        err.statusCode,
        `${label} refused the call's signature ("${err.message}", status_code ${err.statusCode}). Check the apiKey option: ` +
          "it must be the account's current admin API key (Account → Security → Admin API → Show API key), and this " +
          "machine's clock must be right, as the signature carries the time.",
        err.details,
        answer.status,
      );
    }
  }
}

/** An action name that is not an admin action: `never` for those, so that a known name is always typed. */
type UnknownAdminAction<A extends string> = A extends AdminActionName ? never : unknown;
