import type { Request, RequestHandler, Response, Router } from 'express';
import { WorksectionApiError, type WorksectionClient, type WorksectionComment, type WorksectionCost } from 'passport-worksection/client';
import { defaultExpress, type ExpressModule } from './express-module';
import { answerApiFailure, type ApiFailurePage } from './api-failure';
import { csrfToken, requireCsrfToken } from './csrf';
import { sessionUser } from './request-session';
import { sessionClients, type SessionClientOptions } from './session-client';
import type { SessionUser } from './session-user';
import { isTaskNotice, taskPage, type TaskNotice } from './views/task';
import { tasksPage } from './views/tasks';
import { unavailablePage } from './views/unavailable';
import { pageFrame } from './page-frame';
import { READS, type ReadCache } from './read-cache';

/** What {@link tasksRoute} needs from the app. */
export interface TasksRouteOptions extends SessionClientOptions {
  log: (line: string) => void;
  /** The Express the app is built with (its `Router` and `urlencoded`). Default: Express 5. */
  express?: ExpressModule;
  /** Recent reads, per account: the forms drop what they change. */
  cache: ReadCache;
}

/** Worksection's ids are decimal numbers sent as strings; anything else is not a page here. */
const ID = /^\d{1,18}$/;
/** Time as Worksection's `add_costs` takes it: `H:MM`, or hours with a decimal point or comma (`1.5`, `1,5`). */
const TIME = /^(?:\d{1,3}:[0-5]\d|\d{1,3}(?:[.,]\d{1,2})?)$/;
const MAX_COMMENT = 10_000;
const MAX_NOTE = 1000;

/**
 * The pages below `/projects`: a project's tasks (`/projects/:id`), a task with its comments (`/tasks/:id`), and the
 * task page's two forms, which post a comment (`post_comment`, scope `comments_write`) and log time (`add_costs`,
 * `costs_write`). Every call goes through `WorksectionClient` with the session's tokens; each form is
 * POST/redirect/GET with the CSRF token and the same-site check, and a refused or failed call gets the same answers
 * as `/projects` (sign in again, 403, 404, 503 with Retry-After, 502).
 */
