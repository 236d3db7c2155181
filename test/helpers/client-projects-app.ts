import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import session from 'express-session';
import passport from 'passport';
import { Strategy } from '../../src';
import { DEMO_CLIENT, type Emulator } from 'worksection-emulator';
import type { SessionBackend } from '../../example-app/config';
import { ReadCache } from '../../example-app/read-cache';
import { projectsRoute } from '../../example-app/projects-route';
import { toSessionUser } from '../../example-app/session-user';
import { Browser } from '../example-app/helpers/http-client';

/** A running app with `/projects` mounted the way the example app mounts it, and a browser signed in to it. */
export interface ProjectsApp {
  origin: string;
  logs: string[];
  store: session.Store;
  close(): Promise<void>;
}

/**
 * Express + express-session + Passport with the strategy against the emulator, as the example app sets them
 * up, with `/projects` mounted. `store` lets two apps share sessions (two instances behind a load balancer).
 */
export async function startProjectsApp(
  emu: Emulator,
  options: { store?: session.Store; sessions?: SessionBackend; scope?: string } = {},
): Promise<ProjectsApp> {
  const logs: string[] = [];
  const log = (line: string): void => {
    logs.push(line);
  };
  const strategy = new Strategy(
    {
      clientID: DEMO_CLIENT.clientId,
      clientSecret: DEMO_CLIENT.clientSecret,
      callbackURL: DEMO_CLIENT.redirectUris[0]!,
      baseURL: emu.url,
      scope: options.scope ?? 'projects_read,tasks_read',
      timeout: 1000,
    },
    (accessToken, refreshToken, params, profile, done) => done(null, toSessionUser(accessToken, refreshToken, params, profile)),
  );
  const authenticator = new passport.Passport();
  authenticator.use(strategy);
  authenticator.serializeUser((user, done) => done(null, user));
  authenticator.deserializeUser((user: Express.User, done) => done(null, user));
  const store = options.store ?? new session.MemoryStore();
  const app = express();
  app.use(session({ secret: 'test-session-secret', resave: false, saveUninitialized: false, store }));
  app.use(authenticator.initialize());
  app.use(authenticator.session());
  // @types/passport types authenticate() as returning `any`; it returns Express middleware.
  app.get('/auth/worksection', authenticator.authenticate('worksection') as express.RequestHandler);
  app.get(
    '/auth/worksection/callback',
    authenticator.authenticate('worksection', { failureRedirect: '/' }) as express.RequestHandler,
    (_req, res) => {
      res.redirect('/projects');
    },
  );
  app.use(
    projectsRoute({
      strategy,
      sessions: options.sessions ?? { kind: 'sqlite', file: ':memory:' },
      log,
      minInterval: 0,
      cache: new ReadCache(),
    }),
  );
  const server: Server = createServer(app);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    logs,
    store,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/** Signs `browser` in through the auto-approving emulator; resolves the callback's answer. */
export async function signInBrowser(browser: Browser): Promise<void> {
  const start = await browser.get('/auth/worksection');
  if (start.status !== 302) throw new Error(`sign-in start answered ${start.status}`);
  const approved = await fetch(start.location!, { redirect: 'manual' });
  const callback = new URL(approved.headers.get('location')!);
  const done = await browser.get(`${callback.pathname}${callback.search}`);
  if (done.status !== 302 || done.location !== '/projects') throw new Error(`sign-in callback answered ${done.status} ${done.location}`);
}
