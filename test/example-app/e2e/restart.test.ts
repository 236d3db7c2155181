import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { CHROMIUM, launchChromium, type HeadlessChromium } from '../helpers/chromium';
import { freePort } from '../helpers/redis-server';
import { describeIfInstalled } from '../helpers/requirements';
import { startServerChild, type ServerChild } from '../helpers/server-child';
import { SIGN_IN_MESSAGES } from '../../../example-app/views/home';
import { until } from '../../helpers/until';

const LISTENING = /example app: open (http:\/\/localhost:\d+)\/\n[^]*?built-in Worksection emulator at (http:\/\/127\.0\.0\.1:\d+)\n/;

describeIfInstalled(CHROMIUM, 'apt-get install chromium')('a restart of the app process (npm start, Ctrl-C, npm start)', () => {
  let browser: HeadlessChromium;
  let dir: string;
  let env: Record<string, string>;
  const children: ServerChild[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    // Unset if the set-up failed before assigning it.
    await (browser as HeadlessChromium | undefined)?.close();
  });
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ws-restart-'));
    env = { PORT: String(await freePort()), SESSION_DB: join(dir, 'sessions.sqlite') };
  });
  afterEach(async () => {
    for (const child of children.splice(0)) await child.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts the server process and resolves with the app's and the emulator's origins once it listens. */
  async function start(): Promise<{ child: ServerChild; app: string; emulator: string }> {
    const child = startServerChild(env);
    children.push(child);
    const [, app, emulator] = await child.waitFor(LISTENING);
    return { child, app: app!, emulator: emulator! };
  }

  async function signIn(page: Page, app: string, emulator: string): Promise<void> {
    await page.goto(`${app}/`);
    await page.getByRole('link', { name: 'Sign in with Worksection' }).click();
    await page.waitForURL(`${emulator}/**`);
    await page.getByRole('button', { name: 'Sign in as Henry Gardner' }).click();
    await page.getByRole('button', { name: 'Gardner & Co' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${app}/profile`);
  }

  test('a signed-in browser stays signed in: /profile, /projects and "Refresh tokens" work after the restart', async () => {
    const first = await start();
    const page = await browser.context.newPage();
    await signIn(page, first.app, first.emulator);
    await page.goto(`${first.app}/projects`);
    await expectProjects(page);

    expect(await first.child.stop('SIGINT')).toBe(0);
    const stateFile = `${env.SESSION_DB!}-emulator-state.json`;
    expect(statSync(stateFile).mode & 0o777).toBe(0o600);

    const second = await start();
    // The same port: the account URL in the session still leads to the account.
    expect(second.emulator).toBe(first.emulator);
    expect(second.child.stdout).not.toContain('is taken');
    await page.reload();
    await expectProjects(page);
    await page.goto(`${second.app}/profile`);
    await expectText(page.locator('h1'), 'Signed in as Henry Gardner');
    await page.getByRole('button', { name: 'Refresh tokens' }).click();
    await page.waitForURL(`${second.app}/profile?refresh=done`);
    await expectText(page.getByRole('status'), 'New tokens received from Worksection.');
    // And the rotated tokens survive the next restart too, even one that gives the process no time to save.
    await waitForRefreshTokens(stateFile, 2);
    await second.child.stop('SIGKILL');
    const third = await start();
    await page.goto(`${third.app}/projects`);
    await expectProjects(page);
    await page.close();
  }, 90_000);

  test("when the emulator's port is taken at the restart, it says so, and the browser is signed out with a message, then signs in again", async () => {
    const first = await start();
    const page = await browser.context.newPage();
    await signIn(page, first.app, first.emulator);
    expect(await first.child.stop('SIGINT')).toBe(0);

    const squatter: Server = createServer();
    await new Promise<void>((done) => squatter.listen(Number(new URL(first.emulator).port), '127.0.0.1', done));
    try {
      const second = await start();
      expect(second.emulator).not.toBe(first.emulator);
      expect(second.child.stdout).toMatch(new RegExp(`port ${new URL(first.emulator).port} is taken, so it listens on \\d+ now`));
      await page.goto(`${second.app}/profile`);
      await page.waitForURL(`${second.app}/?signin=expired`);
      await expectText(page.getByRole('status'), SIGN_IN_MESSAGES.expired);
      await signIn(page, second.app, second.emulator);
      await page.goto(`${second.app}/projects`);
      await expectProjects(page);
    } finally {
      await new Promise<void>((done) => squatter.close(() => done()));
    }
    await page.close();
  }, 90_000);
});

/**
 * Waits until the state file holds `count` refresh tokens (the sign-in's, rotated, and the new one): however long the
 * process takes to write it, within the test's timeout.
 */
async function waitForRefreshTokens(file: string, count: number): Promise<void> {
  await until(() => {
    const state = JSON.parse(readFileSync(file, 'utf8')) as { grants: { refreshTokens: unknown[] } };
    return state.grants.refreshTokens.length >= count;
  });
}

/** The projects page lists the demo account's projects (not the "unavailable" page, not a sign-in). */
async function expectProjects(page: Page): Promise<void> {
  await expectText(page.locator('h1'), 'Projects');
  expect(await page.locator('main').innerText()).toContain('Website relaunch');
}

async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.first().waitFor({ timeout: 10_000 });
  expect((await locator.first().innerText()).trim()).toBe(text);
}
