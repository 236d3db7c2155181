// The README's blocks of the client entry, run as pasted: the webhook receiver of "Webhooks" in an Express app that
// the emulator delivers to, and "Trying it against the emulator" of "The admin API".
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import ts from 'typescript';
import type { Emulator } from 'worksection-emulator';
import { SCOPES } from '../../src';
import { clientOf, signIn, startEmulator } from '../helpers/client-setup';
import { readmeBlock } from '../helpers/readme-blocks';

/** Runs a block's code as an async CommonJS function body, with `globals` for what its `ts-assumes` declare. */
async function runBlock(code: string, globals: Record<string, unknown>): Promise<void> {
  const { outputText } = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- jest's require maps the package names onto the sources
  const requireFor = (name: string): unknown => require(name) as unknown;
  const keys = Object.keys(globals);
  // A block may await at its top level, as an ES module does: run it as the body of an async function.
  type AsyncBody = new (...args: string[]) => (...args: unknown[]) => Promise<void>;
  const AsyncFunction = (Object.getPrototypeOf(runBlock) as { constructor: AsyncBody }).constructor;
  await new AsyncFunction('require', 'exports', ...keys, outputText)(requireFor, {}, ...keys.map((key) => globals[key]));
}

let emu: Emulator | undefined;
let server: http.Server | undefined;
afterEach(async () => {
  delete process.env.WEBHOOK_PASS;
  if (server) await new Promise((resolve) => server?.close(resolve));
  await emu?.close();
  server = undefined;
  emu = undefined;
});

describe("the README's webhook receiver", () => {
  it('hands a comment posted in the account to notifyTaskPage, behind the Basic pair given to add_webhook', async () => {
    emu = await startEmulator();
    process.env.WEBHOOK_PASS = 'readme-hook-pass';
    const app = express();
    const notified: Array<[string | undefined, unknown]> = [];
    const notifyTaskPage = (page: string | undefined, text: unknown): Promise<void> => {
      notified.push([page, text]);
      return Promise.resolve();
    };
    await runBlock((await readmeBlock('Webhooks', 'webhookMiddleware({')).code, { app, notifyTaskPage });
    server = http.createServer(app);
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/worksection/webhook`;

    const { client } = clientOf(await signIn(emu, { scope: SCOPES.join(',') }));
    await client.webhooks.add({ url, events: ['post_comment'], http_user: 'worksection', http_pass: 'readme-hook-pass' });
    await client.comments.post({ id_task: '1001', text: 'Seen by the hook' });
    await emu.deliveriesSettled();
    expect(notified).toEqual([[expect.stringContaining('/1001/') as unknown, 'Seen by the hook']]);
    expect(emu.deliveries().every((d) => d.outcome === 'ok')).toBe(true);
  });
});

describe("the README's admin client against the emulator", () => {
  it('lists the demo account’s timers with the account’s key', async () => {
    const logged: unknown[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logged.push(args[0]));
    try {
      await runBlock((await readmeBlock('Calling the API', "apiKey: emu.adminApiKey('acc1234')")).code, {});
    } finally {
      log.mockRestore();
    }
    expect(logged).toEqual([expect.arrayContaining([expect.objectContaining({ time: expect.any(String) as unknown })])]);
  });
});
