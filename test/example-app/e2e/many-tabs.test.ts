import type { Page } from 'playwright-core';
import { startExample, type RunningExample } from '../helpers/example-server';
import { CHROMIUM, launchChromium, type HeadlessChromium } from '../helpers/chromium';
import { describeIfInstalled } from '../helpers/requirements';

// Sign-ins started in several tabs of one browser, completed in any order: each tab's callback must find its own
// state cookie and leave the others' in place, and a forged callback link opened in between must cancel none.

describeIfInstalled(CHROMIUM, 'apt-get install chromium')('sign-ins from many tabs of one browser (headless Chromium)', () => {
  let running: RunningExample;
  let browser: HeadlessChromium;

  beforeAll(async () => {
    // The interactive emulator: each tab waits on its consent page until the test clicks Allow, in the order it picks.
    [running, browser] = await Promise.all([
      startExample({ host: 'localhost', emulatorOptions: { autoApprove: false } }),
      launchChromium(),
    ]);
  }, 60_000);

  afterAll(async () => {
    await (browser as HeadlessChromium | undefined)?.close();
    await (running as RunningExample | undefined)?.close();
  });

  /** Opens a tab that starts a sign-in and stops on Worksection's consent page. */
  async function startInNewTab(): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(`${running.url}/auth/worksection`);
    await page.getByRole('button', { name: 'Sign in as Henry Gardner' }).click();
    await page.getByRole('button', { name: 'Gardner & Co' }).click();
    await page.getByRole('button', { name: 'Allow' }).waitFor();
    return page;
  }

  /** Allows the sign-in waiting in `page`: the callback must sign the user in and land on /profile. */
  async function allow(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Allow' }).click();
    // Back at the app, wherever the callback sent the tab: a lost state lands on /?signin=failed, said at once.
    await page.waitForURL((url) => url.origin === running.url && url.pathname !== '/auth/worksection/callback');
    expect(page.url()).toBe(`${running.url}/profile`);
    await page.close();
  }

  /** Opens a forged callback link, as an attacker's page would: it fails, and must cancel nothing. */
  async function openForgedCallback(): Promise<void> {
    const page = await browser.context.newPage();
    await page.goto(`${running.url}/auth/worksection/callback?code=forged-code&state=forged-state`);
    await page.waitForURL(`${running.url}/?signin=failed`);
    await page.close();
  }

  it.each([
    ['the first tab first', [0, 1]],
    ['the second tab first', [1, 0]],
  ] as const)(
    'two tabs both sign in, with a forged callback between them: %s',
    async (_order, order) => {
      const tabs = [await startInNewTab(), await startInNewTab()];
      await allow(tabs[order[0]] as Page);
      await openForgedCallback();
      await allow(tabs[order[1]] as Page);
    },
    60_000,
  );

  it('ten tabs all sign in, completed in a shuffled order, with forged callbacks between them', async () => {
    const tabs: Page[] = [];
    for (let i = 0; i < 10; i++) tabs.push(await startInNewTab());
    // A fixed shuffle: the same order on every run, neither the starting order nor its reverse.
    for (const [step, i] of [3, 9, 0, 6, 1, 8, 5, 2, 7, 4].entries()) {
      if (step % 3 === 1) await openForgedCallback();
      await allow(tabs[i] as Page);
    }
  }, 120_000);
});
