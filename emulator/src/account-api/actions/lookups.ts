import { emailInvalid, pageInvalid, projectInvalid, taskInvalid } from '../api-refusals';
import type { ProjectRecord, TaskRecord, UserRecord } from '../store/records';
import type { ActionContext } from './action';

const PAGE = /^\/project\/(\d{1,18})\/(?:(\d{1,18})\/)?(?:(\d{1,18})\/)?$/;

/**
 * The ids a `page` parameter names: Worksection's links `/project/P/`, `/project/P/T/`, `/project/P/T/S/` (its
 * admin API addresses objects this way). A page that is not such a link is code 3.
 */
function pageIds(c: ActionContext): { projectId: string; taskId: string | undefined } | undefined {
  const page = c.p.text('page');
  if (page === undefined) return undefined;
  const match = PAGE.exec(page.trim());
  if (!match?.[1]) throw pageInvalid();
  return { projectId: match[1], taskId: match[3] ?? match[2] };
}

/** The project a required `id_project` (or `name`, or a `page` link) names; Worksection's code 4 otherwise. */
export function requireProject(c: ActionContext, name = 'id_project'): ProjectRecord {
  const fromPage = name === 'id_project' && c.p.text(name) === undefined ? pageIds(c) : undefined;
  const id = fromPage?.projectId ?? c.p.required(name);
  const project = c.store.project(id.trim());
  if (!project) throw projectInvalid();
  return project;
}

/** The task a required `id_task` (or `name`, or a `page` link) names; Worksection's code 5 otherwise. */
export function requireTask(c: ActionContext, name = 'id_task'): TaskRecord {
  const fromPage = name === 'id_task' && c.p.text(name) === undefined ? pageIds(c) : undefined;
  if (fromPage && fromPage.taskId === undefined) throw pageInvalid();
  const id = fromPage?.taskId ?? c.p.required(name);
  const task = c.store.task(id.trim());
  if (!task) throw taskInvalid();
  return task;
}

/** The member an email parameter names (absent → undefined); Worksection's code 11 for a stranger or bad syntax. */
export function memberByEmail(c: ActionContext, name: string): UserRecord | undefined {
  const email = c.p.email(name);
  if (email === undefined) return undefined;
  const user = c.store.userByEmail(email);
  if (!user) throw emailInvalid(email);
  return user;
}

/** The members a list of emails names (`members`, `subscribe`, …); a stranger is code 11. */
export function membersByEmails(c: ActionContext, name: string): UserRecord[] {
  return c.p.list(name).map((email) => {
    const user = c.store.userByEmail(email);
    if (!user) throw emailInvalid(email.slice(0, 100));
    return user;
  });
}

/** `true` when the record's project is archived, so that default lists leave it out. */
export function inArchivedProject(c: ActionContext, task: TaskRecord): boolean {
  return c.store.project(task.projectId)?.status === 'archive';
}
