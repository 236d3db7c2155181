import type { WorksectionComment, WorksectionCost, WorksectionTask } from 'passport-worksection/client';
import { CSRF_FIELD } from '../csrf';
import { html, type SafeHtml } from './html';
import { layout, type PageFrame } from './layout';

/** What the last form on the task page did: shown once, after its redirect. */
export const TASK_NOTICES = {
  comment: { ok: true, text: 'Your comment was posted.' },
  time: { ok: true, text: 'Your time was logged.' },
  'comment-invalid': { ok: false, text: 'Write a comment of at most 10,000 characters.' },
  'time-invalid': { ok: false, text: 'Give the time as hours and minutes, such as 1:30, or as hours, such as 1.5.' },
} as const;

/** One of the {@link TASK_NOTICES}. */
export type TaskNotice = keyof typeof TASK_NOTICES;

/** Whether a query value names a {@link TaskNotice}. */
export function isTaskNotice(value: unknown): value is TaskNotice {
  return typeof value === 'string' && Object.hasOwn(TASK_NOTICES, value);
}

/** What the task page shows. */
export interface TaskPageContent {
  task: WorksectionTask;
  comments: readonly WorksectionComment[];
  /** The task's time entries (`get_costs`), or `not-allowed` when the grant lacks `costs_read`. */
  costs: readonly WorksectionCost[] | 'not-allowed';
  /** The CSRF token of the page's forms. */
  csrfToken: string;
  notice?: TaskNotice;
  /** The account's URL, for the Open in Worksection link. */
  accountUrl?: string;
  /** The header (who is signed in) and the page's scripts: the live-update script of the task page goes in `scripts`. */
  frame?: PageFrame;
}

/**
 * `/tasks/:id`: a task, its latest comments, its time entries, a link to it in Worksection (its `page` on
 * `accountUrl`), and forms to comment on it and to log time on it. Shows no token.
 */
export function taskPage(content: TaskPageContent): string {
  const { task, comments, costs, csrfToken, notice, accountUrl } = content;
  const action = (what: string) => `/tasks/${encodeURIComponent(task.id)}/${what}`;
  const shown = notice === undefined ? undefined : TASK_NOTICES[notice];
  // data-task and data-comment: the page's script (/task-updates.js) adds comments the app's webhook receiver reports.
  const list = html`<ol class="comments" data-task="${task.id}"${comments.length ? '' : ' hidden'}>${comments.map(
    (c) => html`<li data-comment="${c.id}"><p>${c.text}</p><small>${c.user_from?.name ?? 'Someone'} · ${c.date_added}</small></li>`,
  )}</ol>
${comments.length ? undefined : html`<p id="no-comments"><em>No comments yet.</em></p>`}
<script src="/task-updates.js" defer></script>`;
  // Worksection refuses time on a closed task (add_costs: 8 "Task is closed"), and takes comments on it.
  const closed = task.status === 'done';
  const timeForm = html`<form method="post" action="${action('costs')}" class="stacked">
<input type="hidden" name="${CSRF_FIELD}" value="${csrfToken}">
<label for="cost-time">Time spent (h:mm, or hours)</label>
<input id="cost-time" name="time" placeholder="1:30" pattern="\\d{1,3}(:[0-5]\\d|[.,]\\d{1,2})?" required>
<label for="cost-comment">What for (optional)</label>
<input id="cost-comment" name="comment" maxlength="1000">
<button class="button" type="submit">Log time</button>
</form>`;
  // `page` is a path on the account's host ("/project/12345/67890/"); only such a path is linked.
  const inWorksection = accountUrl !== undefined && /^\/[\w/-]{1,200}$/.test(task.page) ? `${accountUrl}${task.page}` : undefined;
  const project = task.project ? html`<a href="/projects/${encodeURIComponent(task.project.id)}">${task.project.name}</a>` : undefined;
  return layout(
    task.name,
    html`<h1>${task.name}</h1>
${shown ? html`<p class="notice${shown.ok ? ' ok' : ''}" role="status">${shown.text}</p>` : undefined}
<dl>
${project ? html`<dt>Project</dt><dd>${project}</dd>` : undefined}
<dt>Status</dt><dd>${task.status}</dd>
${task.user_to ? html`<dt>Assignee</dt><dd>${task.user_to.name}</dd>` : undefined}
${task.date_end ? html`<dt>Due</dt><dd>${task.date_end}</dd>` : undefined}
</dl>
${task.text ? html`<p>${task.text}</p>` : undefined}
${inWorksection ? html`<p><a href="${inWorksection}" rel="noopener" target="_blank">Open in Worksection</a></p>` : undefined}
<h2>Comments</h2>
${list}
<form method="post" action="${action('comments')}" class="stacked">
<input type="hidden" name="${CSRF_FIELD}" value="${csrfToken}">
<label for="comment-text">Comment</label>
<textarea id="comment-text" name="text" rows="3" maxlength="10000" required></textarea>
<button class="button" type="submit">Post comment</button>
</form>
<h2>Time</h2>
${timeList(costs)}
${closed ? html`<p><em>This task is closed: Worksection takes no time on a closed task.</em></p>` : timeForm}`,
    content.frame,
  );
}

/** The time entries as a list, newest as Worksection orders them; who logged them and when. */
function timeList(costs: TaskPageContent['costs']): SafeHtml {
  if (costs === 'not-allowed') return html`<p><em>Sign in again and allow this app to read time to see the time logged here.</em></p>`;
  if (costs.length === 0) return html`<p><em>No time logged yet.</em></p>`;
  return html`<ul class="costs">${costs.map(
    (c) =>
      html`<li><strong>${c.time ?? c.money ?? ''}</strong> ${c.comment ? html`· ${c.comment} ` : undefined}<small>${c.user_from?.name ?? 'Someone'} · ${c.date}</small></li>`,
  )}</ul>`;
}
