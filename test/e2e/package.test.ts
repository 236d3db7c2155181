import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { readmeBlocks, sourceFor } from '../helpers/readme-blocks';
import { installConsumer, installedVersion } from '../helpers/consumer-app';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');

// What a TypeScript consumer installs beside us, and what the README's code imports; pinned to the versions this
// repo tests with so npm finds them in the cache that `npm ci` filled.
const consumerDeps = [
  'express',
  'passport',
  '@types/express',
  '@types/passport',
  '@types/node',
  'express-session',
  '@types/express-session',
  'passport-oauth2-refresh',
  '@types/passport-oauth2-refresh',
  'supertest',
  '@types/supertest',
  '@types/jest',
  '@nestjs/common',
  '@nestjs/core',
  '@nestjs/passport',
  '@nestjs/platform-express',
  'reflect-metadata',
  'rxjs',
];

interface SourceMap {
  sources: string[];
  sourceRoot?: string;
  sourcesContent?: unknown[];
}

// Every link and image target in a Markdown text, code (fenced and inline) left out: inline links and images,
// reference definitions, and HTML src/href attributes.
function linkTargets(markdown: string): string[] {
  const text = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
  const targets: string[] = [];
  for (const m of text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) targets.push(m[1]!);
  for (const m of text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) targets.push(m[1]!);
  for (const m of text.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/g)) targets.push(m[1]!);
  return targets;
}

// The relative ones (no scheme, not a bare #anchor), as package paths without query or fragment.
function relativeLinks(markdown: string): string[] {
  return linkTargets(markdown)
    .filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('#') && !t.startsWith('//'))
    .map((t) => path.posix.normalize(decodeURIComponent(t.replace(/[?#].*$/, ''))).replace(/^\//, ''));
}

interface TsServerSpan {
  file: string;
  start: { line: number; offset: number };
}
interface TsServerResponse {
  type: string;
  request_seq?: number;
  success?: boolean;
  message?: string;
  body?: unknown;
}

// Runs TypeScript's language server, as an editor does, and returns its answers to the requests other than `open`.
function askTsServer(cwd: string, requests: Array<{ command: string; arguments: object }>): Promise<TsServerResponse[]> {
  const tsserver = path.join(root, 'node_modules', 'typescript', 'lib', 'tsserver.js');
  const child = spawn(process.execPath, [tsserver, '--disableAutomaticTypingAcquisition'], { cwd, stdio: ['pipe', 'pipe', 'ignore'] });
  const expected = requests.map((r, i) => ({ ...r, seq: i + 1 })).filter((r) => r.command !== 'open');
  return new Promise<TsServerResponse[]>((resolve, reject) => {
    const answers = new Map<number, TsServerResponse>();
    let pending = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('tsserver did not answer in time'));
    }, 50_000);
    child.on('error', reject);
    child.on('exit', () => {
      clearTimeout(timer);
      if (!expected.every((r) => answers.has(r.seq))) reject(new Error('tsserver exited before answering'));
      else resolve(expected.map((r) => answers.get(r.seq)!));
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines.filter((l) => l.startsWith('{'))) {
        const message = JSON.parse(line) as TsServerResponse;
        if (message.type === 'response' && message.request_seq !== undefined) answers.set(message.request_seq, message);
      }
      if (expected.every((r) => answers.has(r.seq)) && !child.stdin.writableEnded)
        child.stdin.end(`${JSON.stringify({ seq: requests.length + 1, type: 'request', command: 'exit' })}\n`);
    });
    for (const [i, r] of requests.entries()) child.stdin.write(`${JSON.stringify({ seq: i + 1, type: 'request', ...r })}\n`);
  });
}

interface Packed {
  name: string;
  filename: string;
  files: Array<{ path: string }>;
}

