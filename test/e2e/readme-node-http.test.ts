// The README's plain `node:http` sample ("Without Passport"), run as pasted against the emulator: it reads its
// client, callback URL, base URL and port from the environment, as the README says to run it.
import http from 'node:http';
import ts from 'typescript';
import { createEmulator, type Emulator } from 'worksection-emulator';
import { readmeBlock } from '../helpers/readme-blocks';
import { freePort, signInThroughSample } from '../helpers/sample-sign-in';

const CLIENT = { clientId: 'readme-node-http', clientSecret: 'readme-node-http-secret' };
const ENV = ['WORKSECTION_CLIENT_ID', 'WORKSECTION_CLIENT_SECRET', 'WORKSECTION_CALLBACK_URL', 'WORKSECTION_BASE_URL', 'PORT'];

let emu: Emulator;
const servers: http.Server[] = [];

beforeEach(async () => {
  emu = await createEmulator({ autoApprove: true });
});
afterEach(async () => {
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- the variables the test set
  for (const name of ENV) delete process.env[name];
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  await emu.close();
});

/** Runs the sample in this process, with `require('node:http')` recording the server it starts; resolves to its URL. */
async function runSample(): Promise<string> {
  const port = await freePort();
  const appUrl = `http://localhost:${port}`;
  emu.addClient({ ...CLIENT, redirectUris: [`${appUrl}/auth/worksection/callback`] });
  Object.assign(process.env, {
    WORKSECTION_CLIENT_ID: CLIENT.clientId,
    WORKSECTION_CLIENT_SECRET: CLIENT.clientSecret,
    WORKSECTION_CALLBACK_URL: `${appUrl}/auth/worksection/callback`,
    WORKSECTION_BASE_URL: emu.url,
    PORT: String(port),
  });
  const recording = {
    ...http,
    createServer: (...args: Parameters<typeof http.createServer>) => {
      const server = http.createServer(...args);
      servers.push(server);
      return server;
    },
  };
  const { outputText } = ts.transpileModule(
    (await readmeBlock('Without Passport (Next.js, Fastify, plain Node)', 'http\n  .createServer')).code,
    {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    },
  );
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- jest's require maps the package name onto the sources
  const requireFor = (name: string): unknown => (name === 'node:http' ? { default: recording, ...recording } : (require(name) as unknown));
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the README's own code, run as a user runs it
  const runBlock = new Function('require', 'exports', outputText) as (load: typeof requireFor, exports: object) => void;
  runBlock(requireFor, {});
  const server = servers[0];
  if (server === undefined) throw new Error('the sample started no server');
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  return appUrl;
}

describe("the README's plain node:http sample", () => {
  it('signs a user in: the state cookie at the start, the profile id at the callback, the cookie cleared', async () => {
    const appUrl = await runSample();
    const { start, back, done } = await signInThroughSample(appUrl);
    expect(start.status).toBe(302);
    expect(back.startsWith(`${appUrl}/auth/worksection/callback?`)).toBe(true);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toMatch(/^\/\?user=\w+/);
    expect(done.headers.getSetCookie().some((line) => /Max-Age=0/.test(line))).toBe(true);
  });

  it('answers a forged callback with the status and the words for the user, and no sign-in', async () => {
    const appUrl = await runSample();
    const forged = await fetch(`${appUrl}/auth/worksection/callback?code=x&state=forged`, { redirect: 'manual' });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toMatch(/could not be verified/);
    expect(emu.stats.requests.token).toBe(0);
  });
});
