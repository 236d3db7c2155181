import { request } from 'node:http';
import { createServer, type Server } from 'node:net';
import { createEmulator, DEMO_CLIENT, type Emulator, type EmulatorState } from '../../src';
import { getTokens } from '../helpers/oauth-flow';

const emulators: Emulator[] = [];
async function start(options: Parameters<typeof createEmulator>[0] = {}): Promise<Emulator> {
  const emu = await createEmulator({ autoApprove: true, ...options });
  emulators.push(emu);
  return emu;
}
afterEach(async () => {
  for (const emu of emulators.splice(0)) await emu.close();
});

/**
 * One request on a connection of its own: fetch's pool would reuse a connection to the emulator that was closed on
 * the same port, and fail with "other side closed".
 */
function send(url: string, headers: Record<string, string>, body?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: body === undefined ? 'GET' : 'POST', headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function refresh(emu: Emulator, refreshToken: string) {
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: DEMO_CLIENT.clientId,
    client_secret: DEMO_CLIENT.clientSecret,
    refresh_token: refreshToken,
  });
  return send(`${emu.url}/oauth2/refresh`, { 'content-type': 'application/x-www-form-urlencoded' }, form.toString());
}

function me(emu: Emulator, accessToken: string) {
  return send(`${emu.accountUrl('acc1234')}/api/oauth2?action=me`, { authorization: `Bearer ${accessToken}` });
}

/** Stops `emu` and starts another from its saved state, as a restarted process would (through JSON, as a file). */
async function restart(emu: Emulator, options: Parameters<typeof createEmulator>[0] = {}): Promise<Emulator> {
  const state = JSON.parse(JSON.stringify(emu.exportState())) as EmulatorState;
  await emu.close();
  return start({ state, ...options });
}

describe('exportState() and createEmulator({ state })', () => {
  test('a refresh token issued before a restart is still accepted after it, and rotates as usual', async () => {
    const first = await start();
    const tokens = await getTokens(first);
    const second = await restart(first);
    const { json } = await refresh(second, tokens.refresh_token);
    expect(typeof json.refresh_token).toBe('string');
    // Rotation was remembered across the restart too: the old token is now revoked.
    expect((await refresh(second, tokens.refresh_token)).json.errorDescription).toBe('Token has been revoked');
  });

  test('without the state, the same refresh token cannot be decrypted (what a restart did before)', async () => {
    const first = await start();
    const tokens = await getTokens(first);
    await first.close();
    const fresh = await start();
    expect((await refresh(fresh, tokens.refresh_token)).json.errorDescription).toBe('Cannot decrypt the refresh token');
  });

  test('an access token issued before a restart still opens the account API, and the public key is the same', async () => {
    const first = await start();
    const tokens = await getTokens(first);
    const publicKey = first.publicKey;
    const second = await restart(first);
    expect(second.publicKey).toBe(publicKey);
    const res = await me(second, tokens.access_token);
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('ok');
  });

  test('listens on the saved port again unless `port` says otherwise', async () => {
    const first = await start();
    const port = first.port;
    const second = await restart(first);
    expect(second.port).toBe(port);
    expect(second.url).toBe(`http://127.0.0.1:${port}`);
    const third = await restart(second, { port: 0 });
    expect(third.port).not.toBe(port);
  });

  test('a saved port that is taken fails with EADDRINUSE, so the caller can choose another', async () => {
    const first = await start();
    const state = first.exportState();
    await first.close();
    const squatter: Server = createServer();
    await new Promise<void>((done) => squatter.listen(state.port, '127.0.0.1', done));
    try {
      // Closed if it starts after all, so a failure here does not keep Jest waiting.
      const outcome = await createEmulator({ state }).then(
        async (emu) => {
          await emu.close();
          return 'started';
        },
        (err: unknown) => (err as NodeJS.ErrnoException).code,
      );
      expect(outcome).toBe('EADDRINUSE');
    } finally {
      await new Promise<void>((done) => squatter.close(() => done()));
    }
  });

  test('a grant revoked before the restart stays revoked after it', async () => {
    const first = await start();
    const tokens = await getTokens(first);
    expect(first.revokeGrants({ userId: '3993' })).toBe(1);
    const second = await restart(first);
    expect((await refresh(second, tokens.refresh_token)).json.errorDescription).toBe('Token has been revoked');
    expect((await me(second, tokens.access_token)).status).toBe(401);
  });

  test('revokeGrants() revokes only the grants matching its filter', async () => {
    const emu = await start();
    const henry = await getTokens(emu);
    const olivia = await createEmulator({ autoApprove: { userId: '2477' }, state: emu.exportState(), port: 0 });
    emulators.push(olivia);
    const oliviaTokens = await getTokens(olivia);
    expect(olivia.revokeGrants({ userId: '3993' })).toBe(1);
    // Worksection answers a refused refresh with HTTP 200 and an error body.
    expect((await refresh(olivia, henry.refresh_token)).json.errorDescription).toBe('Token has been revoked');
    expect(typeof (await refresh(olivia, oliviaTokens.refresh_token)).json.refresh_token).toBe('string');
  });

  test('calls onStateChange once per turn after tokens are issued, and exportState() then holds them', async () => {
    let changes = 0;
    let notify: () => void = () => undefined;
    const emu = await start({
      onStateChange: () => {
        changes++;
        notify();
      },
    });
    const changed = new Promise<void>((resolve) => (notify = resolve));
    await getTokens(emu);
    await changed;
    const state = emu.exportState();
    expect(state.grants.refreshTokens).toHaveLength(1);
    expect(state.grants.accessTokens).toHaveLength(1);
    expect(state.grants.codes).toHaveLength(1);
    // The authorize request and the token request each changed the grants: two turns, never one call per change.
    expect(changes).toBeLessThanOrEqual(2);
  });

  test('a project created through the account API before a restart is still there after it', async () => {
    const first = await start();
    const tokens = await getTokens(first, { scope: 'projects_read,projects_write' });
    const api = (emu: Emulator, action: string) =>
      send(`${emu.accountUrl('acc1234')}/api/oauth2?action=${action}&title=Kept%20across%20restarts`, {
        authorization: `Bearer ${tokens.access_token}`,
      });
    expect((await api(first, 'post_project')).json.status).toBe('ok');
    const second = await restart(first);
    const projects = (await api(second, 'get_projects')).json.data as Array<{ name: string }>;
    expect(projects.map((p) => p.name)).toContain('Kept across restarts');
  });

  test('calls onStateChange after an account API call, which may have changed the account data', async () => {
    let notify: () => void = () => undefined;
    const emu = await start({ onStateChange: () => notify() });
    const tokens = await getTokens(emu);
    const called = new Promise<void>((resolve) => (notify = resolve));
    await me(emu, tokens.access_token);
    await called;
    expect(emu.exportState().accountApi).toMatchObject({ version: 1, accounts: [['acc1234', expect.any(Object)]] });
  });

  test('refuses a damaged state with a TypeError naming the field', async () => {
    const first = await start();
    const state = first.exportState();
    await first.close();
    await expect(createEmulator({ state: { ...state, keys: { ...state.keys, signingKey: 'not a key' } } })).rejects.toThrow(
      'The signing key is not a PEM private key',
    );
    await expect(createEmulator({ state: { ...state, version: 2 } as unknown as EmulatorState })).rejects.toThrow(TypeError);
    await expect(createEmulator({ state: { ...state, accountApi: { version: 1, accounts: 'all' } } })).rejects.toThrow(
      /^Emulator state: accountApi: /,
    );
  });
});
