import type { WorksectionTask } from 'passport-worksection/client';
import { html } from './html';
import { layout, type PageFrame } from './layout';

/** `/projects/:id`: the tasks of one project, each linking to its page here. */
export function tasksPage(projectId: string, tasks: readonly WorksectionTask[], frame?: PageFrame): string {
  // Worksection's get_tasks names the project in each task; a project without tasks is shown by its id.
  const name = tasks.find((task) => task.project?.name)?.project?.name ?? `Project ${projectId}`;
  const list = tasks.length
    ? html`<ul class="tasks">${tasks.map(
        (task) =>
          html`<li><a href="/tasks/${encodeURIComponent(task.id)}">${task.name}</a> <small>${task.status}${task.user_to ? html` · ${task.user_to.name}` : undefined}</small></li>`,
      )}</ul>`
    : html`<p><em>No tasks in this project.</em></p>`;
  return layout(name, html`<h1>${name}</h1>${list}`, frame);
}
