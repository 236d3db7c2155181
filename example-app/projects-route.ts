import type { Router } from 'express';
import { defaultExpress } from './express-module';
import { answerApiFailure } from './api-failure';
import { sessionUser } from './request-session';
import { pageFrame } from './page-frame';
import { sessionClients, type SessionClientOptions } from './session-client';
import { projectsPage, projectsUnavailablePage } from './views/projects';
import { READS, type ReadCache } from './read-cache';

/** What {@link projectsRoute} needs from the app. */
export interface ProjectsRouteOptions extends SessionClientOptions {
  log: (line: string) => void;
  /** Express's `Router`, of the Express the app is built with. Default: Express 5's. */
  router?: () => Router;
  /** Recent reads, per account. */
  cache: ReadCache;
}

/**
 * `/projects`: lists the signed-in user's projects through `WorksectionClient` (see {@link sessionClients}: tokens in
 * the session, rotated ones saved back before they are used), each linking to its tasks; served from the
 * {@link ReadCache} while it holds them.
 */
export function projectsRoute(options: ProjectsRouteOptions): Router {
  const { log } = options;
  const clientFor = sessionClients(options);
  const router = (options.router ?? defaultExpress.Router)();
  const page = { label: 'projects', returnTo: '/projects', unavailable: projectsUnavailablePage };

  router.get('/projects', async (req, res, next) => {
    const user = sessionUser(req);
    if (!user) {
      res.redirect(`/auth/worksection?returnTo=${encodeURIComponent('/projects')}`);
      return;
    }
    res.set('Cache-Control', 'no-store');
    // Inside the try: a session whose tokens or account URL the client refuses is a sign-out, not a 500.
    try {
      const client = clientFor(req, user);
      const projects = await options.cache.read(user.accountUrl, user.id, READS.projects(), () => client.projects.list());
      res.send(projectsPage(client.accountUrl, projects, pageFrame(req)));
    } catch (err) {
      answerApiFailure(err, req, res, next, page, log);
    }
  });

  return router;
}
