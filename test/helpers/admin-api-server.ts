import { createHmac, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { json, startHostileServer, type HostileServer, type ReceivedRequest } from './hostile-server';

/** Worksection's documented answer to a missing or wrong signature (FAQ https://worksection.com/en/faq/api-start.html). */
export const HASH_REFUSED = { status: 'error', status_code: 2, message: 'Action hash is missed or invalid' } as const;

/** A call the admin server accepted: its action, its JSON body, and the request as received. */
export interface AdminCall {
  action: string;
  params: Record<string, unknown>;
  request: ReceivedRequest;
}

/** Answers an accepted call: the envelope to send. */
export type AdminAnswer = (call: AdminCall) => unknown;

/** A real HTTP server on 127.0.0.1:0 serving `/{account}/api/admin/v2` as Worksection does for the given key. */
export interface AdminApiServer {
  /** The account's URL, e.g. `http://127.0.0.1:PORT/acc1234`. */
  readonly accountUrl: string;
  /** The server's origin: the admin client's `baseURL`. */
  readonly url: string;
  readonly server: HostileServer;
  /** Calls whose signature it accepted. */
  readonly accepted: AdminCall[];
  answer(answer: AdminAnswer): void;
  close(): Promise<void>;
}

/**
 * The library's own tests run against the emulator's admin API (test/e2e/admin-client.test.ts); this server stays for
 * what the emulator cannot show: each request exactly as received (the key nowhere in it), and answers that echo the
 * key back (which the emulator never does), to prove the client's redaction. Its signature check is written apart
 * from the emulator's, so the two check the client's signing independently.
 *
 * Starts an admin-API server that checks each call as Worksection would: `POST /api/admin/v2?action=…` with
 * `Authorization: Admin <t>_<hex>`, `hex` being HMAC-SHA256 of `"<action>:<t>"` keyed with `apiKey`, recomputed here
 * (worksection/php-api-client `src/Client.php` getAdminToken). A missing or wrong signature gets the documented
 * refusal. The time must be within `skewSeconds` of now: Worksection publishes no window, so that part is ours.
 */
export async function startAdminApiServer(apiKey: string, skewSeconds = 300): Promise<AdminApiServer> {
  const accepted: AdminCall[] = [];
  let answer: AdminAnswer = () => ({ status: 'ok' });
  const server = await startHostileServer((request, res) => serve(request, res));
  const accountUrl = `${server.url}/acc1234`;

  function serve(request: ReceivedRequest, res: http.ServerResponse): void {
    const url = new URL(request.url, server.url);
    const action = url.searchParams.get('action') ?? '';
    if (request.method !== 'POST' || url.pathname !== '/acc1234/api/admin/v2') {
      json(res, { status: 'error', status_code: 0, message: 'Action is invalid' });
      return;
    }
    if (!signed(request.headers.authorization, action)) {
      json(res, HASH_REFUSED);
      return;
    }
    const params = request.body === '' ? {} : (JSON.parse(request.body) as Record<string, unknown>);
    const call = { action, params, request };
    accepted.push(call);
    const body = answer(call);
    if (body instanceof Function) (body as (res: http.ServerResponse) => void)(res);
    else json(res, body);
  }

  function signed(header: string | undefined, action: string): boolean {
    const match = /^Admin (\d{1,12})_([0-9a-f]{64})$/.exec(header ?? '');
    if (!match) return false;
    const t = Number(match[1]);
    if (Math.abs(t - Math.floor(Date.now() / 1000)) > skewSeconds) return false;
    const expected = createHmac('sha256', apiKey).update(`${action}:${t}`).digest();
    return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
  }

  return {
    accountUrl,
    url: server.url,
    server,
    accepted,
    answer(next) {
      answer = next;
    },
    close: () => server.close(),
  };
}
