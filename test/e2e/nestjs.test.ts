// The README's "NestJS" section, run: the app in test/e2e/nest/ (the README's code blocks, file for file) signs in
// against the emulator. It runs in a Node process of its own, as a Nest 12 app runs: see nest/register.cjs.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createEmulator, type Emulator } from 'worksection-emulator';

const NEST = path.join(__dirname, 'nest');
const ROOT = path.resolve(__dirname, '../..');
const CLIENT = { clientId: 'nest-app', clientSecret: 'nest-app-secret' };

type Agent = ReturnType<typeof request.agent>;

interface NestApp {
  url: string;
  /** Resolves with what the app has printed (Nest's log, errors included) once it matches `pattern`. */
  waitFor: (pattern: RegExp) => Promise<string>;
  close: () => Promise<void>;
}

/** Starts the app in `dir` on 127.0.0.1 port 0 against `emu`, and registers its callback URL with the emulator. */
async function startNestApp(emu: Emulator, dir = NEST): Promise<NestApp> {
  const child = spawn(process.execPath, ['-r', path.join(NEST, 'register.cjs'), path.join(dir, 'main.ts')], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      NO_COLOR: '1',
      // Resolves the packages of a copy of the app outside the repository.
      NODE_PATH: path.join(ROOT, 'node_modules'),
      WORKSECTION_CLIENT_ID: CLIENT.clientId,
      WORKSECTION_CLIENT_SECRET: CLIENT.clientSecret,
      // Relative: resolved against the request, whose port is known only once the app listens.
      WORKSECTION_CALLBACK_URL: '/auth/worksection/callback',
      WORKSECTION_BASE_URL: emu.url,
      SESSION_SECRET: 'nest-test-session-secret',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const waitFor = (pattern: RegExp): Promise<string> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (!pattern.test(output)) return;
        child.stdout.off('data', check);
        child.stderr.off('data', check);
        resolve(output);
      };
      // Registered after the listeners that collect the output, so each check sees the chunk it was called for.
      child.stdout.on('data', check);
      child.stderr.on('data', check);
      void exited.then(() => reject(new Error(`the Nest app exited before printing ${String(pattern)}:\n${output}`)));
      check();
    });
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const url = /Listening on (http:\/\/\S+)/.exec(await waitFor(/Listening on http:\/\/\S+\n/))![1]!;
  emu.addClient({ ...CLIENT, redirectUris: [`${url}/auth/worksection/callback`] });
  return {
    url,
    waitFor,
    close: async () => {
      child.kill();
      await exited;
    },
  };
}

/** Starts a sign-in and has the emulator approve it: the callback path and query the browser brings back. */
async function approvedCallback(agent: Agent): Promise<string> {
  const start = await agent.get('/auth/worksection').expect(302);
  const answer = await fetch(start.headers.location as string, { redirect: 'manual' });
  await answer.arrayBuffer();
  const back = new URL(answer.headers.get('location') ?? '');
  return back.pathname + back.search;
}

/** The ```ts blocks of a Markdown text whose first line is `// <file name>`, by file name. */
function namedBlocks(markdown: string): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const [, code] of markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)) {
    const name = /^\/\/ ([\w.-]+\.ts)\b/.exec(code!)?.[1];
    if (name !== undefined) blocks.set(name, code!);
  }
  return blocks;
}

let emu: Emulator;
beforeEach(async () => {
  emu = await createEmulator({ autoApprove: true });
});
afterEach(() => emu.close());

describe('the NestJS recipe', () => {
  let app: NestApp;
  beforeEach(async () => {
    app = await startNestApp(emu);
  }, 30_000);
  afterEach(() => app.close());

  it('signs in: validate receives params.account_url and the profile, and the user stays in the session', async () => {
    const agent = request.agent(app.url);
    await agent.get('/me').expect(200, { user: null });
    await agent
      .get(await approvedCallback(agent))
      .expect(302)
      .expect('location', '/');
    // Where the sign-in lands is a page of the app, not Nest's 404.
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('Signed in as Henry Gardner.');
    const me = await agent.get('/me').expect(200);
    expect(me.body).toEqual({ user: { accountUrl: emu.accountUrl('acc1234'), id: '3993', name: 'Henry Gardner' } });
    expect(emu.stats.requests.token).toBe(1);
  });

  it('sends a callback with a forged state to the login page, without a token request', async () => {
    const agent = request.agent(app.url);
    const path = await approvedCallback(agent);
    const forged = path.replace(/state=[^&]+/, 'state=forged');
    await agent.get(forged).expect(302).expect('location', '/login?signin=failed');
    expect((await agent.get('/login?signin=failed').expect(200)).text).toContain('Sign-in could not be completed');
    await agent.get('/me').expect(200, { user: null });
    expect(emu.stats.requests.token).toBe(0);
  });
});

describe('the NestJS recipe with a user who denies access', () => {
  let app: NestApp;
  beforeEach(async () => {
    app = await startNestApp(emu);
  }, 30_000);
  afterEach(() => app.close());

  it('lands on /login with the message, signed out', async () => {
    const agent = request.agent(app.url);
    // Deny's redirect (the emulator's, as league's accessDenied): error=access_denied with the sign-in's own state.
    const approved = new URL(await approvedCallback(agent), app.url);
    const denied = `${approved.pathname}?error=access_denied&error_description=The+resource+owner+or+authorization+server+denied+the+request.&state=${encodeURIComponent(approved.searchParams.get('state')!)}`;
    await agent.get(denied).expect(302).expect('location', '/login?signin=denied');
    const login = await agent.get('/login?signin=denied').expect(200);
    expect(login.text).toContain('You chose not to allow access in Worksection');
    expect(login.text).toContain('href="/auth/worksection"');
    await agent.get('/me').expect(200, { user: null });
    expect(emu.stats.requests.token).toBe(0);
  });
});

describe('the NestJS recipe without the arity argument', () => {
  let dir: string;
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('does not start: the strategy refuses a verify function that declares no parameters, naming the arity to pass', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pw-nest-'));
    await cp(NEST, dir, { recursive: true });
    const file = path.join(dir, 'worksection.strategy.ts');
    const source = await readFile(file, 'utf8');
    expect(source).toContain("PassportStrategy(Strategy, 'worksection', 5)");
    await writeFile(file, source.replace("PassportStrategy(Strategy, 'worksection', 5)", "PassportStrategy(Strategy, 'worksection')"));
    // Nest's callback then declares no parameters: read as any one form, the arguments would land in the wrong places.
    await expect(startNestApp(emu, dir)).rejects.toThrow(/declares no parameters[\s\S]*PassportStrategy\(Strategy, 'worksection', 5\)/);
  }, 30_000);
});

describe('the README', () => {
  it('shows the NestJS app file for file', async () => {
    const blocks = namedBlocks(await readFile(path.join(ROOT, 'README.md'), 'utf8'));
    const files = (await readdir(NEST)).filter((f) => f.endsWith('.ts')).sort();
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const file of files)
      expect({ file, shown: blocks.get(file) }).toEqual({ file, shown: await readFile(path.join(NEST, file), 'utf8') });
  });
});
