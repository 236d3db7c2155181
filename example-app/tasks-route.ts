import type { Request, RequestHandler, Response, Router } from 'express';
import type { WorksectionClient, WorksectionComment } from 'passport-worksection/client';
import { defaultExpress, type ExpressModule } from './express-module';
import { answerApiFailure, type ApiFailurePage } from './api-failure';
import { csrfToken, requireCsrfToken } from './csrf';
import { sessionUser } from './request-session';
import { sessionClients, type SessionClientOptions } from './session-client';
import type { SessionUser } from './session-user';
import { isTaskNotice, taskPage, type TaskNotice } from './views/task';
import { tasksPage } from './views/tasks';
import { unavailablePage } from './views/unavailable';

/** What {@link tasksRoute} needs from the app. */
export interface TasksRouteOptions extends SessionClientOptions {
  log: (line: string) => void;
  /** The Express the app is built with (its `Router` and `urlencoded`). Default: Express 5. */
  express?: ExpressModule;
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
  const { log } = options;
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
      work: (req: Request, res: Response, id: string, client: WorksectionClient) => Promise<void>,
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
        await work(req, res, id, clientFor(req, user));
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
      async (_req, res, projectId, client) => {
        res.send(tasksPage(projectId, await client.tasks.list({ id_project: projectId })));
      },
    ),
  );

  router.get(
    '/tasks/:taskId',
    aboutRecord(
      'taskId',
      taskPath,
      { label: 'task', title: 'Task', allow: 'read this task and its comments' },
      async (req, res, taskId, client) => {
        // One call: Worksection allows about one a second per account, so a second call (get_comments) would keep the
        // page waiting a second. get_task's extra=comments brings the latest comments along (the collection's
        // "get_task" request asks for them the same way); the page links to Worksection for the whole thread.
        const task = await client.tasks.get({ id_task: taskId, extra: 'text,comments' });
        const comments = Array.isArray(task.comments) ? (task.comments as WorksectionComment[]) : [];
        const notice: TaskNotice | undefined = isTaskNotice(req.query.done) ? req.query.done : undefined;
        res.send(taskPage(task, comments, csrfToken(req), notice, sessionUser(req)?.accountUrl));
      },
    ),
  );

  router.post(
    '/tasks/:taskId/comments',
    form,
    requireCsrfToken,
    aboutRecord('taskId', taskPath, { label: 'comment', title: 'Comment', allow: 'comment on tasks' }, async (req, res, taskId, client) => {
      const text = field(req, 'text');
      if (text === undefined || text.length > MAX_COMMENT) {
        res.redirect(303, `${taskPath(taskId)}?done=comment-invalid`);
        return;
      }
      await client.comments.post({ id_task: taskId, text });
      res.redirect(303, `${taskPath(taskId)}?done=comment`);
    }),
  );

  router.post(
    '/tasks/:taskId/costs',
    form,
    requireCsrfToken,
    aboutRecord('taskId', taskPath, { label: 'costs', title: 'Log time', allow: 'log time' }, async (req, res, taskId, client) => {
      const time = field(req, 'time');
      const comment = field(req, 'comment');
      if (time === undefined || !TIME.test(time) || (comment !== undefined && comment.length > MAX_NOTE)) {
        res.redirect(303, `${taskPath(taskId)}?done=time-invalid`);
        return;
      }
      await client.costs.add({ id_task: taskId, time, ...(comment !== undefined && { comment }) });
      res.redirect(303, `${taskPath(taskId)}?done=time`);
    }),
  );

  return router;
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
  return { label, returnTo, unavailable: (reason) => unavailablePage({ title, allow, returnTo }, reason) };
}
