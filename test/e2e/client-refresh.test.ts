import type { Emulator } from 'worksection-emulator';
import {
  INVALID_JSON,
  NETWORK_ERROR,
  REAUTH_REQUIRED,
  REFRESH_FAILED,
  TIMEOUT,
  UNEXPECTED_STATUS,
  WorksectionNetworkError,
  WorksectionOAuthError,
  WorksectionReauthError,
  WorksectionRefreshError,
  WorksectionResponseError,
  WorksectionTimeoutError,
  type TokenSet,
} from '../../src';
import { WorksectionClient, type ClientTokens } from '../../src/client';
import { RefreshOutcomes } from '../../src/client/refresh-outcomes';
import { resetConnection, startRecorder, truncatedJson, type Recorder } from '../helpers/client-recorder';
import { clientOf, PAST_EXPIRY, rejection, signIn, startEmulator, strategyOf, type Grant } from '../helpers/client-setup';
import { errorContaining } from '../helpers/errors';

let emu: Emulator;
let grant: Grant;

beforeEach(async () => {
  emu = await startEmulator();
  grant = await signIn(emu);
});
afterEach(() => emu.close());

/** The grant's tokens with an expiresAt already past, and the emulator's clock moved past their lifetime too. */
function expireTokens(): void {
  grant.tokens = { ...grant.tokens, expiresAt: Date.now() - 1000 };
  emu.clock.advance(PAST_EXPIRY);
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

/** The emulator's 401 for an expired token, as a `respond` fault: for the cases its clock cannot produce. */
const EXPIRED_401 = {
  type: 'respond' as const,
  status: 401,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify({ status: 'error', status_code: 401, message: 'Access token is expired', message_details: '' }),
};

describe('an access token past its expiresAt', () => {
  it('is refreshed before the call, so the account API sees one request with the new token', async () => {
    expireTokens();
    const { client, saved } = clientOf(grant);
    const projects = await client.getProjects();
    expect(projects.map((p) => p.id)).toEqual(['101', '102']);
    expect(emu.stats.requests.refresh).toBe(1);
    expect(emu.stats.requests.api).toBe(1);
    expect(saved).toHaveLength(1);
    expect(client.tokens).toEqual({
      accessToken: saved[0]!.accessToken,
      refreshToken: saved[0]!.refreshToken,
      expiresAt: saved[0]!.expiresAt,
    });
    expect(client.tokens.refreshToken).not.toBe(grant.tokens.refreshToken);
  });

  it('twenty concurrent calls share exactly one /oauth2/refresh', async () => {
    expireTokens();
    const { client, saved } = clientOf(grant);
    const results = await Promise.all(Array.from({ length: 20 }, () => client.me()));
    expect(results.every((me) => me.id === '3993')).toBe(true);
    expect(emu.stats.requests.refresh).toBe(1);
    expect(emu.stats.requests.api).toBe(20);
    expect(saved).toHaveLength(1);
  });
});

describe('HTTP 401 "Access token is expired"', () => {
  it('refreshes once and replays the call once', async () => {
    // The client believes the token is still valid; only Worksection's answer says otherwise.
    emu.clock.advance(PAST_EXPIRY);
    const { client, saved } = clientOf(grant);
    const me = await client.me();
    expect(me).toMatchObject({ id: '3993', email: 'Henry.Gardner@ws.com' });
    expect(emu.stats.requests.api).toBe(2);
    expect(emu.stats.requests.refresh).toBe(1);
    expect(saved).toHaveLength(1);
  });

  it('replays a JSON-body call with its body', async () => {
    emu.clock.advance(PAST_EXPIRY);
    const { client } = clientOf(grant);
    const tasks = await client.callJson<Array<{ id: string }>>('get_tasks', { id_project: '101' });
    expect(tasks.map((t) => t.id)).toEqual(['1001', '1002']);
    expect(emu.stats.requests.api).toBe(2);
    expect(emu.stats.requests.refresh).toBe(1);
  });

  it('twenty concurrent calls answered 401 share exactly one /oauth2/refresh and are all replayed', async () => {
    emu.clock.advance(PAST_EXPIRY);
    const { client, saved } = clientOf(grant);
    const results = await Promise.all(Array.from({ length: 20 }, () => client.getProjects()));
    expect(results.every((projects) => projects.length === 2)).toBe(true);
    expect(emu.stats.requests.refresh).toBe(1);
    expect(emu.stats.requests.api).toBe(40);
    expect(saved).toHaveLength(1);
  });

  it('is not replayed a second time: a second 401 is a grant a refresh cannot cure, a WorksectionReauthError', async () => {
    emu.faults.set('api', { ...EXPIRED_401, times: 2 });
    const { client } = clientOf(grant);
    const err = await rejection(client.getProjects());
    expect(err).toBeInstanceOf(WorksectionReauthError);
    expect(err).toMatchObject({ code: REAUTH_REQUIRED, reason: 'invalid_token', cause: { name: 'WorksectionApiError' } });
    expect((err as Error).message).toMatch(/Access token is expired/);
    expect(emu.stats.requests.api).toBe(2);
    expect(emu.stats.requests.refresh).toBe(1);
  });

  it('other 401s are not refreshed: "Access token is invalid" rejects at once with a WorksectionReauthError', async () => {
    const { client } = clientOf(grant, { tokens: { ...grant.tokens, accessToken: 'not-a-jwt' } });
    const err = await rejection(client.me());
    expect(err).toBeInstanceOf(WorksectionReauthError);
    expect(err).toMatchObject({ code: REAUTH_REQUIRED, reason: 'invalid_token' });
    expect((err as Error).message).toMatch(/Access token is invalid/);
    expect(emu.stats.requests.refresh).toBe(0);
    expect(emu.stats.requests.api).toBe(1);
  });

  it('a grant revoked in Worksection rejects with a WorksectionReauthError, whichever of its tokens fails first', async () => {
    emu.revokeGrants();
    const { client } = clientOf(grant);
    await expect(client.me()).rejects.toBeInstanceOf(WorksectionReauthError);
    emu.clock.advance(PAST_EXPIRY);
    await expect(clientOf(grant).client.me()).rejects.toBeInstanceOf(WorksectionReauthError);
  });
});

describe('onTokens', () => {
  it('is awaited with the new tokens before the replay uses them', async () => {
    emu.clock.advance(PAST_EXPIRY);
    const seen: Array<{ phase: string; api: number }> = [];
    const { client } = clientOf(grant, {
      onTokens: async (tokens: TokenSet) => {
        seen.push({ phase: 'start', api: emu.stats.requests.api });
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(tokens.refreshToken).toMatch(/^def50200/);
        seen.push({ phase: 'end', api: emu.stats.requests.api });
      },
    });
    await client.me();
    // One 401 before onTokens; no request while it ran; the replay after.
    expect(seen).toEqual([
      { phase: 'start', api: 1 },
      { phase: 'end', api: 1 },
    ]);
    expect(emu.stats.requests.api).toBe(2);
  });

  it('rejecting fails the call, and the next call saves the same tokens again without a second refresh', async () => {
    expireTokens();
    const attempts: string[] = [];
    let fail = true;
    const { client } = clientOf(grant, {
      onTokens: (tokens: TokenSet) => {
        attempts.push(tokens.refreshToken);
        if (fail) throw new Error('session store down');
      },
    });
    await expect(client.me()).rejects.toThrow('session store down');
    expect(emu.stats.requests.api).toBe(0);
    fail = false;
    await expect(client.me()).resolves.toMatchObject({ id: '3993' });
    expect(attempts).toHaveLength(2);
    expect(attempts[1]).toBe(attempts[0]);
    expect(client.tokens.refreshToken).toBe(attempts[0]);
    expect(emu.stats.requests.refresh).toBe(1);
  });
});

describe('a refresh Worksection refuses', () => {
  it('rejects with WORKSECTION_REAUTH_REQUIRED when Worksection refuses the refresh token, keeping the old tokens', async () => {
    // Someone else rotated the grant: the client's refresh token is revoked.
    await grant.strategy.refresh(grant.tokens.refreshToken);
    emu.stats.reset();
    expireTokens();
    const { client, saved } = clientOf(grant);
    const err = await rejection(client.getProjects());
    expect(err).toBeInstanceOf(WorksectionReauthError);
    expect(err).toMatchObject({ code: REAUTH_REQUIRED, reason: 'invalid_request' });
    expect((err as Error).message).toMatch(/Token has been revoked/);
    expect((err as Error).message).toMatch(/sign in with worksection/i);
    expect((err as Error).cause).toBeInstanceOf(WorksectionOAuthError);
    expect(client.tokens).toEqual(grant.tokens);
    expect(saved).toHaveLength(0);
    expect(emu.stats.requests.api).toBe(0);
  });

  it('is remembered: the refused token is never sent again, by this client or one built later from the same tokens', async () => {
    await grant.strategy.refresh(grant.tokens.refreshToken);
    emu.stats.reset();
    expireTokens();
    const { client } = clientOf(grant);
    await expect(client.me()).rejects.toBeInstanceOf(WorksectionReauthError);
    await expect(client.me()).rejects.toBeInstanceOf(WorksectionReauthError);
    await expect(clientOf(grant).client.me()).rejects.toMatchObject({ code: REAUTH_REQUIRED, reason: 'invalid_request' });
    expect(emu.stats.requests.refresh).toBe(1);
  });

  it('a refresh token Worksection cannot decrypt ends the grant too (invalid_request "Cannot decrypt the refresh token")', async () => {
    expireTokens();
    const { client } = clientOf(grant, { tokens: { ...grant.tokens, refreshToken: 'def50200tampered' } });
    const err = await rejection(client.me());
    expect(err).toMatchObject({ code: REAUTH_REQUIRED, reason: 'invalid_request' });
    expect((err as Error).message).toMatch(/Cannot decrypt the refresh token/);
  });

  it("a refresher of the app's own that rejects with Worksection's OAuth refusal ends the grant just the same", async () => {
    expireTokens();
    const refusal = new WorksectionOAuthError('refused', 'invalid_grant', 'The refresh token is invalid.', 400);
    const strategy = { baseURL: emu.url, refresh: () => Promise.reject(refusal) };
    const err = await rejection(clientOf(grant, { strategy }).client.me());
    expect(err).toMatchObject({ code: REAUTH_REQUIRED, reason: 'invalid_grant', cause: refusal });
  });
});

describe('a refresh that fails without a refusal (only Worksection\'s own "no" ends a grant)', () => {
  const NGINX_502 =
    '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

  // /oauth2/refresh behind a proxy that can fail a request before Worksection (the emulator) sees it.
  let gate: Recorder;
  /** The grant as it is now, refreshed through the gate. */
  const gated = (): Grant => ({ ...grant, strategy: strategyOf({ baseURL: emu.url, refreshURL: `${gate.url}/oauth2/refresh` }) });
  beforeEach(async () => {
    gate = await startRecorder(emu.url);
  });
  afterEach(() => gate.close());

  const failures: Array<[string, () => void, string, new (...args: never[]) => Error]> = [
    [
      "nginx's HTML 502 page",
      () =>
        emu.faults.set('refresh', { type: 'respond', status: 502, headers: { 'content-type': 'text/html' }, body: NGINX_502, times: 1 }),
      UNEXPECTED_STATUS,
      WorksectionResponseError,
    ],
    ['a connection reset before any answer', () => gate.interceptOnce(resetConnection), NETWORK_ERROR, WorksectionNetworkError],
    ['an answer cut short (invalid JSON)', () => gate.interceptOnce(truncatedJson), INVALID_JSON, WorksectionResponseError],
    [
      "league's server_error (HTTP 500)",
      () =>
        emu.faults.set('refresh', {
          type: 'respond',
          status: 500,
          headers: JSON_HEADERS,
          body: '{"error":"server_error","errorDescription":"An unexpected error occurred"}',
          times: 1,
        }),
      'server_error',
      WorksectionOAuthError,
    ],
    ['no answer within the timeout', () => emu.faults.set('refresh', { type: 'hang', times: 1 }), TIMEOUT, WorksectionTimeoutError],
  ];

  it.each(failures)(
    '%s rejects with a retryable WorksectionRefreshError, keeps the tokens, and the next call refreshes and succeeds',
    async (_name, fail, reason, causeClass) => {
      expireTokens();
      fail();
      const { client, saved } = clientOf(gated());
      const err = await rejection(client.getProjects());
      expect(err).toBeInstanceOf(WorksectionRefreshError);
      expect(err).toMatchObject({ code: REFRESH_FAILED, reason, retryable: true });
      expect((err as Error).cause).toBeInstanceOf(causeClass);
      expect(client.tokens).toEqual(grant.tokens);
      expect(saved).toHaveLength(0);
      expect(emu.stats.requests.api).toBe(0);
      await expect(client.getProjects()).resolves.toHaveLength(2);
      expect(gate.requests).toHaveLength(2);
      expect(saved).toHaveLength(1);
      expect(client.tokens.refreshToken).toBe(saved[0]!.refreshToken);
    },
  );

  it('concurrent calls share the one failed refresh, and a client built later from the same tokens refreshes them (nothing is remembered)', async () => {
    expireTokens();
    gate.interceptOnce(resetConnection);
    const first = clientOf(gated());
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => first.client.me()));
    for (const result of results) expect((result as PromiseRejectedResult).reason).toBeInstanceOf(WorksectionRefreshError);
    expect(gate.requests).toHaveLength(1);
    const later = clientOf(gated());
    await expect(later.client.me()).resolves.toMatchObject({ id: '3993' });
    expect(gate.requests).toHaveLength(2);
    expect(later.saved).toHaveLength(1);
  });

  it('a refused connection (Worksection unreachable) is retried once it is reachable again', async () => {
    expireTokens();
    // The refresh endpoint behind a gate on a port of its own: closed now (connections are refused), opened later.
    const port = Number(new URL(gate.url).port);
    await gate.close();
    const { client, saved } = clientOf(gated());
    const err = await rejection(client.me());
    expect(err).toMatchObject({ name: 'WorksectionRefreshError', code: REFRESH_FAILED, reason: NETWORK_ERROR, retryable: true });
    expect((err as Error).cause).toMatchObject({
      name: 'WorksectionNetworkError',
      cause: expect.objectContaining({ code: 'ECONNREFUSED' }) as unknown,
    });
    expect(client.tokens).toEqual(grant.tokens);
    gate = await startRecorder(emu.url, port);
    await expect(client.me()).resolves.toMatchObject({ id: '3993' });
    expect(gate.requests.map((r) => r.url)).toEqual(['/oauth2/refresh']);
    expect(saved).toHaveLength(1);
  });

  it('an answer lost after Worksection rotated the token: the retry is refused, and that ends the grant', async () => {
    expireTokens();
    // The emulator's reset fault rotates the grant, then breaks the answer.
    emu.faults.set('refresh', { type: 'reset', times: 1 });
    const { client } = clientOf(grant);
    await expect(client.me()).rejects.toMatchObject({ name: 'WorksectionRefreshError', reason: NETWORK_ERROR });
    await expect(client.me()).rejects.toMatchObject({ name: 'WorksectionReauthError', reason: 'invalid_request' });
    expect(emu.stats.requests.refresh).toBe(2);
  });

  it('neither error shows a token, in its message, String() or JSON', async () => {
    expireTokens();
    gate.interceptOnce(resetConnection);
    const { client } = clientOf(gated());
    const retryable = await rejection(client.me());
    expect(retryable).toBeInstanceOf(WorksectionRefreshError);
    await grant.strategy.refresh(grant.tokens.refreshToken);
    const revoked = await rejection(client.me());
    expect(revoked).toBeInstanceOf(WorksectionReauthError);
    for (const err of [retryable, revoked]) {
      const shown = `${String(err)} ${JSON.stringify(err)} ${(err as Error).stack}`;
      expect(shown).not.toContain(grant.tokens.accessToken);
      expect(shown).not.toContain(grant.tokens.refreshToken);
    }
  });
});

