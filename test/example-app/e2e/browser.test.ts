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

  test('every page has the header (who is signed in, Projects, Profile, Sign out), the icon is answered, the profile names the account', async () => {
    const page = await browser.context.newPage();
    const icons: number[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/favicon.ico') icons.push(response.status());
    });
    await page.goto(`${running.url}/`);
    await expectText(page.locator('header nav'), 'Sign in');
    await page.getByRole('link', { name: 'Sign in with Worksection' }).click();
    await page.getByRole('button', { name: 'Sign in as Henry Gardner' }).click();
    await page.getByRole('button', { name: 'Gardner & Co' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${running.url}/profile`);
    const header = page.locator('header');
    for (const path of ['/profile', '/', '/projects', '/projects/101', '/tasks/1001', '/no-such-page']) {
      await page.goto(`${running.url}${path}`);
      expect(await header.locator('.who').innerText()).toBe('Signed in as Henry Gardner');
      expect(await header.getByRole('link', { name: 'Projects' }).getAttribute('href')).toBe('/projects');
      expect(await header.getByRole('link', { name: 'Profile' }).getAttribute('href')).toBe('/profile');
      await header.getByRole('button', { name: 'Sign out' }).waitFor();
    }
    await page.goto(`${running.url}/profile`);
    // The account as Worksection names it to an app: its address (no answer carries another name for it).
    expect(await page.locator('dd', { hasText: 'acc1234' }).innerText()).toContain(`${running.emulator.url}/acc1234`);
    // Every request for the icon was answered (Chromium asks for it once per origin, or not at all from its cache).
    expect(icons.every((status) => status === 200)).toBe(true);
    const icon = await page.request.get(`${running.url}/favicon.ico`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toMatch(/^image\/svg\+xml/);
    await header.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${running.url}/?signin=signed-out`);
    await expectText(page.locator('header nav'), 'Sign in');
    await page.close();
  });

  test("the emulator's consent page fits a 375 px wide phone screen without scrolling sideways", async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${running.url}/auth/worksection`);
    await page.getByRole('button', { name: 'Sign in as Henry Gardner' }).click();
    await page.getByRole('button', { name: 'Gardner & Co' }).click();
    await page.getByRole('button', { name: 'Allow' }).waitFor();
    const shot = join(tmpdir(), `ws-consent-375-${process.pid}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    rmSync(shot);
    // Strings: the tests compile without the DOM library.
    const scrollWidth = await page.evaluate<number>('document.scrollingElement.scrollWidth');
    const innerWidth = await page.evaluate<number>('innerWidth');
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
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