/** Runs the jobs handed to it at most `limit` at a time, in the order they came. */
function limitedTo(limit: number): <T>(job: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (job) => {
    if (running < limit) running++;
    // A finishing job hands its place over to this one.
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await job();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

let dir: string;
let files: string[];
// The files of the worksection-emulator tarball, packed from the same repository (npm workspace emulator/).
let emulatorFiles: string[];
// Where the tarball was installed: its files as a user receives them.
let installed: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pw-consumer-'));
  // `npm test` has just built both dist/ folders; --ignore-scripts skips the prepack build a publish would run. One
  // `npm pack` packs both packages of the repository.
  const { stdout } = await run(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--workspaces', '--include-workspace-root', '--pack-destination', dir],
    { cwd: root },
  );
  const tarballs = JSON.parse(stdout) as Packed[];
  const packed = tarballs.find((t) => t.name === 'passport-worksection')!;
  const packedEmulator = tarballs.find((t) => t.name === 'worksection-emulator')!;
  files = packed.files.map((f) => f.path);
  emulatorFiles = packedEmulator.files.map((f) => f.path);
  const deps = await Promise.all(consumerDeps.map(async (d) => `${d}@${await installedVersion(d)}`));
  await installConsumer(dir, 'consumer', [path.join(dir, packed.filename), path.join(dir, packedEmulator.filename), ...deps]);
  installed = path.join(dir, 'node_modules', 'passport-worksection');
}, 180_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('ships the compiled code, declarations, maps, TypeScript sources, README, ARCHITECTURE and LICENSE, and no tests', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'ARCHITECTURE.md',
        'LICENSE',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/index.js.map',
      ]),
    );
    expect(files).toEqual(expect.arrayContaining(['dist/index.d.ts.map', 'src/index.ts']));
    expect(files).toEqual(expect.arrayContaining(['dist/client/index.js', 'dist/client/index.d.ts', 'src/client/index.ts']));
    const unexpected = files.filter(
      (f) =>
        !/^(package\.json|README\.md|LICENSE|CHANGELOG\.md|ARCHITECTURE\.md|dist\/.+\.(js|d\.ts|js\.map|d\.ts\.map)|src\/.+\.ts)$/.test(
          f,
        ) || /(^|\/)(tests?|__tests__|fixtures)\/|\.(test|spec)\./.test(f),
    );
    expect(unexpected).toEqual([]);
  });

  it('has maps whose sources are shipped files, each source shipped once (not inlined)', async () => {
    const shipped = new Set(files);
    const maps = files.filter((f) => f.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(0);
    const problems: string[] = [];
    const referenced = new Set<string>();
    for (const map of maps) {
      const { sources, sourceRoot, sourcesContent } = JSON.parse(await readFile(path.join(installed, map), 'utf8')) as SourceMap;
      if (sourcesContent !== undefined) problems.push(`${map} inlines its sources`);
      if (sources.length === 0) problems.push(`${map} names no source`);
      for (const source of sources) {
        // Per the source map spec: relative to the map's own folder, after sourceRoot.
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(map), sourceRoot ?? '', source));
        if (!shipped.has(resolved)) problems.push(`${map} names ${source}, which resolves to ${resolved}: not in the tarball`);
        referenced.add(resolved);
      }
    }
    expect(problems).toEqual([]);
    // Every shipped source is what some map points at, so none is dead weight.
    expect(files.filter((f) => f.startsWith('src/') && !referenced.has(f))).toEqual([]);
  });

  it('links and shows, in its README, only files that are in the tarball', async () => {
    expect(relativeLinks('[a](docs/x.png) ![b](./y.md#z "t") [c](https://e.com/f) [d](#e) `[g](h)` <img src="i/j.png">')).toEqual([
      'docs/x.png',
      'y.md',
      'i/j.png',
    ]);
    const readme = await readFile(path.join(installed, 'README.md'), 'utf8');
    const targets = relativeLinks(readme);
    // The README links elsewhere too: the parser must at least see those (a regex gone blind would pass).
    expect(linkTargets(readme).length).toBeGreaterThan(targets.length);
    const shipped = new Set(files);
    expect(targets.filter((t) => !shipped.has(t) && !files.some((f) => f.startsWith(`${t.replace(/\/$/, '')}/`)))).toEqual([]);
  });

  it('go-to-definition in a TypeScript consumer lands in the shipped .ts sources', async () => {
    const goto = path.join(dir, 'goto');
    await mkdir(goto, { recursive: true });
    const text = [
      `import { Strategy, parseProfile, type WorksectionProfile } from 'passport-worksection';`,
      `export const used: [typeof Strategy, typeof parseProfile, WorksectionProfile | undefined] = [Strategy, parseProfile, undefined];`,
    ].join('\n');
    const file = path.join(goto, 'definition.ts');
    await writeFile(file, text);
    await writeFile(
      path.join(goto, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, module: 'commonjs', target: 'ES2022', types: ['node'] },
        files: ['definition.ts'],
      }),
    );
    const names = ['Strategy', 'parseProfile', 'WorksectionProfile'];
    const lines = text.split('\n');
    const answers = await askTsServer(goto, [
      { command: 'open', arguments: { file } },
      ...names.map((name) => {
        const line = lines.findIndex((l) => l.includes(name));
        return { command: 'definition', arguments: { file, line: line + 1, offset: lines[line]!.indexOf(name) + 1 } };
      }),
    ]);
    const landed = await Promise.all(
      answers.map(async (answer, i) => {
        const [span] = answer.body as TsServerSpan[];
        if (!answer.success || !span) return { name: names[i], error: answer.message ?? 'no definition' };
        const relative = path.relative(installed, span.file).split(path.sep).join('/');
        const sourceLine = (await readFile(span.file, 'utf8')).split('\n')[span.start.line - 1] ?? '';
        return { name: names[i], file: relative, namesIt: sourceLine.includes(names[i]!) };
      }),
    );
    expect(landed).toEqual(names.map((name) => ({ name, file: expect.stringMatching(/^src\/.+(?<!\.d)\.ts$/) as unknown, namesIt: true })));
  }, 60_000);

  it('holds no emulator file: the emulator is the worksection-emulator package', async () => {
    expect(files.filter((f) => /emulator/i.test(f))).toEqual([]);
    const pkg = JSON.parse(await readFile(path.join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect({ bin: pkg.bin, exports: Object.keys(pkg.exports as object) }).toEqual({
      bin: undefined,
      exports: ['.', './client', './package.json'],
    });
  });

  it('loads with require(), the client subpath and the emulator package too', async () => {
    await writeFile(
      path.join(dir, 'require.cjs'),
      `const ws = require('passport-worksection');
       const client = require('passport-worksection/client');
       const emu = require('worksection-emulator');
       console.log(JSON.stringify({ strategy: typeof ws.Strategy, scopes: ws.SCOPES.length, client: typeof client.WorksectionClient,
         sameErrors: client.WorksectionApiError === ws.WorksectionApiError, clientInRoot: 'WorksectionClient' in ws,
         createEmulator: typeof emu.createEmulator, version: require('passport-worksection/package.json').version }));`,
    );
    const { stdout } = await run(process.execPath, ['require.cjs'], { cwd: dir });
    expect(JSON.parse(stdout)).toEqual({
      strategy: 'function',
      scopes: 17,
      client: 'function',
      sameErrors: true,
      clientInRoot: false,
      createEmulator: 'function',
      version: expect.any(String) as unknown,
    });
  });

  it('loads with import, named exports included', async () => {
    await writeFile(
      path.join(dir, 'import.mjs'),
      `import { Strategy, SCOPES, WorksectionApiError } from 'passport-worksection';
       import { WorksectionClient, ACTION_SCOPES, WorksectionApiError as ClientApiError } from 'passport-worksection/client';
       import { createEmulator } from 'worksection-emulator';
       console.log(JSON.stringify({ strategy: typeof Strategy, scopes: SCOPES.length, client: typeof WorksectionClient,
         actions: Object.keys(ACTION_SCOPES).length, sameErrors: ClientApiError === WorksectionApiError, createEmulator: typeof createEmulator }));`,
    );
    const { stdout } = await run(process.execPath, ['import.mjs'], { cwd: dir });
    expect(JSON.parse(stdout)).toEqual({
      strategy: 'function',
      scopes: 17,
      client: 'function',
      // The actions an OAuth token can call: the 63 less the account's timers, which are the admin API's.
      actions: 61,
      sameErrors: true,
      createEmulator: 'function',
    });
  });

  it('signs a user in from the installed package against the packaged emulator', async () => {
    await writeFile(
      path.join(dir, 'signin.cjs'),
      `const { Strategy } = require('passport-worksection');
       const { createEmulator } = require('worksection-emulator');
       (async () => {
         const emu = await createEmulator({ autoApprove: true,
           clients: [{ clientId: 'pkg-app', clientSecret: 'pkg-secret', redirectUris: ['http://127.0.0.1/cb'] }] });
         const strategy = new Strategy({ clientID: 'pkg-app', clientSecret: 'pkg-secret', callbackURL: 'http://127.0.0.1/cb',
           baseURL: emu.url, scope: 'projects_read' }, (accessToken, refreshToken, params, profile, done) => done(null, profile));
         const headers = {};
         const res = { headersSent: false, getHeader: (n) => headers[n], setHeader: (n, v) => { headers[n] = v; } };
         const location = await new Promise((resolve, reject) => {
           const s = Object.create(strategy);
           s.redirect = resolve; s.error = reject; s.fail = reject; s.success = reject;
           s.authenticate({ query: {}, headers: {}, url: '/login', res }, {});
         });
         // The state travels in a cookie, as a browser would bring it back.
         const cookie = headers['set-cookie'].map((line) => line.split(';')[0]).join('; ');
         const back = await fetch(location, { redirect: 'manual' });
         const query = Object.fromEntries(new URL(back.headers.get('location')).searchParams);
         const user = await new Promise((resolve, reject) => {
           const s = Object.create(strategy);
           s.success = resolve; s.error = reject; s.fail = reject; s.redirect = reject;
           s.authenticate({ query, headers: { cookie }, url: '/cb', res }, {});
         });
         await emu.close();
         console.log(JSON.stringify({ provider: user.provider, id: user.id, accountUrl: user.accountUrl.startsWith(emu.url) }));
       })().catch((e) => { console.error(e); process.exit(1); });`,
    );
    const { stdout } = await run(process.execPath, ['signin.cjs'], { cwd: dir });
    expect(JSON.parse(stdout)).toEqual({ provider: 'worksection', id: expect.any(String) as unknown, accountUrl: true });
  });

  it('type-checks a strict TypeScript consumer against the shipped declarations alone', async () => {
    await writeFile(
      path.join(dir, 'consumer.ts'),
      `import express from 'express';
       import passport from 'passport';
       import { Strategy, SCOPES, type WorksectionProfile, type TokenSet } from 'passport-worksection';
       // moduleResolution node10 (commonjs's default here) finds the subpath's types through typesVersions.
       import { WorksectionClient, WorksectionReauthError, type WorksectionTask, type WorksectionDownload } from 'passport-worksection/client';
       import { createEmulator } from 'worksection-emulator';

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
       // The typed account-API surface, as the declarations ship it.
       const client = new WorksectionClient({ strategy, accountUrl: 'https://acc.worksection.com', tokens: { accessToken: 'a', refreshToken: 'r' } });
       const tasks: Promise<WorksectionTask[]> = client.call('get_tasks', { id_project: '1' });
       const listed: Promise<boolean> = client.tasks.list({ id_project: '1' }).then((list) => list.capped);
       const file: Promise<WorksectionDownload> = client.files.download('70');
       // @ts-expect-error get_tasks needs id_project: the declarations keep the parameter types.
       void client.call('get_tasks', {});
       const reauth: boolean = new Error('x') instanceof WorksectionReauthError;
       void refreshed; void first; void app; void tasks; void listed; void file; void reauth;
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
      (err: unknown) => (err as { stdout?: string }).stdout || 'tsc failed',
    );
    expect(outcome).toBe('');
  });
});

describe('the packed worksection-emulator tarball', () => {
  it('ships its compiled code, declarations, maps, sources, README and LICENSE, and no tests', () => {
    expect(emulatorFiles).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/cli/cli.js',
        'src/index.ts',
      ]),
    );
    const unexpected = emulatorFiles.filter(
      (f) =>
        !/^(package\.json|README\.md|LICENSE|dist\/.+\.(js|d\.ts|js\.map|d\.ts\.map)|src\/.+\.ts)$/.test(f) ||
        /(^|\/)(tests?|__tests__|fixtures)\/|\.(test|spec)\./.test(f),
    );
    expect(unexpected).toEqual([]);
  });

  it('loads its entry with require() and import, and its bin runs', async () => {
    await writeFile(
      path.join(dir, 'emulator-entry.cjs'),
      `const required = require('worksection-emulator');
       import('worksection-emulator').then((imported) => {
         console.log(JSON.stringify({ required: typeof required.createEmulator, imported: typeof imported.createEmulator,
           version: require('worksection-emulator/package.json').version }));
       }).catch((e) => { console.error(e); process.exit(1); });`,
    );
    const { stdout } = await run(process.execPath, ['emulator-entry.cjs'], { cwd: dir });
    expect(JSON.parse(stdout)).toEqual({ required: 'function', imported: 'function', version: expect.any(String) as unknown });
    // The bin as npm links it for `npx worksection-emulator`.
    const help = await run(process.execPath, [path.join(dir, 'node_modules', '.bin', 'worksection-emulator'), '--help'], { cwd: dir });
    expect(help.stdout).toContain('Usage: worksection-emulator');
  });
});

// Every ```ts block of the README is type-checked against the installed tarball, so the README cannot drift from
// what users receive: with TypeScript 5.9 (this repo's) and 7 (`typescript7`, npm's alias of typescript@7, whose only
// binary is `tsc` and is called by its path: both packages claim node_modules/.bin/tsc), under moduleResolution
// node16, nodenext and bundler, from CommonJS and from ES modules. All blocks of a run are one program, each block a
// module of its own: what they share is the README's one global declaration (types.d.ts, in the TypeScript section).
// How blocks that are fragments say what they assume: test/helpers/readme-blocks.ts.
describe("the README's TypeScript code", () => {
  const compilers = [
    ['TypeScript 5.9', path.join(root, 'node_modules', 'typescript', 'bin', 'tsc')],
    ['TypeScript 7', path.join(root, 'node_modules', 'typescript7', 'bin', 'tsc')],
  ] as const;
  const formats = [
    { name: 'node16, CommonJS', module: 'node16', moduleResolution: 'node16', esm: false },
    { name: 'node16, ESM', module: 'node16', moduleResolution: 'node16', esm: true },
    { name: 'nodenext, CommonJS', module: 'nodenext', moduleResolution: 'nodenext', esm: false },
    { name: 'nodenext, ESM', module: 'nodenext', moduleResolution: 'nodenext', esm: true },
    { name: 'bundler', module: 'esnext', moduleResolution: 'bundler', esm: true },
  ];
  const runs = compilers.flatMap(([compiler, tsc]) => formats.map((format) => ({ compiler, tsc, ...format })));

  it('reads the blocks, their files and what they assume', () => {
    const sample = [
      '<!-- ts-assumes: declare const a: number; -->',
      '<!-- ts-assumes lib/b.ts: export const b = 1; -->',
      '',
      '```ts',
      "import { b } from './lib/b';",
      'const c = await Promise.resolve(a + b);',
      '```',
      'Text.',
      '<!-- ts-assumes: declare const dropped: 1; -->',
      'A paragraph between: the comment is not this block’s.',
      '```ts',
      '// lib/d.ts',
      'export const d = 1;',
      '```',
    ].join('\n');
    const [first, second] = readmeBlocks(sample);
    expect(first).toEqual({
      line: 4,
      file: 'readme-4.ts',
      code: "import { b } from './lib/b';\nconst c = await Promise.resolve(a + b);\n",
      assumes: 'declare const a: number;\n',
      assumedFiles: [{ file: 'lib/b.ts', source: 'export const b = 1;\n' }],
    });
    expect(second).toMatchObject({ file: 'lib/d.ts', assumes: '', assumedFiles: [] });
    expect(sourceFor(first!.code, first!.assumes, { esm: true })).toContain("from './lib/b.js';\nconst c = await");
    expect(sourceFor(first!.code, first!.assumes, { esm: false })).toBe(
      "declare const a: number;\nimport { b } from './lib/b';\nvoid (async () => {\nconst c = await Promise.resolve(a + b);\n})();\n\nexport {};\n",
    );
  });

  type Run = (typeof runs)[number];

  /** Type-checks the README's blocks as `run` says; resolves to tsc's report, '' when it found nothing. */
  async function typeCheck({ tsc, module, moduleResolution, esm, compiler, name }: Run): Promise<string> {
    const readme = await readFile(path.join(installed, 'README.md'), 'utf8');
    const blocks = readmeBlocks(readme);
    if (blocks.length <= 15) return `only ${blocks.length} TypeScript blocks found in the README`;
    const project = path.join(dir, 'readme', `${compiler}-${name}`.replace(/\W+/g, '-'));
    const written = new Map<string, number>();
    const write = async (file: string, source: string, line: number): Promise<void> => {
      if (written.has(file)) throw new Error(`README lines ${written.get(file)} and ${line} both write ${file}`);
      written.set(file, line);
      await mkdir(path.dirname(path.join(project, file)), { recursive: true });
      await writeFile(path.join(project, file), source);
    };
    for (const block of blocks) {
      // Nest 12 is ESM-only: a CommonJS file may require() it (Node 20.19+) and TypeScript allows that under
      // nodenext, but node16 refuses to compile it (TS1479), as it would in any user's node16 CommonJS app.
      if (!esm && module === 'node16' && block.code.includes("from '@nestjs/")) continue;
      await write(block.file, sourceFor(block.code, block.assumes, { esm }), block.line);
      for (const assumed of block.assumedFiles) await write(assumed.file, sourceFor(assumed.source, '', { esm }), block.line);
    }
    await writeFile(path.join(project, 'package.json'), JSON.stringify({ private: true, type: esm ? 'module' : 'commonjs' }));
    await writeFile(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          target: 'ES2022',
          lib: ['ES2022'],
          module,
          moduleResolution,
          esModuleInterop: true,
          types: ['node', 'jest'],
          // For the NestJS app's decorators.
          experimentalDecorators: true,
          emitDecoratorMetadata: true,
        },
        include: ['**/*.ts'],
      }),
    );
    // tsc reports type errors on stdout: show them when it fails.
    return run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project }).then(
      () => '',
      (err: unknown) => (err as { stdout?: string }).stdout || String(err),
    );
  }

  // The ten runs are independent: started together, as many at a time as there are cores, each test awaiting its own.
  const outcomes = new Map<Run, Promise<string>>();
  beforeAll(() => {
    const next = limitedTo(availableParallelism());
    for (const r of runs)
      outcomes.set(
        r,
        next(() => typeCheck(r).catch((err: unknown) => String(err))),
      );
  });

  it.each(runs)(
    'type-check with $compiler, $name',
    async (r) => {
      expect(await outcomes.get(r)).toBe('');
    },
    // Every run may wait for the others: its own time and theirs.
    180_000,
  );
});
