// The README's "Usage with Express" and "Calling the API" blocks, run as pasted on Express 4 and 5: the tokens the
// verify function keeps at sign-in are read back by the next request, which calls the account API with them.
// Passport 0.7 regenerates the session at req.login(): without keepSessionInfo they would be lost.
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import request from 'supertest';
import ts from 'typescript';
import { createEmulator, type Emulator } from 'worksection-emulator';
import { readmeBlock, type ReadmeBlock } from '../helpers/readme-blocks';

const CLIENT = { clientId: 'readme-express', clientSecret: 'readme-express-secret' };

interface User {
  id: string;
  accountUrl?: string;
  name: string;
}

/**
 * Runs a block as CommonJS with `globals` for what its `ts-assumes` declare; `express` is the major given. Resolves
 * to the values of `names` at the block's end.
 */
function run(block: ReadmeBlock, expressModule: string, globals: Record<string, unknown>, names: string[]): Record<string, unknown> {
  const { outputText } = ts.transpileModule(`${block.code}\n;__result({ ${names.join(', ')} });\n`, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  // The jest require (which maps the package names onto the sources), with `express` as the major under test.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const requireFor = (name: string): unknown => require(name === 'express' ? expressModule : name) as unknown;
  let result: Record<string, unknown> = {};
  const keys = Object.keys(globals);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the README's own code, run as a user runs it
  const fn = new Function('require', 'exports', '__result', ...keys, outputText) as (...args: unknown[]) => void;
  fn(requireFor, {}, (r: Record<string, unknown>) => (result = r), ...keys.map((k) => globals[k]));
  return result;
}

let emu: Emulator;
beforeEach(async () => {
  emu = await createEmulator({ autoApprove: true });
  process.env.WORKSECTION_CLIENT_ID = CLIENT.clientId;
  process.env.WORKSECTION_CLIENT_SECRET = CLIENT.clientSecret;
  process.env.WORKSECTION_CALLBACK_URL = '/auth/worksection/callback';
  process.env.WORKSECTION_BASE_URL = emu.url;
  process.env.SESSION_SECRET = 'readme-express-session-secret';
});
afterEach(async () => {
  for (const name of [
    'WORKSECTION_CLIENT_ID',
    'WORKSECTION_CLIENT_SECRET',
    'WORKSECTION_CALLBACK_URL',
    'WORKSECTION_BASE_URL',
    'SESSION_SECRET',
  ])
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- the variables set above
    delete process.env[name];
  await emu.close();
});

describe.each([
  ['Express 4', 'express4'],
  ['Express 5', 'express'],
])("the README's Express app on %s", (_label, expressModule) => {
  it('keeps the tokens stored at sign-in, and the next request calls the account API with them', async () => {
    const usage = await readmeBlock('Usage with Express', "app.get('/auth/worksection/callback'");
    const projects = await readmeBlock('Calling the API', "app.get('/projects'");
    const users = new Map<string, User>();
    const User = {
      findOrCreate(keys: { accountUrl?: string; worksectionId: string }, done: (err: unknown, user?: User) => void): void {
        const user = { id: `${keys.accountUrl ?? ''}#${keys.worksectionId}`, accountUrl: keys.accountUrl, name: keys.worksectionId };
        users.set(user.id, user);
        done(null, user);
      },
      findById(id: string, done: (err: unknown, user?: User) => void): void {
        done(null, users.get(id));
      },
    };
    let app!: Express;
    jest.isolateModules(() => {
      const signIn = run(usage, expressModule, { User }, ['app', 'passport']);
      app = signIn.app as Express;
      // The strategy the Usage block registered: the one the "Calling the API" block refreshes through.
      const strategy = (signIn.passport as { _strategy(name: string): unknown })._strategy('worksection');
      run(projects, expressModule, { app, strategy }, []);
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      emu.addClient({ ...CLIENT, redirectUris: [`${url}/auth/worksection/callback`] });
      const agent = request.agent(url);
      const start = await agent.get('/auth/worksection').expect(302);
      const answer = await fetch(start.headers.location as string, { redirect: 'manual' });
      await answer.arrayBuffer();
      const back = new URL(answer.headers.get('location') ?? '');
      await agent
        .get(back.pathname + back.search)
        .expect(302)
        .expect('location', '/');
      const page = await agent.get('/projects').expect(200);
      expect(page.body).toMatchObject({ me: { id: '3993' } });
      expect((page.body as { projects: unknown[] }).projects.length).toBeGreaterThan(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("the README's Next.js lib/worksection.ts", () => {
  it('loads without the environment (as next build imports it), and builds the core on first use from it', async () => {
    const block = await readmeBlock('Without Passport (Next.js, Fastify, plain Node)', '// lib/worksection.ts');
    const env = { ...process.env };
    for (const name of ['WORKSECTION_CLIENT_ID', 'WORKSECTION_CLIENT_SECRET', 'WORKSECTION_CALLBACK_URL', 'WORKSECTION_BASE_URL'])
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- what next build runs without
      delete process.env[name];
    let worksection!: () => { startSignIn(): { url: string } };
    try {
      jest.isolateModules(() => {
        worksection = run(block, 'express', {}, ['worksection']).worksection as typeof worksection;
      });
      expect(() => worksection()).toThrow(/clientID/);
    } finally {
      Object.assign(process.env, env);
    }
    process.env.WORKSECTION_CALLBACK_URL = 'http://localhost:3000/auth/worksection/callback';
    expect(worksection().startSignIn().url.startsWith(`${emu.url}/oauth2/authorize?`)).toBe(true);
  });
});
