// The README's Next.js App Router sample, as a user gets it: the packed tarball installed beside Next.js, the README's
// lib/worksection.ts and its two route handlers written as pasted, `next build` run without any WORKSECTION_* variable
// (as a CI build has none), then `next start` signing a user in against the emulator.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createEmulator, type Emulator } from 'worksection-emulator';
import { installConsumer, installedVersion } from '../helpers/consumer-app';
import { readmeBlock } from '../helpers/readme-blocks';
import { freePort, signInThroughSample } from '../helpers/sample-sign-in';
import { until } from '../helpers/until';

const run = promisify(execFile);
const root = path.join(__dirname, '..', '..');
const SECTION = 'Without Passport (Next.js, Fastify, plain Node)';
const CLIENT = { clientId: 'readme-nextjs', clientSecret: 'readme-nextjs-secret' };

// The versions the README's sample is tested with (Next.js 16, App Router): not dependencies of this repository,
// whose own install stays without Next.js (over 300 MB); installed into the consumer app only.
const NEXT_DEPS = ['next@16.5.0', 'react@19.3.1', 'react-dom@19.3.1', '@types/react@19'];

// `lib/session.ts` is the user's own in the README (a signed cookie, a JWT, a database row): here, a cookie naming
// the user, enough to see who signed in.
const SESSION_MODULE = `export async function createSessionFor(user: { accountUrl?: string; id: string; refreshToken: string }): Promise<string> {
  return \`session=\${encodeURIComponent(\`\${user.accountUrl ?? ''}|\${user.id}\`)}; Path=/; HttpOnly\`;
}
`;

/** The environment without any WORKSECTION_* variable: what `next build` sees on a build machine. */
function envWithoutWorksection(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- the variables the build must run without
  for (const name of Object.keys(env)) if (name.startsWith('WORKSECTION_')) delete env[name];
  return env;
}

let dir: string;
let emu: Emulator | undefined;
let server: ChildProcess | undefined;
let built: { stdout: string; stderr: string };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pw-nextjs-'));
  // `npm run test:slow` has just built dist/; --ignore-scripts skips the prepack build a publish would run.
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: root });
  const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;
  const typescript = `typescript@${await installedVersion('typescript')}`;
  const types = `@types/node@${await installedVersion('@types/node')}`;
  await installConsumer(dir, 'nextjs-consumer', [path.join(dir, packed!.filename), ...NEXT_DEPS, typescript, types]);
  for (const file of ['lib/worksection.ts', 'app/auth/worksection/route.ts', 'app/auth/worksection/callback/route.ts']) {
    const block = await readmeBlock(SECTION, `// ${file}`);
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), block.code);
  }
  await writeFile(path.join(dir, 'lib', 'session.ts'), SESSION_MODULE);
  built = await run(process.execPath, [path.join(dir, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    cwd: dir,
    env: envWithoutWorksection(),
  });
}, 300_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  await emu?.close();
  await rm(dir, { recursive: true, force: true });
});

/** `next start` on `port` with the emulator's client in the environment; resolves once it answers. */
async function startNext(port: number): Promise<{ appUrl: string; emu: Emulator }> {
  const appUrl = `http://127.0.0.1:${port}`;
  const emulator = await createEmulator({ autoApprove: true });
  emu = emulator;
  emulator.addClient({ ...CLIENT, redirectUris: [`${appUrl}/auth/worksection/callback`] });
  server = spawn(
    process.execPath,
    [path.join(dir, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-H', '127.0.0.1', '-p', String(port)],
    {
      cwd: dir,
      env: {
        ...envWithoutWorksection(),
        WORKSECTION_CLIENT_ID: CLIENT.clientId,
        WORKSECTION_CLIENT_SECRET: CLIENT.clientSecret,
        WORKSECTION_CALLBACK_URL: `${appUrl}/auth/worksection/callback`,
        WORKSECTION_BASE_URL: emulator.url,
      },
      stdio: 'ignore',
    },
  );
  await until(async () => {
    if (server?.exitCode !== null) throw new Error(`next start exited with ${String(server?.exitCode)}`);
    return fetch(`${appUrl}/auth/worksection`, { redirect: 'manual' }).then(
      () => true,
      () => false,
    );
  });
  return { appUrl, emu: emulator };
}

describe("the README's Next.js App Router sample", () => {
  it('builds with next build when no WORKSECTION_* variable is set (the core is built on first use)', () => {
    expect(built.stdout).toMatch(/\/auth\/worksection\/callback/);
    expect(`${built.stdout}${built.stderr}`).not.toMatch(/clientID option is required/);
  });

  it('signs a user in against the emulator under next start, and sends a forged callback to /login with the words for the user', async () => {
    const { appUrl, emu } = await startNext(await freePort());
    const { start, back, done } = await signInThroughSample(appUrl);
    expect(start.status).toBe(302);
    expect(start.headers.get('cache-control')).toBe('no-store');
    expect(back.startsWith(`${appUrl}/auth/worksection/callback?`)).toBe(true);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/');
    const setCookies = done.headers.getSetCookie();
    expect(setCookies.some((line) => /Max-Age=0/.test(line))).toBe(true);
    expect(setCookies.some((line) => line.startsWith(`session=${encodeURIComponent(`${emu.url}/`)}`))).toBe(true);

    const forged = await fetch(`${appUrl}/auth/worksection/callback?code=x&state=forged`, { redirect: 'manual' });
    expect(forged.status).toBe(303);
    expect(decodeURIComponent(forged.headers.get('location') ?? '')).toMatch(/\/login\?error=.*could not be verified/);
    expect(emu.stats.requests.token).toBe(1);
  });
});
