import { startExample, type RunningExample } from './helpers/example-server';
import { Browser, signIn } from './helpers/http-client';

let running: RunningExample | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('a page whose browser went away', () => {
  test("makes no call to Worksection for it: its call waiting for the account's turn leaves the queue", async () => {
    running = await startExample({ app: { apiMinInterval: 1000 } });
    const browser = new Browser(running.url);
    await signIn(browser);
    running.emulator.stats.reset();
    const cookie = browser.jar.header()!;
    let received = 0;
    running.server.on('request', () => received++);
    const first = fetch(`${running.url}/projects`, { headers: { cookie } });
    await until(() => running!.emulator.stats.requests.api === 1);
    // The second page's call waits its turn (a second after the first): the browser gives up meanwhile. Pages of
    // their own, so that none is answered from the app's read cache.
    const controller = new AbortController();
    const abandoned = fetch(`${running.url}/projects/101`, { headers: { cookie }, signal: controller.signal });
    await until(() => received === 2);
    controller.abort();
    await abandoned.catch(() => undefined);
    expect((await first).status).toBe(200);
    // A third page, queued behind where the abandoned call was: by its answer, that call would have been sent.
    expect((await fetch(`${running.url}/projects/102`, { headers: { cookie } })).status).toBe(200);
    expect(running.emulator.stats.requests.api).toBe(2);
    expect(running.logs.filter((line) => /abort|went away/i.test(line))).toEqual([]);
  }, 20_000);
});
