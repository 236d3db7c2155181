import express4 from 'express4';
import { defaultExpress, type ExpressModule } from '../../example-app/express-module';
import { startExample, type RunningExample } from './helpers/example-server';
import { Browser, signIn } from './helpers/http-client';

// The example app's routes, end to end on both Express majors: sign-in, profile, projects, token refresh, sign-out.
describe.each([
  ['Express 5', defaultExpress, false],
  ['Express 4', express4 as unknown as ExpressModule, true],
])('the example app on %s', (_major, express, four) => {
  let running: RunningExample | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('signs in, shows the profile and the projects, refreshes the tokens and signs out', async () => {
    running = await startExample({ app: { express } });
    // Express 4's applications still have app.del(), which Express 5 removed: the app was built with this major.
    expect(typeof (running.example.app as unknown as { del?: unknown }).del === 'function').toBe(four);
    const browser = new Browser(running.url);
    const hops = await signIn(browser);
    expect(hops.at(-1)?.location).toBe('/profile');
    const profile = await browser.get('/profile');
    expect(profile.status).toBe(200);
    expect(profile.body).toContain('Henry Gardner');
    const projects = await browser.get('/projects');
    expect(projects.status).toBe(200);
    expect(projects.body).toContain('<h1>Projects</h1>');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(profile.body)?.[1] ?? '';
    const refreshed = await browser.post('/profile/refresh', { _csrf: csrf });
    expect(refreshed.status).toBe(303);
    expect(running.emulator.stats.requests.refresh).toBe(1);
    const out = await browser.post('/logout', { _csrf: csrf });
    expect(out.status).toBe(303);
    expect(out.location).toBe('/?signin=signed-out');
    expect((await browser.get('/profile')).status).toBe(302);
  });

  it('refuses a callback whose code is repeated, whatever query parser the major has', async () => {
    running = await startExample({ app: { express } });
    const browser = new Browser(running.url);
    const res = await browser.get('/auth/worksection/callback?code=a&code=b&state=x');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/?signin=failed');
    expect(running.emulator.stats.requests.token).toBe(0);
  });
});
