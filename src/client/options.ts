import { checkAccountUrl } from '../oauth/account-url';
import { DEFAULT_BASE_URL, resolveEndpoints } from '../oauth/endpoints';
import { WorksectionConfigError } from '../errors/config-error';
import { defaultNodeTransport, type NodeTransport } from '../http/node-transport';
import { checkFetch, checkTimeout, checkTransport, DEFAULT_TIMEOUT, type FetchFunction, type HttpSettings } from '../http/settings';
import { CallSpacer, DEFAULT_MAX_QUEUE_WAIT, DEFAULT_MIN_INTERVAL, defaultCallSpacer } from './call-spacer';
import { defaultRefreshOutcomes, hash, RefreshOutcomes } from './refresh-outcomes';
import type { TokenSet } from '../oauth/token-set';
import type { TransportSettings } from './account-api-client';

/** What the client keeps of a grant: the tokens from sign-in, or the last {@link TokenSet} of a refresh. */
export interface ClientTokens {
  accessToken: string;
  refreshToken: string;
  /**
   * When the access token expires, in milliseconds since the epoch (sign-in: `Date.now() + expires_in * 1000`).
   * Without it, the client learns of expiry from Worksection's HTTP 401 and refreshes then.
   */
  expiresAt?: number;
}

/**
 * What refreshes the tokens: a {@link Strategy}. Besides `refresh()`, the client inherits the strategy's
 * `baseURL`, `timeout`, `fetch` and `transport` for the options it is not given.
 */
export interface TokenRefresher {
  refresh(refreshToken: string): Promise<TokenSet>;
  /** Inherited when the client has no `baseURL` option. */
  readonly baseURL?: string;
  /** Inherited when the client has no `timeout` option. */
  readonly timeout?: number;
  /** Inherited when the client has neither `fetch` nor `transport`. */
  readonly fetch?: FetchFunction | undefined;
  /** Inherited when the client has neither `fetch` nor `transport`. */
  readonly transport?: NodeTransport;
}

/**
 * Runs `fn` while holding a lock named `key`, shared by every process that may refresh the same grant (e.g. a
 * Redis `SET key token NX PX ttl`). The key is derived from the refresh token, never the token itself. The client
 * waits the `timeout` option for `fn` to be called (and again for the lock to settle once `fn` has), then gives up.
 */
export type RefreshLock = <T>(key: string, fn: () => Promise<T>) => Promise<T>;

/** Options of {@link WorksectionClient}. */
export interface WorksectionClientOptions {
  /** Refreshes expired tokens through `/oauth2/refresh`: your {@link Strategy}. */
  strategy: TokenRefresher;
  /** The grant's account, `params.account_url` at sign-in, e.g. `https://acc1234.worksection.com`. */
  accountUrl: string;
  /** The tokens from sign-in (or from storage). */
  tokens: ClientTokens;
  /**
   * Persists rotated tokens. Awaited with the new {@link TokenSet} before any call uses it: Worksection has
   * revoked the old refresh token by then, so losing these means the user must sign in again.
   * If it rejects, or has not settled within `timeout` (then the call rejects with a {@link WorksectionTimeoutError}
   * naming it), the call rejects and the next call tries to save the same tokens again.
   */
  onTokens?: (tokens: TokenSet) => void | Promise<void>;
  /**
   * Reads the grant's tokens from your shared storage. Needed with `lock`: a process that waited for another's
   * refresh must use the tokens that process saved, as the refresh token it holds has been revoked. Called
   * while holding the lock before refreshing, and on an HTTP 401 other than an expired token. Resolve
   * `undefined` if you have none. Bounded by `timeout`, like `onTokens`.
   */
  loadTokens?: () => Promise<ClientTokens | undefined>;
  /**
   * A lock shared by processes (see {@link RefreshLock}); default: none, only calls in this process share a refresh.
   * Waiting for it is bounded by `timeout`: a lock that has not called `fn` by then fails the call with a
   * {@link WorksectionTimeoutError} naming it (and should it call `fn` later, `fn` returns at once), so that later
   * calls are not stuck behind it.
   */
  lock?: RefreshLock;
  /**
   * Milliseconds for each HTTP exchange with the account API, and for each run of the `onTokens`, `loadTokens` and
   * `lock` hooks. Default: the strategy's `timeout`, else 10000.
   */
  timeout?: number;
  /**
   * Minimum milliseconds between the starts of two calls to one account, from every client in this process
   * (calls wait their turn; none is dropped). Default 1000: Worksection allows about one request per second.
   */
  minInterval?: number;
  /**
   * Longest wait, in milliseconds, for a call's turn in the account's queue (see `minInterval`). A call whose turn
   * would come later is not queued: it rejects at once with a {@link WorksectionRateLimitError} whose `retryAfter`
   * says when its turn would have come. Default 30000; `Infinity` queues every call.
   */
  maxQueueWait?: number;
  /**
   * Who the calls are made for (a user id, a session id): the calls to one account are served in turn between
   * callers, one call of each per round, so that one user's many calls cannot push another's past `maxQueueWait`.
   * Default: the grant (a hash of the refresh token the client was built with).
   */
  caller?: string;
  /** A `fetch` for the account API (it must honour `init.signal`). Default: the strategy's, else the built-in node:http(s) transport. */
  fetch?: FetchFunction;
  /**
   * The built-in transport's keep-alive pool, when there is no `fetch`: a `new NodeTransport()` of your own keeps
   * these connections apart, and you `close()` it when done. Default: the strategy's, else the pool shared by
   * every strategy and client of the process.
   */
  transport?: NodeTransport;
  /**
   * Aborts every call of this client, as a call's own `signal` does (e.g. a signal aborted when the browser whose
   * request the client serves goes away: its calls still waiting leave the queue without reaching Worksection).
   */
  signal?: AbortSignal;
  /**
   * @internal
   * Spaces the calls to one account (see `minInterval`). Default: `defaultCallSpacer`, shared by every client of
   * the process, so that clients made per request still space one account's calls. Not public: the spacing is per
   * account already, so only tests (whose clients must not wait for other tests' calls) need a spacer of their own.
   */
  spacer?: CallSpacer;
  /**
   * @internal
   * What became of the refresh tokens sent, so that a client holding a token another client has just rotated takes
   * over the new tokens. Default: `defaultRefreshOutcomes`, shared by every client of the process. Not public: the
   * memory is keyed by refresh token already, so only tests need one of their own.
   */
  refreshOutcomes?: RefreshOutcomes;
  /**
   * The OAuth host the tokens came from. `accountUrl` must be `https://*.worksection.com` or on this origin
   * (the emulator serves accounts under its own origin). Default: the strategy's `baseURL`, else Worksection.
   */
  baseURL?: string;
}

