import type { WebhookDelivery } from './webhooks/webhook-dispatcher';
import type { AccountStores } from './account-api/store/account-stores';
import type { EmulatorState } from './saved-state/emulator-state';

/** A client application registered with the emulator, as one is registered in Worksection's account settings. */
export interface EmulatorClient {
  clientId: string;
  clientSecret: string;
  /** Exact-match list, as Worksection compares them. */
  redirectUris: string[];
  /** Shown on the consent page. Defaults to the client id. */
  name?: string;
}

/** A Worksection account (a company workspace). Its `account_url` is `${emulator.url}/${id}`. */
export interface EmulatorAccount {
  /** Path segment of the account on the emulator's origin, e.g. `acc1234`. Letters, digits, `-` and `_`. */
  id: string;
  name: string;
  /**
   * The account's admin API key, which signs calls to `{account_url}/api/admin/v2` (a string without whitespace).
   * Default: the one a saved `state` carries, else a new random one per emulator; read it with
   * `emulator.adminApiKey(id)`.
   */
  adminApiKey?: string;
}

/** A person who can sign in. `id` is a string, as `/oauth2/resource` returns it. */
export interface EmulatorUser {
  id: string;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  /** Ids of the accounts the user belongs to; a user of several gets an account picker. */
  accountIds: string[];
  title?: string;
  phone?: string;
}

/** The emulator's time source, in milliseconds since the epoch. Tests move it to expire codes and tokens. */
export interface EmulatorClock {
  now(): number;
}

/** A controllable clock: what `emulator.clock` is. */
export interface ManualClock extends EmulatorClock {
  /** Moves time forward by `ms` (from now on the clock no longer follows the wall clock's progress alone). */
  advance(ms: number): void;
  /** Sets the current time. */
  set(ms: number): void;
}

/**
 * Endpoints a fault can be set on. `api` is the account API: `{account_url}/api/oauth2` (OAuth tokens) and
 * `{account_url}/api/admin/v2` (the admin API key) alike, as Worksection's rate limit is per account.
 */
export type EmulatorEndpoint = 'authorize' | 'token' | 'refresh' | 'resource' | 'api';

/** When a fault applies: every request (default), the next `times` requests, or each request with `probability`. */
export interface FaultSchedule {
  times?: number;
  /** 0..1, drawn per request. */
  probability?: number;
}

/**
 * How an endpoint misbehaves, for hostile-provider tests.
 *
 * `rateLimit` (the `api` endpoint only) refuses the call as a breach of Worksection's rate limit (about one request
 * per second per account): HTTP 429 with `Retry-After: <retryAfter>` (seconds, default 1), Worksection's JSON
 * headers and the account API's error envelope, `{"status":"error","status_code":429,"message":"Too many requests",
 * "message_details":"Rate limit: about 1 request per second per account"}`. Worksection does not document how it
 * answers a breach: this is the common form of that answer, for testing a client's handling of it. With
 * `minInterval` (ms, e.g. 1000) it enforces the limit instead of refusing every call: a call to an account is refused
 * only when it comes less than `minInterval` after the last call to that account that went through, with
 * `Retry-After` the seconds left (unless `retryAfter` is given). The emulator never rate-limits by itself.
 */
export type Fault = FaultSchedule &
  (
    | { type: 'delay'; ms: number }
    | { type: 'hang' }
    | { type: 'respond'; status: number; body: string; headers?: Record<string, string> }
    | { type: 'reset' }
    | { type: 'truncate' }
    | { type: 'oversized'; bytes?: number }
    | { type: 'rateLimit'; retryAfter?: number; minInterval?: number }
  );

/** Options of {@link createEmulator}. */
export interface EmulatorOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default: the demo client. */
  clients?: EmulatorClient[];
  /** Default: the demo users. */
  users?: EmulatorUser[];
  /** Default: the demo accounts. */
  accounts?: EmulatorAccount[];
  /**
   * Skip the pages: `/oauth2/authorize` redirects straight back with a code, as if the user approved.
   * `true` signs in the first user in their first account; an object picks them. Default `false`.
   */
  autoApprove?: boolean | { userId?: string; accountId?: string };
  /** Refuse `http:` redirect URIs even on loopback hosts, exactly like Worksection. Default `false`. */
  strictHttps?: boolean;
  /**
   * Scopes granted when `/oauth2/authorize` names none. Default: all 17, as the live server did in the exchange
   * captured in Worksection's Postman collection (`scope=` in, all 17 in the token's `scopes` claim). `null`
   * refuses an empty scope with `invalid_scope`, as league/oauth2-server does without a default scope.
   */
  defaultScopes?: readonly string[] | null;
  /** Add `account_url` to `/oauth2/refresh` answers, as Worksection's docs show but the live server does not. Default `false`. */
  refreshAccountUrl?: boolean;
  /** Starting time source. Default: the wall clock. */
  clock?: EmulatorClock;
  /**
   * When a used code is presented again, also revoke the tokens it was exchanged for (RFC 6749 §4.1.2's
   * SHOULD). league/oauth2-server 8.x, and so presumably Worksection, does not. Default `false`.
   */
  revokeTokensOnCodeReuse?: boolean;
  /**
   * Drop `code_challenge` and `code_challenge_method` at `/oauth2/authorize` without reading them, as a Worksection
   * front end that does not pass them on to league/oauth2-server would: codes are then issued without PKCE,
   * whatever the client sent. Worksection does not document PKCE, so whether it keeps the challenge is unknown;
   * this is the other possibility. Default `false`: league 8.x's PKCE, where any `code_challenge` (method `S256`
   * or `plain`, default `plain`) binds the code to it and `/oauth2/token` then checks `code_verifier`.
   */
  ignoreCodeChallenge?: boolean;
  /**
   * league/oauth2-server 8.4.0's PKCE downgrade protection: a `code_verifier` sent with a code that has no
   * challenge is answered `invalid_request` "code_verifier received when no code_challenge is present". `false`
   * behaves like league up to 8.3.x, which ignores such a verifier. Default `true`.
   */
  pkceDowngradeProtection?: boolean;
  /**
   * A state saved by `emulator.exportState()` (checked: a damaged one throws a `TypeError`): the emulator comes
   * back with its keys, the codes and tokens it issued (so they stay valid), its account data and, unless `port`
   * is given, its port.
   */
  state?: EmulatorState;
  /**
   * Called after what `exportState()` returns may have changed (tokens issued, rotated or revoked; an account API
   * call), at most once per turn of the event loop: save `exportState()` then to survive a crash as well as a
   * `close()`. A read-only API call also calls it: compare with what you saved last to skip a write.
   */
  onStateChange?: () => void;
}

