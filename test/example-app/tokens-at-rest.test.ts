import { readFileSync, statSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type RunningServer } from '../../example-app/server';
import { TokenSealer } from '../../example-app/token-sealer';
import { startExample, type RunningExample } from './helpers/example-server';
import { Browser, signIn } from './helpers/http-client';
import { freePort } from './helpers/redis-server';
import { storedUsers } from './helpers/stored-sessions';

const TOKENS = { accessToken: 'eyJ-access-token', refreshToken: 'def50200-refresh-token' };

describe('TokenSealer', () => {
  test('sealed tokens show neither token and open again for the same session id', () => {
    const sealer = new TokenSealer(['a-session-secret-of-enough-length']);
    const sealed = sealer.seal(TOKENS, 'sid-1');
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('access-token');
    expect(sealer.open(sealed, 'sid-1')).toEqual(TOKENS);
  });

  test('a sealed value does not open in another session, tampered, or once its secret is retired', () => {
    const old = new TokenSealer(['the-old-secret-0123456789abcdef']);
    const sealed = old.seal(TOKENS, 'sid-1');
    expect(old.open(sealed, 'sid-2')).toBeUndefined();
    // A middle character is six bits of ciphertext; a change to the last one of base64url can land in padding bits only.
    const middle = Math.floor(sealed.length / 2);
    const flipped = sealed.slice(0, middle) + (sealed[middle] === 'A' ? 'B' : 'A') + sealed.slice(middle + 1);
    expect(old.open(flipped, 'sid-1')).toBeUndefined();
    expect(new TokenSealer(['the-new-secret-0123456789abcdef']).open(sealed, 'sid-1')).toBeUndefined();
  });

  test('with rotated secrets the newest seals and every listed one opens', () => {
    const sealedWithOld = new TokenSealer(['the-old-secret-0123456789abcdef']).seal(TOKENS, 'sid');
    const rotated = new TokenSealer(['the-new-secret-0123456789abcdef', 'the-old-secret-0123456789abcdef']);
    expect(rotated.open(sealedWithOld, 'sid')).toEqual(TOKENS);
    expect(new TokenSealer(['the-new-secret-0123456789abcdef']).open(rotated.seal(TOKENS, 'sid'), 'sid')).toEqual(TOKENS);
  });
});

describe('tokens at rest', () => {
  let running: RunningExample | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  test('after a sign-in the session database files hold neither the access nor the refresh token in clear', async () => {
    running = await startExample();
    const browser = new Browser(running.url);
    await signIn(browser);
    // The signed-in session still works: its tokens open when read back.
    expect((await browser.get('/profile')).status).toBe(200);
    const [user] = storedUsers(running.sessionFile);
    expect(user!.tokens.accessToken).toMatch(/^eyJ/);
    const files = [running.sessionFile, `${running.sessionFile}-wal`, `${running.sessionFile}-shm`].filter((f) => existsSync(f));
    const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
    expect(bytes.includes(user!.tokens.accessToken)).toBe(false);
    expect(bytes.includes(user!.tokens.refreshToken)).toBe(false);
    expect(bytes.includes('def50200')).toBe(false);
  });
});

describe('file modes', () => {
  let dir: string;
  let server: RunningServer | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ws-modes-'));
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  test('the session database, its -wal and -shm files and the generated secret file are created 0600', async () => {
    const previous = process.umask(0o022);
    try {
      const file = join(dir, 's.sqlite');
      server = await start({ PORT: String(await freePort()), SESSION_DB: file }, () => undefined);
      for (const created of [file, `${file}-wal`, `${file}-shm`, `${file}-secret`]) {
        expect([created, (statSync(created).mode & 0o777).toString(8)]).toEqual([created, '600']);
      }
    } finally {
      process.umask(previous);
    }
  });
});
