import { createEmulator, type Emulator } from '../../src';
import { getTokens } from '../helpers/oauth-flow';

/** The account API's envelope, loosely typed for assertions. */
export interface ApiAnswer {
  status: string;
  data?: unknown;
  id?: string | number;
  total?: unknown;
  projects?: unknown;
  status_code?: number;
  message?: string;
  message_details?: string;
}

/** A running emulator and a caller signed in (as Henry Gardner, account acc1234) with `scope`. */
export interface ApiHarness {
  emu: Emulator;
  accountUrl: string;
  token: string;
  /** POSTs `{action, ...params}` as JSON, as Worksection's official clients do. */
  call(action: string, params?: Record<string, unknown>): Promise<ApiAnswer>;
  /** GETs `?action=…&…` with the parameters in the query string. */
  get(query: string): Promise<ApiAnswer>;
}

/** Starts an auto-approving emulator and gets a token with `scope` (comma list). Close `emu` afterwards. */
export async function startApi(scope: string): Promise<ApiHarness> {
  const emu = await createEmulator({ autoApprove: true });
  const { access_token: token, account_url: accountUrl } = await getTokens(emu, { scope });
  const auth = { authorization: `Bearer ${token}` };
  return {
    emu,
    accountUrl,
    token,
    async call(action, params = {}) {
      const res = await fetch(`${accountUrl}/api/oauth2`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ action, ...params }),
      });
      return (await res.json()) as ApiAnswer;
    },
    async get(query) {
      const res = await fetch(`${accountUrl}/api/oauth2?${query}`, { headers: auth });
      return (await res.json()) as ApiAnswer;
    },
  };
}

/** The `data` of an ok answer as a list of records (fails the test on an error answer). */
export function rows(answer: ApiAnswer): Array<Record<string, unknown>> {
  if (answer.status !== 'ok' || !Array.isArray(answer.data)) throw new Error(`expected an ok list, got ${JSON.stringify(answer)}`);
  return answer.data as Array<Record<string, unknown>>;
}

/** The `data` of an ok answer as one record. */
export function one(answer: ApiAnswer): Record<string, unknown> {
  if (answer.status !== 'ok' || typeof answer.data !== 'object' || answer.data === null || Array.isArray(answer.data))
    throw new Error(`expected an ok record, got ${JSON.stringify(answer)}`);
  return answer.data as Record<string, unknown>;
}
