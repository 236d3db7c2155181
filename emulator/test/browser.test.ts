import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createEmulator, DEMO_CLIENT, type Emulator } from '../src';
import { authorizeUrl } from './helpers/oauth-flow';

// Debian's chromium, which .ci/run installs; the suite is skipped (and says so) where it is missing.
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const describeIfChromium = existsSync(CHROMIUM) ? describe : describe.skip;
if (!existsSync(CHROMIUM)) process.stderr.write(`test/emulator/browser.test.ts skipped: no ${CHROMIUM} (apt-get install chromium)\n`);

describeIfChromium('the authorization pages in headless Chromium', () => {
  let browser: Browser;
  let emu: Emulator;
  let page: Page;
  let callbacks: string[];

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  }, 60_000);
  // Unset if the set-up failed before assigning it.
  afterAll(() => (browser as Browser | undefined)?.close());

  beforeEach(async () => {
    emu = await createEmulator();
    page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    callbacks = [];
    // Nothing listens on the app's callback: record where the browser is sent and answer it here.
    await page.route(`${new URL(DEMO_CLIENT.redirectUris[1]!).origin}/**`, async (route) => {
      callbacks.push(route.request().url());
      await route.fulfill({ status: 200, contentType: 'text/plain', body: 'callback reached' });
    });
  });
  afterEach(async () => {
    await page.close();
    await emu.close();
  });

  it('signs in with one click, picks an account, allows, and lands on the callback with a code and the state', async () => {
    await page.goto(authorizeUrl(emu, { state: 'browser-state' }));
    await page.getByRole('button', { name: 'Sign in as Henry Gardner' }).click();
    await page.getByRole('button', { name: 'Northwind Studio' }).click();
    await page.getByText('See your projects').waitFor();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.getByText('callback reached').waitFor();
    const url = new URL(callbacks[0]!);
    expect(url.searchParams.get('code')).toMatch(/^def50200/);
    expect(url.searchParams.get('state')).toBe('browser-state');
  }, 45_000);

  it('signs in with email and password and denies', async () => {
    await page.goto(authorizeUrl(emu, { state: 's' }));
    await page.getByLabel('Email').fill('olivia.bennett@ws.com');
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.getByText('callback reached').waitFor();
    expect(new URL(callbacks[0]!).searchParams.get('error')).toBe('access_denied');
  }, 45_000);
  it('goes Back through the pages and from the callback with GETs only: no form is sent again, no resubmission prompt', async () => {
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(new URL(request.url()).pathname);
    });
    await page.goto(authorizeUrl(emu, { state: 'back' }));
    await page.getByRole('button', { name: 'Sign in as Henry Gardner' }).click();
    await page.getByRole('button', { name: 'Northwind Studio' }).click();
    await page.getByText('See your projects').waitFor();
    expect(posts).toEqual(['/oauth2/authorize/login', '/oauth2/authorize/account']);

    // Back from consent: the account picker again, fetched with a GET (a POST answered with a page would be re-sent
    // or refused with ERR_CACHE_MISS, Chromium's "Confirm Form Resubmission").
    const toPicker = await page.goBack();
    expect(toPicker?.request().method()).toBe('GET');
    await page.getByRole('button', { name: 'Northwind Studio' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.getByText('callback reached').waitFor();
    expect(new URL(callbacks[0]!).searchParams.get('state')).toBe('back');

    // Back from the app: the consent page's GET, which now says the sign-in is over.
    const toConsent = await page.goBack();
    expect(toConsent?.request().method()).toBe('GET');
    await page.getByText('This sign-in has finished or expired').waitFor();
    expect(posts).toEqual([
      '/oauth2/authorize/login',
      '/oauth2/authorize/account',
      '/oauth2/authorize/account',
      '/oauth2/authorize/decision',
    ]);
  }, 45_000);

  it('Cancel on the sign-in page lands on the callback with access_denied and the state', async () => {
    await page.goto(authorizeUrl(emu, { state: 'never mind' }));
    await page.getByText("The demo users' password is demo.").waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('callback reached').waitFor();
    const url = new URL(callbacks[0]!);
    expect(url.searchParams.get('error')).toBe('access_denied');
    expect(url.searchParams.get('state')).toBe('never mind');
    expect(url.searchParams.get('code')).toBeNull();
  }, 45_000);
});
