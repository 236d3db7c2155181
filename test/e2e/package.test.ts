import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');

// What a TypeScript consumer installs beside us; pinned to the versions this repo tests with so npm finds
// them in the cache that `npm ci` filled.
const consumerDeps = ['express', 'passport', '@types/express', '@types/passport', '@types/node'];

async function installedVersion(name: string): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(root, 'node_modules', name, 'package.json'), 'utf8'));
  return pkg.version;
}

let dir: string;
let files: string[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pw-consumer-'));
  // `npm test` has just built dist/; --ignore-scripts skips the prepack build a publish would run.
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: root });
  const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  files = packed.files.map((f) => f.path);
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  const deps = await Promise.all(consumerDeps.map(async (d) => `${d}@${await installedVersion(d)}`));
  await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', path.join(dir, packed.filename), ...deps],
    { cwd: dir },
  );
}, 180_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('ships the compiled code, declarations, maps, README and LICENSE, and no sources or tests', () => {
    expect(files).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts', 'dist/index.js.map']),
    );
    expect(files).toEqual(expect.arrayContaining(['dist/emulator/index.js', 'dist/emulator/index.d.ts', 'dist/emulator/cli/cli.js']));
    const unexpected = files.filter(
      (f) => !/^(package\.json|README\.md|LICENSE|CHANGELOG\.md|dist\/.+\.(js|d\.ts|js\.map|d\.ts\.map))$/.test(f),
    );
    expect(unexpected).toEqual([]);
  });

  it('loads with require(), including the emulator subpath', async () => {
    await writeFile(
      path.join(dir, 'require.cjs'),
      `const ws = require('passport-worksection');
       const emu = require('passport-worksection/emulator');
       console.log(JSON.stringify({ strategy: typeof ws.Strategy, scopes: ws.SCOPES.length, createEmulator: typeof emu.createEmulator,
         version: require('passport-worksection/package.json').version }));`,
    );
    const { stdout } = await run(process.execPath, ['require.cjs'], { cwd: dir });
    expect(JSON.parse(stdout)).toEqual({ strategy: 'function', scopes: 17, createEmulator: 'function', version: expect.any(String) });
  });

  it('loads with import, named exports included', async () => {
    await writeFile(
      path.join(dir, 'import.mjs'),
      `import { Strategy, SCOPES } from 'passport-worksection';
       import { createEmulator } from 'passport-worksection/emulator';
       console.log(JSON.stringify({ strategy: typeof Strategy, scopes: SCOPES.length, createEmulator: typeof createEmulator }));`,
    );
    const { stdout } = await run(process.execPath, ['import.mjs'], { cwd: dir });
    expect(JSON.parse(stdout)).toEqual({ strategy: 'function', scopes: 17, createEmulator: 'function' });
  });

  it('signs a user in from the installed package against the packaged emulator', async () => {
    await writeFile(
      path.join(dir, 'signin.cjs'),
      `const { Strategy } = require('passport-worksection');
       const { createEmulator } = require('passport-worksection/emulator');
       (async () => {
         const emu = await createEmulator({ autoApprove: true,
           clients: [{ clientId: 'pkg-app', clientSecret: 'pkg-secret', redirectUris: ['http://127.0.0.1/cb'] }] });
         const strategy = new Strategy({ clientID: 'pkg-app', clientSecret: 'pkg-secret', callbackURL: 'http://127.0.0.1/cb',
           baseURL: emu.url, scope: 'projects_read' }, (accessToken, refreshToken, params, profile, done) => done(null, profile));
         const session = {};
         const location = await new Promise((resolve, reject) => {
           const s = Object.create(strategy);
           s.redirect = resolve; s.error = reject; s.fail = reject; s.success = reject;
           s.authenticate({ query: {}, headers: {}, url: '/login', session }, {});
         });
         const back = await fetch(location, { redirect: 'manual' });
         const query = Object.fromEntries(new URL(back.headers.get('location')).searchParams);
         const user = await new Promise((resolve, reject) => {
           const s = Object.create(strategy);
           s.success = resolve; s.error = reject; s.fail = reject; s.redirect = reject;
           s.authenticate({ query, headers: {}, url: '/cb', session }, {});
         });
         await emu.close();
         console.log(JSON.stringify({ provider: user.provider, id: user.id, accountUrl: user.accountUrl.startsWith(emu.url) }));
       })().catch((e) => { console.error(e); process.exit(1); });`,
    );
    const { stdout } = await run(process.execPath, ['signin.cjs'], { cwd: dir });
    expect(JSON.parse(stdout)).toEqual({ provider: 'worksection', id: expect.any(String), accountUrl: true });
  });

  it('type-checks a strict TypeScript consumer against the shipped declarations alone', async () => {
    await writeFile(
      path.join(dir, 'consumer.ts'),
      `import express from 'express';
       import passport from 'passport';
       import { Strategy, SCOPES, type WorksectionProfile, type TokenSet } from 'passport-worksection';
       import { createEmulator } from 'passport-worksection/emulator';

       const strategy = new Strategy(
         { clientID: 'id', clientSecret: 'secret', callbackURL: 'https://app.example.com/cb', scope: ['projects_read', 'tasks_read'] },
         (accessToken: string, refreshToken: string, params: { account_url?: string }, profile: WorksectionProfile, done: (err: unknown, user?: Express.User) => void) => {
           done(null, { id: profile.id, accountUrl: profile.accountUrl, token: accessToken.length + refreshToken.length + String(params.account_url) });
         },
       );
       passport.use(strategy);
       const app = express();
       app.get('/auth/worksection', passport.authenticate('worksection'));
       const refreshed: Promise<TokenSet> = strategy.refresh('def50200');
       const first: string = SCOPES[0];
       void createEmulator({ autoApprove: true }).then((emu) => emu.close());
       void refreshed; void first; void app;
      `,
    );
    await writeFile(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          module: 'commonjs',
          target: 'ES2022',
          esModuleInterop: true,
          types: ['node'],
        },
        files: ['consumer.ts'],
      }),
    );
    const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    // tsc reports type errors on stdout: show them when it fails.
    const outcome = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: dir }).then(
      () => '',
      (err: { stdout: string }) => err.stdout || 'tsc failed',
    );
    expect(outcome).toBe('');
  });
});