/** Options of one call of a {@link WorksectionClient} (`call`, `callJson` and the typed helpers). */
export interface CallOptions {
  /**
   * Gives up the call when aborted: a call still waiting (for a refresh or its turn) leaves the queue without
   * reaching Worksection, and the calls behind it move up; a call under way has its connection closed. The call
   * rejects with the signal's reason (an `AbortError` `DOMException` for `controller.abort()`, a `TimeoutError` one
   * for `AbortSignal.timeout(ms)`). A refresh that other calls share goes on.
   */
  signal?: AbortSignal;
}

/** @internal What the constructor derives from its options. */
export interface CheckedClientOptions extends TransportSettings {
  tokens: ClientTokens;
  outcomes: RefreshOutcomes;
  caller: string;
}

/**
 * @internal
 * Checks the client's options, failing fast with a {@link WorksectionConfigError} that names the option and the fix.
 */
export function checkClientOptions(given: unknown): CheckedClientOptions {
  if (typeof given !== 'object' || given === null) {
    throw new WorksectionConfigError(
      'options',
      'new WorksectionClient(options) needs an options object with strategy, accountUrl and tokens.',
    );
  }
  const options = given as Partial<WorksectionClientOptions>;
  if (typeof options.strategy?.refresh !== 'function') {
    throw new WorksectionConfigError(
      'strategy',
      'The strategy option is required: pass your passport-worksection Strategy (its refresh() renews expired tokens).',
    );
  }
  for (const hook of ['onTokens', 'loadTokens', 'lock'] as const) {
    if (options[hook] !== undefined && typeof options[hook] !== 'function') {
      throw new WorksectionConfigError(hook, `The ${hook} option must be a function.`);
    }
  }
  if (options.lock !== undefined && options.loadTokens === undefined) {
    throw new WorksectionConfigError(
      'loadTokens',
      "The lock option needs loadTokens: a process that waited for another one's refresh must read the tokens it saved, or it would refresh with a revoked token.",
    );
  }
  const inherited: TokenRefresher = options.strategy;
  const transport = checkTransportOptions(options, inherited, 'The access token');
  const outcomes = options.refreshOutcomes ?? defaultRefreshOutcomes;
  if (!(outcomes instanceof RefreshOutcomes)) {
    throw new WorksectionConfigError('refreshOutcomes', 'The refreshOutcomes option must be a RefreshOutcomes.');
  }
  if (options.caller !== undefined && typeof options.caller !== 'string') {
    throw new WorksectionConfigError(
      'caller',
      'The caller option must be a string naming who the calls are made for (a user or session id).',
    );
  }
  const tokens = checkTokens(options.tokens, 'tokens');
  return { ...transport, tokens, outcomes, caller: options.caller ?? `grant:${hash(tokens.refreshToken)}` };
}

