import type { Router } from 'express';
import { defaultExpress } from './express-module';
import { answerApiFailure } from './api-failure';
import { sessionUser } from './request-session';
import { sessionClients, type SessionClientOptions } from './session-client';
import { projectsPage, projectsUnavailablePage } from './views/projects';

/** What {@link projectsRoute} needs from the app. */
export interface ProjectsRouteOptions extends SessionClientOptions {
  log: (line: string) => void;
  /** Express's `Router`, of the Express the app is built with. Default: Express 5's. */
  router?: () => Router;
}

/**
 * `/projects`: lists the signed-in user's projects through `WorksectionClient` (see {@link sessionClients}: tokens in
 * the session, rotated ones saved back before they are used), each linking to its tasks.
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
      res.send(projectsPage(client.accountUrl, await client.projects.list()));
    } catch (err) {
      answerApiFailure(err, req, res, next, page, log);
    }
  });

  return router;
}
