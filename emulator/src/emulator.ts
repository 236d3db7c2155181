import { AccountStores } from './account-api/store/account-stores';
import { AdminKeys } from './admin-api/admin-keys';
import { isScope } from './oauth/scopes';
import { createManualClock } from './clock';
import type { EmulatorContext } from './context';
import { DEMO_ACCOUNTS, DEMO_CLIENT, DEMO_USERS } from './directory/demo';
import { Directory } from './directory/directory';
import { FaultTable } from './control/faults';
import { GrantStore } from './grants/grant-store';
import { createSigningKeys, exportSigningKey, importSigningKeys } from './grants/access-token-jwt';
import { EMULATOR_STATE_VERSION, type EmulatorState } from './saved-state/emulator-state';
import { parseEmulatorState } from './saved-state/parse-emulator-state';
import { GrantSealer } from './grants/grant-sealer';
import { PendingAuthorizations } from './authorize/pending';
import { warnIfProduction } from './production-warning';
import { startServer } from './http/server';
import { StatsCounter } from './control/stats';
import type { Emulator, EmulatorOptions, ManualClock } from './types';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher';

function origin(host: string, port: number): string {
  // A wildcard address is not somewhere a browser can go; loopback is where the emulator is reachable.
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

function checkAutoApprove(directory: Directory, auto: EmulatorOptions['autoApprove']): void {
  if (!auto) return;
  const userId = typeof auto === 'object' ? auto.userId : undefined;
  const user = userId === undefined ? directory.users[0] : directory.user(userId);
  if (!user)
    throw new TypeError(
      userId === undefined ? 'autoApprove needs at least one user' : `autoApprove.userId "${userId}" is not one of the emulator's users`,
    );
  const accountId = typeof auto === 'object' ? auto.accountId : undefined;
  if (accountId !== undefined && !user.accountIds.includes(accountId)) {
    throw new TypeError(`autoApprove.accountId "${accountId}" is not one of the accounts of user "${user.id}"`);
  }
}

function checkDefaultScopes(scopes: EmulatorOptions['defaultScopes']): void {
  if (scopes === undefined || scopes === null) return;
  const unknown = scopes.find((s) => !isScope(s));
  if (unknown !== undefined) throw new TypeError(`defaultScopes: "${unknown}" is not one of the 17 Worksection scopes`);
  if (scopes.length === 0) throw new TypeError('defaultScopes must name at least one scope, or be null to refuse an empty scope');
}

/** Calls `listener` once after any number of calls within one turn of the event loop: one save per request. */
function coalesced(listener: (() => void) | undefined): () => void {
  if (!listener) return () => undefined;
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    setImmediate(() => {
      queued = false;
      listener();
    });
  };
}

/** The account API's data of a saved state, or undefined when it holds none. */
function restoredAccounts(
  saved: EmulatorState | undefined,
  directory: Directory,
  clock: ManualClock,
  changed: () => void,
  webhooks: WebhookDispatcher,
): AccountStores | undefined {
  if (saved === undefined || saved.accountApi === null) return undefined;
  try {
    return AccountStores.fromJSON(
      saved.accountApi,
      directory,
      () => clock.now(),
      changed,
      (id, store, event) => webhooks.onEvent(id, store, event),
    );
  } catch (err) {
    throw new TypeError(`Emulator state: accountApi: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Starts a local Worksection OAuth2 server that behaves like the real one, quirks included: `/oauth2/authorize`
 * with sign-in, account and consent pages (or `autoApprove`), `/oauth2/token`, `/oauth2/refresh`,
 * `/oauth2/resource`, the account API at `{account_url}/api/oauth2`, the admin API at `{account_url}/api/admin/v2`
 * (keys: `emu.adminApiKey(accountId)`), and fault injection. For development
 * and tests only: it keeps everything in memory and its demo credentials are public. `exportState()` and the
 * `state` option carry its keys, grants and account data over a restart.
 *
 * @example
 * ```ts
 * const emu = await createEmulator({ autoApprove: true });
 * // point the strategy at emu.url, sign in with DEMO_CLIENT …
 * await emu.close();
 * ```
 */
export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  warnIfProduction();
  const directory = new Directory(options.clients ?? [DEMO_CLIENT], options.users ?? DEMO_USERS, options.accounts ?? DEMO_ACCOUNTS);
  checkAutoApprove(directory, options.autoApprove);
  checkDefaultScopes(options.defaultScopes);
  const clock = createManualClock(options.clock);
  const saved = options.state === undefined ? undefined : parseEmulatorState(options.state);
  const keys = saved ? importSigningKeys(saved.keys.signingKey) : await createSigningKeys();
  const sealer = saved ? new GrantSealer(Buffer.from(saved.keys.sealingKey, 'base64')) : new GrantSealer();
  const changed = coalesced(options.onStateChange);
  const grants = new GrantStore(clock, keys, sealer, changed);
  if (saved) grants.restore(saved.grants);
  const host = options.host ?? '127.0.0.1';
  let url = '';
  const webhooks = new WebhookDispatcher();
  const ctx: EmulatorContext = {
    directory,
    grants,
    pending: new PendingAuthorizations(clock),
    clock,
    keys,
    adminKeys: new AdminKeys(directory, new Map(Object.entries(saved?.keys.adminApiKeys ?? {}))),
    options: { ...options },
    accountUrl: (accountId) => `${url}/${accountId}`,
    // Any use of an account's store may change its data: the state is reported changed (once per turn).
    accountStores:
      restoredAccounts(saved, directory, clock, changed, webhooks) ??
      new AccountStores(
        directory,
        () => clock.now(),
        changed,
        (id, store, event) => webhooks.onEvent(id, store, event),
      ),
    webhooks,
  };
  const faults = new FaultTable();
  const stats = new StatsCounter();
  const running = await startServer(ctx, faults, stats, {
    host,
    port: options.port ?? saved?.port ?? 0,
    origin: (port) => origin(host, port),
  });
  url = origin(host, running.port);
  const publicKey = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  let closed: Promise<void> | undefined;

  return {
    url,
    port: running.port,
    accountUrl: ctx.accountUrl,
    clock,
    faults,
    stats,
    clients: directory.clients,
    users: directory.users,
    accounts: directory.accounts,
    addClient: (client) => directory.addClient(client),
    // A getter: whoever restores saved data replaces ctx.accountStores, and this must show the new one.
    get accountStores() {
      return ctx.accountStores;
    },
    adminApiKey(accountId) {
      const key = ctx.adminKeys.get(accountId);
      if (key === undefined) throw new TypeError(`adminApiKey: the emulator has no account "${accountId}"`);
      return key;
    },
    publicKey,
    exportState: (): EmulatorState => ({
      version: EMULATOR_STATE_VERSION,
      port: running.port,
      keys: { signingKey: exportSigningKey(keys), sealingKey: sealer.exportKey(), adminApiKeys: ctx.adminKeys.toJSON() },
      grants: grants.toJSON(),
      accountApi: ctx.accountStores.toJSON(),
    }),
    revokeGrants: (filter = {}) => grants.revokeWhere(filter),
    deliveries: () => webhooks.deliveries(),
    deliveriesSettled: () => webhooks.settled(),
    close: () => {
      webhooks.close();
      return (closed ??= running.close());
    },
  };
}
