import { layout, errorPage } from '../authorize/pages';
import { html } from '../http/html';
import { htmlReply, type Reply } from '../http/reply';
import type { EmulatorContext } from '../context';

/**
 * The paths Worksection's answers give as a record's `page`, under its account: `/{account}/project/{id}/` and
 * `/{account}/project/{id}/{task}/`. Apps link to them ("open in Worksection").
 */
export const RECORD_PAGE_PATH = /^\/([A-Za-z0-9_-]+)\/project\/(\d{1,18})\/(?:(\d{1,18})\/)?$/;

/**
 * A stand-in for Worksection's own page of a project or a task, so that links built from `page` lead somewhere on
 * the emulator: its name, status, description, and a project's tasks. Worksection's real pages need its web session
 * and show much more; these read the same account data as the API, and need no sign-in.
 */
export function recordPage(ctx: EmulatorContext, path: string): Reply {
  const [, accountId, projectId, taskId] = RECORD_PAGE_PATH.exec(path) ?? [];
  const account = ctx.directory.account(accountId);
  const store = account ? ctx.accountStores.get(account.id) : undefined;
  const project = store?.project(projectId);
  if (!account || !store || !project) return notFound();
  const base = `/${account.id}/project/${project.id}/`;
  if (taskId === undefined) {
    const tasks = store.state.tasks.filter((task) => task.projectId === project.id && task.parentId === '');
    return htmlReply(
      layout(
        project.name,
        html`<h1>${project.name}</h1>
<p class="muted">${account.name} · project · ${project.status}</p>
${project.text ? html`<p>${project.text}</p>` : ''}
<h2>Tasks</h2>
${tasks.length ? html`<ul>${tasks.map((task) => html`<li><a href="${base}${task.id}/">${task.name}</a> <span class="muted">${task.status}</span></li>`)}</ul>` : html`<p class="muted">No tasks.</p>`}`,
      ),
    );
  }
  const task = store.task(taskId);
  if (!task || task.projectId !== project.id) return notFound();
  return htmlReply(
    layout(
      task.name,
      html`<h1>${task.name}</h1>
<p class="muted">${account.name} · <a href="${base}">${project.name}</a> · task · ${task.status}</p>
${task.text ? html`<p>${task.text}</p>` : ''}`,
    ),
  );
}

function notFound(): Reply {
  return htmlReply(errorPage('Not found', 'not_found', 'This account has no such project or task on the emulator.'), 404);
}