describe("hooks that never settle run under the client's timeout", () => {
  const TIMEOUT_MS = 300;

  it('an onTokens that never settles fails the call with a WorksectionTimeoutError naming it; the next call saves and works', async () => {
    expireTokens();
    const attempts: string[] = [];
    const { client } = clientOf(grant, {
      timeout: TIMEOUT_MS,
      onTokens: (tokens: TokenSet) => {
        attempts.push(tokens.refreshToken);
        // The first save hangs (a session store that lost its connection); later ones work.
        return attempts.length === 1 ? new Promise<void>(() => undefined) : Promise.resolve();
      },
    });
    const err = await rejection(client.me());
    expect(err).toBeInstanceOf(WorksectionTimeoutError);
    expect(err).toMatchObject({ code: TIMEOUT, timeout: TIMEOUT_MS });
    expect((err as Error).message).toMatch(/The onTokens option did not settle within 300 ms/);
    await expect(client.me()).resolves.toMatchObject({ id: '3993' });
    // The same rotated tokens were saved again: no second refresh.
    expect(attempts).toEqual([attempts[0], attempts[0]]);
    expect(emu.stats.requests.refresh).toBe(1);
    expect(client.tokens.refreshToken).toBe(attempts[0]);
  });

  /** Shared storage of one grant, and a lock whose `n`th use behaves as `behaviour(n, fn)` says. */
  function lockedStore(behaviour: (n: number, fn: () => Promise<unknown>) => Promise<unknown>) {
    let stored: ClientTokens = { ...grant.tokens };
    let uses = 0;
    return {
      loadTokens: () => Promise.resolve({ ...stored }),
      onTokens: (tokens: TokenSet) => {
        stored = { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: tokens.expiresAt };
      },
      lock: <T>(_key: string, fn: () => Promise<T>): Promise<T> => behaviour(++uses, fn) as Promise<T>,
    };
  }

  it('a lock that never calls fn fails the call with a WorksectionTimeoutError naming it; the next call refreshes and works', async () => {
    expireTokens();
    const store = lockedStore((n, fn) => (n === 1 ? new Promise(() => undefined) : fn()));
    const { client } = clientOf(grant, { ...store, timeout: TIMEOUT_MS });
    const err = await rejection(client.me());
    expect(err).toBeInstanceOf(WorksectionTimeoutError);
    expect((err as Error).message).toMatch(/The lock option did not settle within 300 ms/);
    expect(emu.stats.requests.refresh).toBe(0);
    await expect(client.me()).resolves.toMatchObject({ id: '3993' });
    expect(emu.stats.requests.refresh).toBe(1);
  });

  it('a lock that calls fn only after the client gave up gets an fn that does nothing, so the lock is let go at once', async () => {
    expireTokens();
    let lateRun!: (done: Promise<unknown>) => void;
    const late = new Promise<Promise<unknown>>((resolve) => (lateRun = resolve));
    const store = lockedStore((n, fn) => {
      if (n > 1) return fn();
      // A lock granted long after the client stopped waiting.
      return new Promise((resolve) =>
        setTimeout(() => {
          const done = fn();
          lateRun(done);
          resolve(done);
        }, TIMEOUT_MS * 2),
      );
    });
    const { client } = clientOf(grant, { ...store, timeout: TIMEOUT_MS });
    await expect(client.me()).rejects.toBeInstanceOf(WorksectionTimeoutError);
    await await late;
    expect(emu.stats.requests.refresh).toBe(0);
    await expect(client.me()).resolves.toMatchObject({ id: '3993' });
    expect(emu.stats.requests.refresh).toBe(1);
  });

  it('a loadTokens that never settles fails the call with a WorksectionTimeoutError naming it; the next call works', async () => {
    expireTokens();
    let loads = 0;
    const store = lockedStore((_n, fn) => fn());
    const { client } = clientOf(grant, {
      ...store,
      timeout: TIMEOUT_MS,
      loadTokens: () => (++loads === 1 ? new Promise<undefined>(() => undefined) : store.loadTokens()),
    });
    await expect(client.me()).rejects.toThrow(/The loadTokens option did not settle within 300 ms/);
    await expect(client.me()).resolves.toMatchObject({ id: '3993' });
    expect(emu.stats.requests.refresh).toBe(1);
  });
});