/** Which grants `emulator.revokeGrants()` revokes: those matching every field given (all of them for `{}`). */
export interface EmulatorGrantFilter {
  clientId?: string;
  userId?: string;
  accountId?: string;
}

/** Controls the faults of a running emulator. Changes apply to the next request. */
export interface EmulatorFaults {
  /**
   * Makes `endpoint` misbehave as `fault` describes, replacing any fault already set on it. With a list, each
   * request gets the first fault whose schedule applies (so `[{hang, probability: 0.02}, {reset, probability:
   * 0.02 / 0.98}]` hangs 2% and resets 2% of requests).
   */
  set(endpoint: EmulatorEndpoint, fault: Fault | Fault[]): void;
  /** Removes the fault of `endpoint`, or of every endpoint when called without one. */
  clear(endpoint?: EmulatorEndpoint): void;
  /** The faults in force now, keyed by endpoint, as set (a `times` fault shows how many uses it has left). */
  list(): Partial<Record<EmulatorEndpoint, Fault | Fault[]>>;
}

/** Counters of a running emulator, e.g. to prove that a client reuses its connections. */
export interface EmulatorStats {
  /** Requests received per endpoint, faulted ones included. */
  readonly requests: Record<EmulatorEndpoint, number>;
  /** TCP connections accepted since start (or the last `reset()`). */
  readonly connections: number;
  /** Sets every counter back to 0. */
  reset(): void;
}

/** A running emulator, as {@link createEmulator} resolves it. */
export interface Emulator {
  /** Origin of the emulator without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly port: number;
  /** The `account_url` handed out with tokens for an account: `${url}/${accountId}`. */
  accountUrl(accountId: string): string;
  /** The emulator's time: `emu.clock.advance(601_000)` expires a code. JWT times are seconds from it. */
  readonly clock: ManualClock;
  readonly faults: EmulatorFaults;
  readonly stats: EmulatorStats;
  readonly clients: EmulatorClient[];
  readonly users: EmulatorUser[];
  readonly accounts: EmulatorAccount[];
  /** Registers another client application while the emulator runs. */
  addClient(client: EmulatorClient): void;
  /**
   * The in-memory data the account API serves, per account: `accountStores.get('acc1234').addTasks(10_000)` seeds
   * tasks without HTTP; `toJSON()` saves everything.
   */
  readonly accountStores: AccountStores;
  /**
   * The admin API key of account `accountId`: what `{account_url}/api/admin/v2` checks signatures with (pass it as
   * `WorksectionAdminClient`'s `apiKey`). Throws a `TypeError` for an account the emulator does not have.
   */
  adminApiKey(accountId: string): string;
  /** PEM (SPKI) of the RSA public key that verifies the emulator's RS256 access tokens. */
  readonly publicKey: string;
  /**
   * What `createEmulator({ state })` needs to come back as the same server after a restart: its port, keys, the
   * grants it issued and its account data. It holds private keys: store it where only you can read it.
   */
  exportState(): EmulatorState;
  /**
   * Revokes every code, access token and refresh token of the grants matching `filter` (all of them by default),
   * as a user removing an app's access in Worksection would: the app's next refresh is refused with
   * `invalid_request` "Token has been revoked". Returns how many refresh tokens it revoked.
   */
  revokeGrants(filter?: EmulatorGrantFilter): number;
  /**
   * Every POST the emulator made to a webhook's URL (the last 1000), oldest first: the events it delivered, the
   * checks `add_webhook` made (`event: 'probe'`), and each one's outcome as Worksection would judge it.
   */
  deliveries(): WebhookDelivery[];
  /** Resolves once no webhook delivery is waiting or in flight (each is bounded by Worksection's 5 s). */
  deliveriesSettled(): Promise<void>;
  /** Stops listening and destroys every open connection (hung and keep-alive ones included), so Jest exits. */
  close(): Promise<void>;
}
