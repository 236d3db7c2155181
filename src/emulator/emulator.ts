import { isScope } from '../oauth/scopes';
import { createManualClock } from './state/clock';
import type { EmulatorContext } from './state/context';
import { DEMO_ACCOUNTS, DEMO_CLIENT, DEMO_USERS } from './state/demo';
import { Directory } from './state/directory';
import { FaultTable } from './control/faults';
import { GrantStore } from './state/grants';
import { createSigningKeys } from './state/jwt';
import { PendingAuthorizations } from './authorize/pending';
import { startServer } from './http/server';
import { StatsCounter } from './control/stats';
import type { Emulator, EmulatorOptions } from './types';

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

/**
 * Starts a local Worksection OAuth2 server that behaves like the real one, quirks included: `/oauth2/authorize`
 * with sign-in, account and consent pages (or `autoApprove`), `/oauth2/token`, `/oauth2/refresh`,
 * `/oauth2/resource`, the account API at `{account_url}/api/oauth2`, and fault injection. For development
 * and tests only: it keeps everything in memory and its demo credentials are public.
 *
 * @example
 * ```ts
 * const emu = await createEmulator({ autoApprove: true });
 * // point the strategy at emu.url, sign in with DEMO_CLIENT …
 * await emu.close();
 * ```
 */
export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const directory = new Directory(options.clients ?? [DEMO_CLIENT], options.users ?? DEMO_USERS, options.accounts ?? DEMO_ACCOUNTS);
  checkAutoApprove(directory, options.autoApprove);
  checkDefaultScopes(options.defaultScopes);
  const clock = createManualClock(options.clock);
  const keys = await createSigningKeys();
  const host = options.host ?? '127.0.0.1';
  let url = '';
  const ctx: EmulatorContext = {
    directory,
    grants: new GrantStore(clock, keys),
    pending: new PendingAuthorizations(clock),
    clock,
    keys,
    options: { ...options },
    accountUrl: (accountId) => `${url}/${accountId}`,
  };
  const faults = new FaultTable();
  const stats = new StatsCounter();
  const running = await startServer(ctx, faults, stats, { host, port: options.port ?? 0, origin: (port) => origin(host, port) });
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
    publicKey,
    close: () => (closed ??= running.close()),
  };
}
