import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEmulator, type Emulator } from '../../src';
import type { AccountState } from '../../src/account-api/store/records';
import type { AccountStore } from '../../src/account-api/store/account-store';
import { getTokens } from '../helpers/oauth-flow';
import { buildCollectionWorld } from './collection-world';
import { dataShape, shapeDifferences } from './live-shape';

/**
 * Every saved example of Worksection's "Client API" Postman collection (answers captured from the live server),
 * replayed against the emulator: the same action and query parameters, sent as the collection sends them (POST,
 * everything in the query string, Authorization: Bearer), over a world holding the records the examples name
 * (./collection-world.ts) and, per example, the example's cause (an unknown id, a closed task, a running timer…).
 * Compared exactly: `status`, `status_code`, `message`, whether `message_details` is there and its value; and
 * the shape of `data` (object or list; each record's keys and each value's JSON type, two levels deep).
 * The fixture is written by scripts/collection-examples.mjs from /work/shared (`../shared` beside the clone).
 */

interface LiveExample {
  index: number;
  request: string;
  example: string;
  action: string;
  params: Record<string, string | null>;
  contentType: string;
  repaired?: string;
  fileBytes?: number;
  live?: Record<string, unknown>;
}

/** What an example needs besides the world: its cause, or why it cannot run yet. */
interface Case {
  /** Puts the world into the state the example's answer came from. */
  cause?: (state: AccountState, now: number) => void;
  /** Why the example is not replayed over the OAuth API yet. */
  pending?: string;
  /** `admin`: the action is served by the admin API only (official clients' TimersResource uses callAdminAction). */
  via?: 'admin';
}

const EXAMPLES = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'live-collection-examples.json'), 'utf8')) as LiveExample[];

const task = (state: AccountState, id: string) => state.tasks.find((t) => t.id === id)!;
const project = (state: AccountState, id: string) => state.projects.find((p) => p.id === id)!;
const ownTimer = (state: AccountState, now: number) =>
  state.timers.push({ id: '2920', taskId: '330090', userId: '3993', started: now - 4_360_000 });

const ADMIN_PENDING =
  'admin API only (collection description "admin method"; official clients call it with the API key): ' +
  'the emulator serves the admin API in a separate change; replay through adminCall once it lands';

const CASES: Record<number, Case> = {
  // add_user of someone not yet a member.
  2: { cause: (s) => void (s.users = s.users.filter((u) => u.id !== '5686')) },
  // subscribe / unsubscribe: Frank is not, then is, a subscriber.
  13: { cause: (s) => void (task(s, '330090').subscriberIds = []) },
  // close_project: 8482 is archived for the error; activate_project: archived for the success.
  26: { cause: (s) => void Object.assign(project(s, '8482'), { status: 'archive', closed: 1 }) },
  27: { cause: (s) => void Object.assign(project(s, '8482'), { status: 'archive', closed: 1 }) },
  // update_project's success answer has no dates, estimates, tags or options: project 8526 has none set.
  23: {
    cause: (s) =>
      void Object.assign(project(s, '8526'), { dateStart: '', dateEnd: '', maxTime: '', maxMoney: '', tagIds: [], options: [] }),
  },
  // post_task #44 / update_task #46 answer no dates or estimates: 332150 has none; search_tasks #54 the same for its match.
  44: {},
  46: {
    cause: (s) =>
      void Object.assign(task(s, '332150'), { dateStart: '', dateEnd: '', timeStart: '', timeEnd: '', maxTime: '', maxMoney: '' }),
  },
  48: {
    cause: (s) =>
      void Object.assign(task(s, '331430'), {
        dateStart: '',
        dateEnd: '',
        timeStart: '',
        timeEnd: '',
        maxTime: '',
        maxMoney: '',
        tagIds: [],
      }),
  },
  // complete_task: 331430 already closed (#49), or with an open subtask (#50); reopen_task: closed (#51).
  49: { cause: (s, now) => void Object.assign(task(s, '331430'), { status: 'done', closed: now }) },
  50: { cause: (s) => void s.tasks.push({ ...task(s, '332150'), id: '331431', parentId: '331430' }) },
  51: { cause: (s, now) => void Object.assign(task(s, '331430'), { status: 'done', closed: now }) },
  54: {
    cause: (s) =>
      void Object.assign(task(s, '330090'), { dateStart: '', dateEnd: '', timeStart: '', timeEnd: '', maxTime: '', maxMoney: '' }),
  },
  // get_all_tasks: live's list holds open tasks without tags (its saved answer has no closed task to compare with).
  38: {
    cause: (s) => {
      s.tasks = s.tasks.filter((t) => t.status === 'active');
      for (const t of s.tasks) t.tagIds = [];
    },
  },
  // get_costs: the costs of 6622 (the live answer's tasks have no dates or estimates).
  76: {
    cause: (s) => {
      for (const t of s.tasks) Object.assign(t, { dateStart: '', dateEnd: '', timeStart: '', timeEnd: '', maxTime: '', maxMoney: '' });
    },
  },
  82: { via: 'admin', pending: ADMIN_PENDING },
  83: { via: 'admin', pending: ADMIN_PENDING },
  84: { via: 'admin', pending: ADMIN_PENDING },
  // get_my_timer / start_my_timer error / stop_my_timer: the caller's own timer runs.
  85: {
    cause: (s, now) => {
      ownTimer(s, now);
      Object.assign(task(s, '330090'), { dateStart: '', dateEnd: '', timeStart: '', timeEnd: '', maxTime: '', maxMoney: '' });
    },
  },
  87: { cause: ownTimer },
  88: { cause: ownTimer },
  // add_webhook with a URL that does not answer {status:OK}: live probes the URL before anything else.
  96: {
    pending:
      'pending-webhooks: live probes the URL and answers 11 "Url should respond 200 HTTP_CODE and JSON {status:OK}"; ' +
      "the probe comes with the emulator's webhook delivery (emulator/src/webhooks/), built in a separate change",
  },
};