/** @internal Checks a token set from the app (the `tokens` option or what `loadTokens` resolved). */
export function checkTokens(value: unknown, option: string): ClientTokens {
  const tokens = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const { accessToken, refreshToken, expiresAt } = tokens;
  if (
    typeof accessToken !== 'string' ||
    accessToken === '' ||
    typeof refreshToken !== 'string' ||
    refreshToken === '' ||
    (expiresAt !== undefined && (typeof expiresAt !== 'number' || Number.isNaN(expiresAt)))
  ) {
    throw new WorksectionConfigError(
      option,
      `${option === 'tokens' ? 'The tokens option' : `What ${option} resolved`} must be { accessToken, refreshToken, expiresAt? }: ` +
        'non-empty strings, and expiresAt in milliseconds since the epoch.',
    );
  }
  const checked: ClientTokens = { accessToken, refreshToken };
  if (expiresAt !== undefined) checked.expiresAt = expiresAt;
  return checked;
}

/** @internal The options both clients take for sending: where, how, how long, how often. */
export interface TransportOptions {
  accountUrl?: unknown;
  baseURL?: string | undefined;
  timeout?: number | undefined;
  minInterval?: number | undefined;
  maxQueueWait?: number | undefined;
  fetch?: FetchFunction | undefined;
  transport?: NodeTransport | undefined;
  spacer?: CallSpacer | undefined;
  signal?: AbortSignal | undefined;
}

/** @internal What both clients inherit when not given: the strategy's settings (the OAuth client), or nothing. */
export interface InheritedSettings {
  readonly baseURL?: string | undefined;
  readonly timeout?: number | undefined;
  readonly fetch?: FetchFunction | undefined;
  readonly transport?: NodeTransport | undefined;
}

/**
 * @internal
 * Checks the sending options both clients take, failing fast with a {@link WorksectionConfigError} that names the
 * option and the fix. `credential` names what goes to `accountUrl` (the access token, the API key's signature).
 */
export function checkTransportOptions(options: TransportOptions, inherited: InheritedSettings, credential: string): TransportSettings {
  const baseURL = resolveEndpoints({ baseURL: options.baseURL ?? inherited.baseURL ?? DEFAULT_BASE_URL }).baseURL;
  const accountUrl = checkUrlOption(options.accountUrl, baseURL, credential);
  const timeout = checkTimeout(options.timeout ?? inherited.timeout ?? DEFAULT_TIMEOUT);
  const minInterval = options.minInterval ?? DEFAULT_MIN_INTERVAL;
  if (typeof minInterval !== 'number' || !Number.isFinite(minInterval) || minInterval < 0) {
    throw new WorksectionConfigError(
      'minInterval',
      "The minInterval option must be a number of milliseconds, 0 or more (default 1000, Worksection's rate limit).",
    );
  }
  const maxQueueWait = options.maxQueueWait ?? DEFAULT_MAX_QUEUE_WAIT;
  if (typeof maxQueueWait !== 'number' || Number.isNaN(maxQueueWait) || maxQueueWait < 0) {
    throw new WorksectionConfigError(
      'maxQueueWait',
      "The maxQueueWait option must be a number of milliseconds, 0 or more, or Infinity (default 30000): the longest wait for a turn in the account's queue.",
    );
  }
  const fetchImpl = checkFetch(options.fetch);
  const transport = checkTransport(options.transport);
  // The client's own way of sending if it has one, else the inherited one, else the shared built-in transport.
  const own = fetchImpl !== undefined || transport !== undefined;
  const http: HttpSettings = {
    fetch: own ? fetchImpl : inherited.fetch,
    transport: (own ? transport : inherited.transport) ?? defaultNodeTransport,
    timeout,
  };
  const spacer = options.spacer ?? defaultCallSpacer;
  if (!(spacer instanceof CallSpacer)) throw new WorksectionConfigError('spacer', 'The spacer option must be a CallSpacer.');
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    throw new WorksectionConfigError('signal', 'The signal option must be an AbortSignal.');
  }
  return { accountUrl, http, minInterval, maxQueueWait, spacer, ...(options.signal !== undefined && { signal: options.signal }) };
}

function checkUrlOption(value: unknown, baseURL: string, credential: string): string {
  try {
    return checkAccountUrl(value, baseURL, 'accountUrl').replace(/\/+$/, '');
  } catch {
    // The bearer token goes there: refuse any host that is not Worksection's (or the emulator's).
    throw new WorksectionConfigError(
      'accountUrl',
      'The accountUrl option must be the account_url of the sign-in (https://<account>.worksection.com), or on the ' +
        `origin of the baseURL option (the emulator). ${credential} is sent there.`,
    );
  }
}
