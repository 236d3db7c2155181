import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startExample, type RunningExample } from '../helpers/example-server';
import { CHROMIUM, launchChromium, type HeadlessChromium } from '../helpers/chromium';
import { describeIfInstalled } from '../helpers/requirements';
import { SIGN_IN_MESSAGES } from '../../../example-app/views/home';

// The README's screenshot is rewritten only on request, so a test run leaves the work tree clean.
const SCREENSHOT =
  process.env.WS_UPDATE_SCREENSHOT === '1'
    ? join(__dirname, '..', '..', '..', 'docs', 'profile.png')
    : join(tmpdir(), `ws-example-profile-${process.pid}.png`);

describeIfInstalled(CHROMIUM, 'apt-get install chromium')('in a real browser (headless Chromium)', () => {
  let running: RunningExample;
  let browser: HeadlessChromium;

  beforeAll(async () => {
    // The interactive emulator (no autoApprove), reached on localhost as after `npm start`.
    [running, browser] = await Promise.all([
      startExample({ host: 'localhost', emulatorOptions: { autoApprove: false } }),
      launchChromium(),
    ]);
  }, 60_000);

  afterAll(async () => {
    // Unset if the set-up failed before assigning them.
    await (browser as HeadlessChromium | undefined)?.close();
    await (running as RunningExample | undefined)?.close();
  });

  test('Sign in with Worksection, pick a demo user and an account, Allow: /profile shows the user; refresh; Sign out', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${running.url}/`);
    await page.getByRole('link', { name: 'Sign in with Worksection' }).click();
    await page.waitForURL(`${running.emulator.url}/**`);
    await page.getByRole('button', { name: 'Sign in as Henry Gardner' }).click();
    await page.getByRole('button', { name: 'Gardner & Co' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${running.url}/profile`);
    await expectText(page.locator('h1'), 'Signed in as Henry Gardner');
    const body = await page.locator('main').innerText();
    expect(body).toContain('henry.gardner@ws.com');
    expect(body).toContain(`${running.emulator.url}/acc1234`);
    expect(body).toContain('projects_read');
    // Styled under the CSP (style-src 'self', no 'unsafe-inline'): the stylesheet loaded and applied.
    // A string: the tests compile without the DOM library.
    const headerBackground = await page.evaluate<string>("getComputedStyle(document.querySelector('header')).backgroundColor");
    expect(headerBackground).toBe('rgb(29, 39, 51)');
    await page.screenshot({ path: SCREENSHOT });
    if (!SCREENSHOT.includes('docs')) rmSync(SCREENSHOT);

    await page.getByRole('button', { name: 'Refresh tokens' }).click();
    await page.waitForURL(`${running.url}/profile?refresh=done`);
    await expectText(page.getByRole('status'), 'New tokens received from Worksection.');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${running.url}/?signin=signed-out`);
    await expectText(page.getByRole('status'), SIGN_IN_MESSAGES['signed-out']);
    await page.goto(`${running.url}/profile`);
    // Signed out: /profile sends the browser back to Worksection's sign-in page.
    await page.waitForURL(`${running.emulator.url}/**`);
    await page.close();
  });

  test('Deny in Worksection lands back on / with a clear message', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${running.url}/`);
    await page.getByRole('link', { name: 'Sign in with Worksection' }).click();
    await page.getByRole('button', { name: 'Sign in as Olivia Bennett' }).click();
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.waitForURL(`${running.url}/?signin=denied`);
    await expectText(page.getByRole('status'), SIGN_IN_MESSAGES.denied);
    await page.close();
  });
});

async function expectText(locator: import('playwright-core').Locator, text: string): Promise<void> {
  await locator.waitFor({ timeout: 10_000 });
  expect((await locator.innerText()).trim()).toBe(text);
}
