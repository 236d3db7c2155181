import { createHmac } from 'node:crypto';
import type { Emulator } from '../../src';

/**
 * The `Authorization` value Worksection's official clients 2.1 send to the admin API, written here from their
 * source (worksection/php-api-client `src/Client.php` @7c48e646 getAdminToken): `Admin <t>_<hex HMAC-SHA256 of
 * "<action>:<t>" keyed with the API key>`, `t` in unix seconds.
 */
export function adminAuthorization(key: string, action: string, t: number): string {
  return `Admin ${t}_${createHmac('sha256', key).update(`${action}:${t}`).digest('hex')}`;
}

/** The emulator clock's unix second: the time a client in step with the emulator signs. */
export function emulatorSecond(emu: Emulator): number {
  return Math.floor(emu.clock.now() / 1000);
}

/** An admin-API answer: the HTTP status and the parsed envelope. */
export interface AdminAnswer {
  status: number;
  json: { status: string; data?: unknown; id?: string; status_code?: number; message?: string; message_details?: string };
  text: string;
}

/** How {@link adminCall} signs: a key and time other than the account's and now, or a header as given (`null`: none). */
export interface AdminCallOptions {
  accountId?: string;
  key?: string;
  t?: number;
  authorization?: string | null;
  method?: 'GET' | 'POST';
}

/**
 * Calls `{account_url}/api/admin/v2?action=…` as the official clients do: POST, the parameters as a JSON body, signed
 * with the account's key at the emulator clock's second (unless `options` say otherwise).
 */
export async function adminCall(
  emu: Emulator,
  action: string,
  params: Record<string, unknown> = {},
  options: AdminCallOptions = {},
): Promise<AdminAnswer> {
  const accountId = options.accountId ?? 'acc1234';
  const authorization =
    options.authorization === undefined
      ? adminAuthorization(options.key ?? emu.adminApiKey(accountId), action, options.t ?? emulatorSecond(emu))
      : options.authorization;
  const headers: Record<string, string> = authorization === null ? {} : { authorization };
  const url = new URL(`${emu.accountUrl(accountId)}/api/admin/v2`);
  url.searchParams.set('action', action);
  let init: RequestInit = { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(params) };
  if (options.method === 'GET') {
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, String(value));
    init = { headers };
  }
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, json: JSON.parse(text) as AdminAnswer['json'], text };
}