/**
 * Sends an example through the admin API (`/api/admin/v2`). `null` while the emulator has no admin API: the
 * admin-only examples are then listed as pending. Point it at the admin API when that lands.
 */
type AdminCall = (example: LiveExample) => Promise<{ res: Response; body: string }>;
const adminCall = null as AdminCall | null;

describe("Worksection's Postman collection replayed against the emulator", () => {
  let emu: Emulator;
  let accountUrl: string;
  let token: string;
  let store: AccountStore;
  let world: AccountState;

  beforeAll(async () => {
    emu = await createEmulator({ autoApprove: true });
    const scope =
      'projects_read,projects_write,tasks_read,tasks_write,costs_read,costs_write,tags_read,tags_write,comments_read,' +
      'comments_write,files_read,files_write,users_read,users_write,contacts_read,contacts_write,administrative';
    ({ access_token: token, account_url: accountUrl } = await getTokens(emu, { scope }));
    store = emu.accountStores.get('acc1234');
    buildCollectionWorld(store, emu.clock.now());
    world = structuredClone(store.state);
  });

  afterAll(async () => {
    await emu.close();
  });

  async function oauthCall(example: LiveExample): Promise<{ res: Response; body: string }> {
    const url = new URL(`${accountUrl}/api/oauth2`);
    url.searchParams.set('action', example.action);
    for (const [key, value] of Object.entries(example.params)) url.searchParams.set(key, value ?? '');
    const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    return { res, body: await res.text() };
  }

  for (const example of EXAMPLES) {
    const c = CASES[example.index] ?? {};
    const name = `#${example.index} ${example.request} / ${example.example} answers as live`;
    if (c.pending !== undefined && (c.via !== 'admin' || adminCall === null)) {
      test.todo(`${name} (${c.via === 'admin' ? 'pending-admin' : 'pending'}: ${c.pending})`);
      continue;
    }
    test(name, async () => {
      Object.assign(store.state, structuredClone(world));
      c.cause?.(store.state, emu.clock.now());
      const send = c.via === 'admin' && adminCall !== null ? adminCall : oauthCall;
      const { res, body } = await send(example);
      expect(res.status).toBe(200);

      if (example.live === undefined) {
        // download: the file's bytes, sent as live sends them.
        expect(res.headers.get('content-type')).toBe(example.contentType);
        expect(body.length).toBeGreaterThan(0);
        return;
      }
      // #17 get_projects and #76 get_costs: the saved bodies carry a trailing comma (hand-edited after capture, so
      // not byte-for-byte what the server sent); the fixture holds them with the comma taken out, and they are
      // compared like the rest, since their fields agree with the other examples of the same records.
      const live = example.live;
      const got = JSON.parse(body) as Record<string, unknown>;
      const envelope = (answer: Record<string, unknown>) => ({
        status: answer.status,
        status_code: answer.status_code,
        message: answer.message,
        message_details: answer.message_details,
        keys: Object.keys(answer).sort(),
      });
      expect(envelope(got)).toEqual(envelope(live));
      for (const key of Object.keys(live)) {
        if (key === 'status' || key === 'status_code' || key === 'message' || key === 'message_details') continue;
        const want = dataShape(live[key]);
        const have = dataShape(got[key]);
        expect({ key, type: have.type }).toEqual({ key, type: want.type });
        expect(shapeDifferences(want.records, have.records, key)).toEqual([]);
      }
    });
  }
});
