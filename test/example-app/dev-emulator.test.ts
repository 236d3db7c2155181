import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevEmulator, type DevEmulator } from '../../example-app/dev-emulator';
import { EmulatorStateFileError } from '../../example-app/errors/emulator-state-file-error';

let dev: DevEmulator | undefined;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ws-dev-emulator-'));
});
afterEach(async () => {
  await dev?.close();
  dev = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** The saved state's port and whether it lists `refreshTokens` refresh tokens. */
function saved(file: string): { port: number; refreshTokens: number } {
  const state = JSON.parse(readFileSync(file, 'utf8')) as { port: number; grants: { refreshTokens: unknown[] } };
  return { port: state.port, refreshTokens: state.grants.refreshTokens.length };
}

function authorize(dev: DevEmulator, redirectUri: string): Promise<Response> {
  const url = new URL('/oauth2/authorize', dev.baseURL);
  url.search = new URLSearchParams({
    client_id: dev.clientID,
    redirect_uri: redirectUri,
    response_type: 'code',
    state: 's',
    scope: 'projects_read',
  }).toString();
  return fetch(url, { redirect: 'manual' });
}

describe('startDevEmulator', () => {
  const callback = 'http://localhost:3999/auth/worksection/callback';

  test("starts the interactive emulator: the app's callback gets the sign-in page, not an instant code", async () => {
    dev = await startDevEmulator(callback);
    const res = await authorize(dev, callback);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Sign in to Worksection');
  });

  test('knows the app only at its own callback URL', async () => {
    dev = await startDevEmulator(callback);
    const res = await authorize(dev, 'http://localhost:3999/elsewhere');
    expect(res.status).not.toBe(200);
    expect(res.headers.get('location')).toBeNull();
  });

  test('lists the demo users with their password and accounts, and a random client secret per start', async () => {
    dev = await startDevEmulator(callback);
    expect(dev.demoUsers[0]).toBe('Henry Gardner <Henry.Gardner@ws.com> (password "demo"; Gardner & Co, Northwind Studio)');
    const first = dev.clientSecret;
    await dev.close();
    dev = await startDevEmulator(callback);
    expect(dev.clientSecret).not.toBe(first);
    expect(dev.clientSecret.length).toBeGreaterThanOrEqual(32);
  });

  describe('with a state file', () => {
    test('writes it at start, mode 0600, and a restart comes back on the same port with the same keys', async () => {
      const stateFile = join(dir, 'state.json');
      dev = await startDevEmulator(callback, { stateFile });
      const { port, publicKey } = dev.emulator;
      expect(statSync(stateFile).mode & 0o777).toBe(0o600);
      expect(saved(stateFile).port).toBe(port);
      await dev.close();
      dev = await startDevEmulator(callback, { stateFile });
      expect(dev.emulator.port).toBe(port);
      expect(dev.emulator.publicKey).toBe(publicKey);
      expect(dev.portNotice).toBeUndefined();
    });

    test('saves a change to the grants without waiting for close(), so a killed process loses nothing', async () => {
      const stateFile = join(dir, 'state.json');
      dev = await startDevEmulator(callback, { stateFile });
      const seed = dev.emulator.exportState();
      await dev.close();
      // A state holding one grant, as after a sign-in; revoking it is a change the file must show.
      const refresh = {
        id: 'r1',
        clientId: 'example-app',
        userId: '3993',
        accountId: 'acc1234',
        expireTime: 4_102_444_800,
        revoked: false,
      };
      writeFileSync(stateFile, JSON.stringify({ ...seed, grants: { codes: [], accessTokens: [], refreshTokens: [refresh] } }));
      dev = await startDevEmulator(callback, { stateFile });
      dev.emulator.revokeGrants();
      const revoked = (): boolean => (JSON.parse(readFileSync(stateFile, 'utf8')) as typeof seed).grants.refreshTokens[0]?.revoked === true;
      for (let i = 0; i < 200 && !revoked(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(revoked()).toBe(true);
    });

    test('starts on another port, and says so in one line, when the saved one is taken', async () => {
      const stateFile = join(dir, 'state.json');
      dev = await startDevEmulator(callback, { stateFile });
      const port = dev.emulator.port;
      await dev.close();
      dev = undefined;
      const squatter: Server = createServer();
      await new Promise<void>((done) => squatter.listen(port, '127.0.0.1', done));
      try {
        dev = await startDevEmulator(callback, { stateFile });
        expect(dev.emulator.port).not.toBe(port);
        expect(dev.portNotice).toBe(
          `the emulator's port ${port} is taken, so it listens on ${dev.emulator.port} now: signed-in browsers sign in again`,
        );
        expect(saved(stateFile).port).toBe(dev.emulator.port);
      } finally {
        await new Promise<void>((done) => squatter.close(() => done()));
      }
    });

    test('refuses a damaged state file, naming it, and starts nothing', async () => {
      const stateFile = join(dir, 'state.json');
      writeFileSync(stateFile, '{"version":1,');
      await expect(startDevEmulator(callback, { stateFile })).rejects.toThrow(new EmulatorStateFileError(stateFile, 'not JSON'));
      dev = await startDevEmulator(callback, { stateFile: join(dir, 'other.json') });
      const { emulator } = dev;
      const state = { ...emulator.exportState(), keys: { ...emulator.exportState().keys, signingKey: 'garbage' } };
      writeFileSync(stateFile, JSON.stringify(state));
      await expect(startDevEmulator(callback, { stateFile })).rejects.toThrow(EmulatorStateFileError);
    });
  });
});
