import { startExample, type RunningExample } from '../helpers/example-server';
import { CHROMIUM, launchChromium, type HeadlessChromium } from '../helpers/chromium';
import { describeIfInstalled } from '../helpers/requirements';
import { registerDevWebhooks } from '../../../example-app/dev-webhooks';

const CREDENTIALS = { user: 'worksection', pass: 'live-comments-test-pass' };

describeIfInstalled(CHROMIUM, 'apt-get install chromium')('a task page that updates itself (headless Chromium)', () => {
  let running: RunningExample;
  let writer: HeadlessChromium;
  let reader: HeadlessChromium;

  beforeAll(async () => {
    // Two browsers with profiles of their own: two signed-in sessions of Henry Gardner (autoApprove), account acc1234.
    [running, writer, reader] = await Promise.all([startExample({ app: { webhooks: CREDENTIALS } }), launchChromium(), launchChromium()]);
    const { webhooks } = running.example;
    registerDevWebhooks(running.emulator, running.url, (accountUrl) => webhooks!.register(accountUrl), CREDENTIALS);
  }, 60_000);

  afterAll(async () => {
    await (writer as HeadlessChromium | undefined)?.close();
    await (reader as HeadlessChromium | undefined)?.close();
    await (running as RunningExample | undefined)?.close();
  });

  test('a comment posted in one browser shows up on the same task page in the other, without a reload', async () => {
    const task = `${running.url}/tasks/1001`;
    const [writing, reading] = await Promise.all([writer.context.newPage(), reader.context.newPage()]);
    for (const page of [writing, reading]) {
      await page.goto(`${running.url}/auth/worksection?returnTo=${encodeURIComponent('/tasks/1001')}`);
      await page.waitForURL(task);
    }
    let reloaded = false;
    reading.on('framenavigated', (frame) => {
      if (frame === reading.mainFrame()) reloaded = true;
    });

    const text = `Seen live <b>${Date.now()}</b>`;
    await writing.getByLabel('Comment').fill(text);
    await writing.getByRole('button', { name: 'Post comment' }).click();
    await writing.waitForURL(`${task}?done=comment`);

    // Delivered by the emulator to the app's receiver, polled by the page's script, added as text.
    await reading.locator('ol.comments li p', { hasText: text }).waitFor({ timeout: 20_000 });
    expect(reloaded).toBe(false);
    expect(await reading.locator('ol.comments b').count()).toBe(0);
    await running.emulator.deliveriesSettled();
    expect(
      running.emulator
        .deliveries()
        .filter((d) => d.event === 'post_comment')
        .map((d) => d.outcome),
    ).toEqual(['ok']);
  }, 60_000);
});
