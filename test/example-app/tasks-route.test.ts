import type { Hop } from './helpers/http-client';
import { Browser, signIn } from './helpers/http-client';
import { startExample, type RunningExample } from './helpers/example-server';

let running: RunningExample | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** The example app (spacing of calls off, so the test does not wait out Worksection's rate limit) and a browser signed in to it. */
async function signedIn(scope?: string[]): Promise<Browser> {
  running = await startExample({ app: { apiMinInterval: 0, ...(scope && { scope }) } });
  const browser = new Browser(running.url);
  await signIn(browser);
  return browser;
}

const csrfOf = (page: Hop): string => page.body.match(/name="_csrf" value="([^"]+)"/)![1]!;
const sameOrigin = { 'sec-fetch-site': 'same-origin' };

describe('the pages below /projects', () => {
  it('link each project to its tasks, and each task to its page with its description and comments', async () => {
    const browser = await signedIn();
    const projects = await browser.get('/projects');
    expect(projects.body).toContain('href="/projects/101"');
    const tasks = await browser.get('/projects/101');
    expect(tasks.status).toBe(200);
    expect(tasks.headers.get('cache-control')).toBe('no-store');
    expect(tasks.body).toContain('<h1>Website relaunch</h1>');
    expect(tasks.body).toContain('<a href="/tasks/1002">Content migration</a>');
    const task = await browser.get('/tasks/1001');
    expect(task.status).toBe(200);
    expect(task.body).toContain('<h1>Wireframes</h1>');
    expect(task.body).toContain('Home and pricing pages.');
    expect(task.body).toContain('First drafts are in Figma.');
    expect(task.body).toContain('Looks good, approved.');
    expect(task.body).toContain('href="/projects/101"');
  });

  it('show a task with its latest comments (get_task with extra=comments) and its time entries (get_costs): two calls, then none on a reload', async () => {
    const browser = await signedIn();
    const api = () => running!.emulator.stats.requests.api;
    const before = api();
    const task = await browser.get('/tasks/1001');
    expect(task.status).toBe(200);
    expect(task.body).toContain('Looks good, approved.');
    expect(task.body).toContain('<h2>Time</h2>');
    expect(api() - before).toBe(2);
    // The task's `page` on the user's account: the whole thread, files and time, in Worksection itself.
    expect(task.body).toContain(`href="${running!.emulator.accountUrl('acc1234')}/project/101/1001/"`);
    expect(task.body).toContain('Open in Worksection');
    // Reloaded: both answers come from the app's cache, and Worksection is not asked at all.
    const reloaded = await browser.get('/tasks/1001');
    expect(reloaded.body).toContain('Looks good, approved.');
    expect(api() - before).toBe(2);
  });

  it("answer /projects and a project's tasks from the cache on a second visit, and call again once the account is invalidated", async () => {
    const browser = await signedIn();
    const api = () => running!.emulator.stats.requests.api;
    await browser.get('/projects');
    await browser.get('/projects/101');
    const before = api();
    expect((await browser.get('/projects')).body).toContain('href="/projects/101"');
    expect((await browser.get('/projects/101')).body).toContain('<h1>Website relaunch</h1>');
    expect(api()).toBe(before);
    // What a webhook for the account does: every read of the account is asked for again.
    running!.example.reads.invalidate(running!.emulator.accountUrl('acc1234'));
    await browser.get('/projects');
    expect(api()).toBe(before + 1);
  });

  it('read the task again after a comment is posted, and its time again after time is logged, and nothing else', async () => {
    const browser = await signedIn();
    const api = () => running!.emulator.stats.requests.api;
    const token = csrfOf(await browser.get('/tasks/1002'));
    let before = api();
    await browser.post('/tasks/1002/comments', { _csrf: token, text: 'Cached no more' }, sameOrigin);
    const afterComment = await browser.get('/tasks/1002?done=comment');
    expect(afterComment.body).toContain('Cached no more');
    // post_comment, then get_task again; the time entries still from the cache.
    expect(api() - before).toBe(2);
    before = api();
    await browser.post('/tasks/1002/costs', { _csrf: token, time: '0:45', comment: 'Cache check' }, sameOrigin);
    const afterTime = await browser.get('/tasks/1002?done=time');
    expect(afterTime.body).toContain('Cache check');
    expect(afterTime.body).toContain('0:45');
    // add_costs, then get_costs again; the task still from the cache.
    expect(api() - before).toBe(2);
  });

  it('show the task without its time entries, and a way to allow them, when the grant lacks costs_read', async () => {
    const browser = await signedIn(['projects_read', 'tasks_read', 'comments_read']);
    const page = await browser.get('/tasks/1001');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Looks good, approved.');
    expect(page.body).toContain('allow this app to read time');
  });

  it('post a comment through post_comment and show it after the redirect, with a success notice', async () => {
    const browser = await signedIn();
    const page = await browser.get('/tasks/1002');
    const posted = await browser.post(
      '/tasks/1002/comments',
      { _csrf: csrfOf(page), text: 'Redirects <b>done</b>\r\nNext: images' },
      sameOrigin,
    );
    expect(posted.status).toBe(303);
    expect(posted.location).toBe('/tasks/1002?done=comment');
    const after = await browser.get(posted.location!);
    expect(after.body).toContain('Redirects &#60;b&#62;done&#60;/b&#62;\nNext: images');
    expect(after.body).toMatch(/class="notice ok"[^>]*>Your comment was posted\./);
    const stored = running!.emulator.accountStores.get('acc1234').state.comments.filter((c) => c.taskId === '1002');
    expect(stored.map((c) => c.text)).toContain('Redirects <b>done</b>\nNext: images');
  });

  it('log time through add_costs, as hours and minutes or as decimal hours, and refuse anything else before calling Worksection', async () => {
    const browser = await signedIn();
    const token = csrfOf(await browser.get('/tasks/1002'));
    const costs = () => running!.emulator.accountStores.get('acc1234').state.costs.filter((c) => c.taskId === '1002');
    const before = costs().length;
    const logged = await browser.post('/tasks/1002/costs', { _csrf: token, time: '1:30', comment: 'Redirect map' }, sameOrigin);
    expect(logged.location).toBe('/tasks/1002?done=time');
    expect(costs()).toHaveLength(before + 1);
    expect(costs().at(-1)).toMatchObject({ minutes: 90, comment: 'Redirect map' });
    expect((await browser.post('/tasks/1002/costs', { _csrf: token, time: '0,75' }, sameOrigin)).location).toBe('/tasks/1002?done=time');
    expect(costs().at(-1)).toMatchObject({ minutes: 45 });
    for (const time of ['1:75', 'soon', '', '1e9', '1:30; drop', '99999']) {
      const refused = await browser.post('/tasks/1002/costs', { _csrf: token, time }, sameOrigin);
      expect(refused.location).toBe('/tasks/1002?done=time-invalid');
    }
    expect(costs()).toHaveLength(before + 2);
    expect((await browser.get('/tasks/1002?done=time-invalid')).body).toMatch(/class="notice"[^>]*>Give the time as hours/);
  });

  it('offer no time form on a closed task, which Worksection would refuse, and keep the comment form it takes', async () => {
    const browser = await signedIn();
    const task = running!.emulator.accountStores.get('acc1234').state.tasks.find((t) => t.id === '1001')!;
    task.status = 'done';
    const page = await browser.get('/tasks/1001');
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('action="/tasks/1001/costs"');
    expect(page.body).toContain('action="/tasks/1001/comments"');
    expect(page.body).toContain('This task is closed');
  });

  it("show Worksection's own words, a 4xx and a way back to the task when it refuses a form (time on a closed task)", async () => {
    const browser = await signedIn();
    const token = csrfOf(await browser.get('/tasks/1001'));
    // The task is closed meanwhile (in another tab, by a colleague): the form was on the page, Worksection says no.
    running!.emulator.accountStores.get('acc1234').state.tasks.find((t) => t.id === '1001')!.status = 'done';
    const refused = await browser.post('/tasks/1001/costs', { _csrf: token, time: '1:00' }, sameOrigin);
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('Task is closed');
    expect(refused.body).toContain('href="/tasks/1001"');
    expect(refused.body).not.toContain('did not answer properly');
  });

  it('refuse a form posted from another site, or without the CSRF token, and post nothing', async () => {
    const browser = await signedIn();
    const token = csrfOf(await browser.get('/tasks/1002'));
    const comments = () => running!.emulator.accountStores.get('acc1234').state.comments.length;
    const before = comments();
    expect((await browser.post('/tasks/1002/comments', { _csrf: token, text: 'x' }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await browser.post('/tasks/1002/comments', { text: 'x' }, sameOrigin)).status).toBe(403);
    expect(comments()).toBe(before);
  });

  it('answer 404 for an id that is not a number or that Worksection does not know, without a call for the former', async () => {
    const browser = await signedIn();
    running!.emulator.stats.reset();
    expect((await browser.get('/tasks/abc')).status).toBe(404);
    expect((await browser.get('/projects/..%2Fadmin')).status).toBe(404);
    expect(running!.emulator.stats.requests.api).toBe(0);
    const unknown = await browser.get('/tasks/999999');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain('Worksection does not know this page');
  });

  it('send a visitor who is not signed in to sign in, coming back to the page they asked for', async () => {
    running = await startExample();
    const res = await new Browser(running.url).get('/tasks/1002');
    expect(res.status).toBe(302);
    expect(res.location).toBe('/auth/worksection?returnTo=%2Ftasks%2F1002');
  });

  it('answer 403 with a way to sign in again when the comment scope was not granted', async () => {
    const browser = await signedIn(['projects_read', 'tasks_read']);
    // The page itself reads the task (tasks_read) and, without costs_read, shows no time; posting a comment needs comments_write.
    const page = await browser.get('/tasks/1002');
    expect(page.status).toBe(200);
    const posted = await browser.post('/tasks/1002/comments', { _csrf: csrfOf(page), text: 'Hello' }, sameOrigin);
    expect(posted.status).toBe(403);
    expect(posted.body).toContain('You did not allow this app to comment on tasks.');
    expect(posted.body).toContain('href="/auth/worksection?returnTo=%2Ftasks%2F1002"');
  });
});