describe('clients of one process built from the same stored tokens (one client per request)', () => {
  it('a client holding tokens another client just rotated takes over the new ones: no second refresh, its onTokens called first', async () => {
    expireTokens();
    const first = clientOf(grant);
    await first.client.me();
    // This request loaded the session before the first one saved the rotated tokens.
    const second = clientOf(grant);
    await expect(second.client.getProjects()).resolves.toHaveLength(2);
    expect(emu.stats.requests.refresh).toBe(1);
    expect(second.saved).toEqual(first.saved);
    expect(second.client.tokens).toEqual(first.client.tokens);
  });

  it('follows several rotations to the newest tokens', async () => {
    expireTokens();
    const first = clientOf(grant);
    await first.client.me();
    emu.clock.advance(PAST_EXPIRY);
    const second = clientOf(grant, { tokens: { ...first.client.tokens, expiresAt: Date.now() - 1 } });
    await second.client.me();
    const stale = clientOf(grant);
    await stale.client.me();
    expect(emu.stats.requests.refresh).toBe(2);
    expect(stale.client.tokens).toEqual(second.client.tokens);
  });
});

describe('several processes sharing one grant (lock + loadTokens)', () => {
  /** The app's shared storage (Redis, a database) and a lock around it, as an in-memory mutex. */
  function sharedStore(initial: ClientTokens) {
    let stored: ClientTokens = { ...initial };
    let queue: Promise<unknown> = Promise.resolve();
    const keys: string[] = [];
    return {
      keys,
      get stored() {
        return stored;
      },
      loadTokens: () => Promise.resolve({ ...stored }),
      onTokens: async (tokens: TokenSet) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        stored = { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: tokens.expiresAt };
      },
      lock: <T>(key: string, fn: () => Promise<T>): Promise<T> => {
        keys.push(key);
        const run = queue.then(fn);
        queue = run.catch(() => undefined);
        return run;
      },
    };
  }

  it('the instance that waited for the lock uses the tokens the other saved: one refresh, both calls succeed', async () => {
    expireTokens();
    const store = sharedStore(grant.tokens);
    // Two separate strategies and clients: nothing shared in memory but the store and the lock.
    const other = await signIn(emu);
    emu.stats.reset();
    const a = new WorksectionClient({
      ...store,
      strategy: grant.strategy,
      accountUrl: grant.accountUrl,
      tokens: grant.tokens,
      minInterval: 0,
    });
    const b = new WorksectionClient({
      ...store,
      strategy: other.strategy,
      accountUrl: grant.accountUrl,
      tokens: grant.tokens,
      minInterval: 0,
      // Another process does not share this one's memory of refreshes.
      refreshOutcomes: new RefreshOutcomes(),
    });
    const [projectsA, projectsB] = await Promise.all([a.getProjects(), b.getProjects()]);
    expect(projectsA).toEqual(projectsB);
    expect(emu.stats.requests.refresh).toBe(1);
    expect(a.tokens).toEqual(store.stored);
    expect(b.tokens).toEqual(store.stored);
    // The lock key names the grant without revealing the refresh token.
    expect(store.keys[0]).toMatch(/^worksection:refresh:[0-9a-f]{64}$/);
    expect(store.keys[0]).toBe(store.keys[1]);
  });

  it('an instance whose access token another instance rotated out reloads the tokens on the 401 instead of failing', async () => {
    const store = sharedStore(grant.tokens);
    const a = new WorksectionClient({
      ...store,
      strategy: grant.strategy,
      accountUrl: grant.accountUrl,
      tokens: grant.tokens,
      minInterval: 0,
    });
    const b = new WorksectionClient({
      ...store,
      strategy: grant.strategy,
      accountUrl: grant.accountUrl,
      tokens: grant.tokens,
      minInterval: 0,
      refreshOutcomes: new RefreshOutcomes(),
    });
    emu.faults.set('api', { ...EXPIRED_401, times: 1 });
    await a.me(); // A refreshes: the access token B holds is revoked (not expired: Worksection says "invalid")
    emu.stats.reset();
    await expect(b.getUsers()).resolves.toHaveLength(2);
    expect(emu.stats.requests.refresh).toBe(0);
    expect(emu.stats.requests.api).toBe(2);
    expect(b.tokens).toEqual(store.stored);
  });

  it('lock without loadTokens is refused at construction', () => {
    expect(() => clientOf(grant, { lock: (_key, fn) => fn() })).toThrow(
      errorContaining({ code: 'WORKSECTION_INVALID_OPTION', option: 'loadTokens' }),
    );
  });
});

describe('rotated tokens whose onTokens failed', () => {
  it('are kept past the one-minute memory, until saved: a client built a minute later from the old tokens still works with the new ones', async () => {
    let now = 0;
    const outcomes = new RefreshOutcomes(() => now);
    expireTokens();
    const failing = clientOf(grant, {
      refreshOutcomes: outcomes,
      onTokens: () => Promise.reject(new Error('store down')),
    });
    expect(await rejection(failing.client.getProjects())).toEqual(new Error('store down'));
    expect(emu.stats.requests.refresh).toBe(1);
    // The app's store still holds the old tokens, whose refresh token Worksection has revoked; 65 s later a new
    // request builds its client from them.
    now += 65_000;
    const later = clientOf(grant, { refreshOutcomes: outcomes });
    await expect(later.client.getProjects()).resolves.toBeDefined();
    expect(emu.stats.requests.refresh).toBe(1);
    expect(later.saved).toHaveLength(1);
    expect(later.client.tokens.refreshToken).toBe(later.saved[0]!.refreshToken);
    // Saved now: forgotten a minute later, as any other outcome.
    now += 65_000;
    expect(outcomes.size).toBe(0);
  });
});