export function tasksRoute(options: TasksRouteOptions): Router {
  const { log, cache } = options;
  const express = options.express ?? defaultExpress;
  const clientFor = sessionClients(options);
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 10 });

  /**
   * A handler for a page about one record: its id checked (anything else is a 404, without a call), the user signed in
   * (else sent to sign in and back), and a failed call answered as every API page answers it.
   */
  const aboutRecord =
    (
      param: string,
      returnTo: (id: string) => string,
      about: PageSubject,
      work: (req: Request, res: Response, id: string, client: WorksectionClient, user: SessionUser) => Promise<void>,
    ): RequestHandler =>
    async (req, res, next) => {
      const id = idParam(req, param);
      if (id === undefined) {
        next();
        return;
      }
      const user = signedIn(req, res, returnTo(id));
      if (!user) return;
      try {
        await work(req, res, id, clientFor(req, user), user);
      } catch (err) {
        answerApiFailure(err, req, res, next, failurePage(about, returnTo(id)), log);
      }
    };
  const projectPath = (id: string) => `/projects/${id}`;
  const taskPath = (id: string) => `/tasks/${id}`;

  router.get(
    '/projects/:projectId',
    aboutRecord(
      'projectId',
      projectPath,
      { label: 'tasks', title: 'Tasks', allow: 'read your tasks' },
      async (req, res, projectId, client, user) => {
        const tasks = await cache.read(user.accountUrl, user.id, READS.tasks(projectId), () =>
          client.tasks.list({ id_project: projectId }),
        );
        res.send(tasksPage(projectId, tasks, pageFrame(req)));
      },
    ),
  );

  router.get(
    '/tasks/:taskId',
    aboutRecord(
      'taskId',
      taskPath,
      { label: 'task', title: 'Task', allow: 'read this task and its comments' },
      async (req, res, taskId, client, user) => {
        const read = <T>(call: string, load: () => Promise<T>) => cache.read(user.accountUrl, user.id, call, load);
        // Worksection allows about one call a second per account: get_task's extra=comments brings the latest comments
        // along (the collection's "get_task" request asks for them the same way), so no get_comments call. Its time
        // entries are not among get_task's extras: they are a second call (get_costs), which the cache answers on
        // reloads, as it answers the task.
        const task = await read(READS.task(taskId), () => client.tasks.get({ id_task: taskId, extra: 'text,comments' }));
        const costs = await timeEntries(() => read(READS.costs(taskId), () => client.costs.list({ id_task: taskId })));
        const comments = Array.isArray(task.comments) ? (task.comments as WorksectionComment[]) : [];
        const notice: TaskNotice | undefined = isTaskNotice(req.query.done) ? req.query.done : undefined;
        // The live-update script of this page (webhooks) joins the frame's `scripts`.
        const frame = pageFrame(req);
        res.send(
          taskPage({ task, comments, costs, csrfToken: csrfToken(req), accountUrl: user.accountUrl, frame, ...(notice && { notice }) }),
        );
      },
    ),
  );

  router.post(
    '/tasks/:taskId/comments',
    form,
    requireCsrfToken,
    aboutRecord(
      'taskId',
      taskPath,
      { label: 'comment', title: 'Comment', allow: 'comment on tasks' },
      async (req, res, taskId, client, user) => {
        const text = field(req, 'text');
        if (text === undefined || text.length > MAX_COMMENT) {
          res.redirect(303, `${taskPath(taskId)}?done=comment-invalid`);
          return;
        }
        await client.comments.post({ id_task: taskId, text });
        // get_task's answer carries the comments: the next read fetches it again.
        cache.invalidate(user.accountUrl, READS.task(taskId));
        res.redirect(303, `${taskPath(taskId)}?done=comment`);
      },
    ),
  );

  router.post(
    '/tasks/:taskId/costs',
    form,
    requireCsrfToken,
    aboutRecord('taskId', taskPath, { label: 'costs', title: 'Log time', allow: 'log time' }, async (req, res, taskId, client, user) => {
      const time = field(req, 'time');
      const comment = field(req, 'comment');
      if (time === undefined || !TIME.test(time) || (comment !== undefined && comment.length > MAX_NOTE)) {
        res.redirect(303, `${taskPath(taskId)}?done=time-invalid`);
        return;
      }
      await client.costs.add({ id_task: taskId, time, ...(comment !== undefined && { comment }) });
      cache.invalidate(user.accountUrl, READS.costs(taskId));
      res.redirect(303, `${taskPath(taskId)}?done=time`);
    }),
  );

  return router;
}

/**
 * The task's time entries, or `'not-allowed'` when the grant lacks `costs_read` (a session signed in before the app
 * asked for it): the task page shows without them rather than failing.
 */
async function timeEntries(load: () => Promise<WorksectionCost[]>): Promise<WorksectionCost[] | 'not-allowed'> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof WorksectionApiError && err.statusCode === 403) return 'not-allowed';
    throw err;
  }
}

/** A route parameter that is a Worksection id, or undefined (then the page is a 404). */
function idParam(req: Request, name: string): string | undefined {
  const value: unknown = req.params[name];
  return typeof value === 'string' && ID.test(value) ? value : undefined;
}

/** The signed-in user, or (having answered with a redirect to sign in, and back to `returnTo`) undefined. */
function signedIn(req: Request, res: Response, returnTo: string): SessionUser | undefined {
  const user = sessionUser(req);
  // Personal data (and, on the task page, a CSRF token): no cache may keep any of these pages.
  res.set('Cache-Control', 'no-store');
  if (!user) res.redirect(req.method === 'GET' ? 302 : 303, `/auth/worksection?returnTo=${encodeURIComponent(returnTo)}`);
  return user;
}

/** A form field as text without control characters (tabs and line breaks kept), trimmed; undefined when missing, repeated or empty. */
function field(req: Request, name: string): string | undefined {
  const value: unknown = (req.body as Record<string, unknown> | undefined)?.[name];
  if (typeof value !== 'string') return undefined;
  // Every control character (\p{Cc}) but tab and line feed, and the Unicode line separators, go.
  const text = value
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\t\n]|[\u2028\u2029]/gu, '')
    .trim();
  return text === '' ? undefined : text;
}

/** What a page is about, for its log lines and its error page. */
interface PageSubject {
  label: string;
  title: string;
  allow: string;
}

/** How a page of these answers a failed call (see {@link answerApiFailure}). */
function failurePage({ label, title, allow }: PageSubject, returnTo: string): ApiFailurePage {
  return { label, returnTo, unavailable: (reason, frame) => unavailablePage({ title, allow, returnTo }, reason, frame) };
}
