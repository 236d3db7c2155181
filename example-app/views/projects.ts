import type { WorksectionProject } from 'passport-worksection';
import { html, type SafeHtml } from './html';
import { layout } from './layout';

/** `/projects`: the signed-in user's projects, read through the account API. Shows no token. */
export function projectsPage(accountUrl: string, projects: WorksectionProject[]): string {
  // Links only to the account's own https (or emulator http) origin, never a scheme from the data.
  const linkable = /^https?:\/\//.test(accountUrl);
  const link = (project: WorksectionProject): SafeHtml | string =>
    linkable && project.page.startsWith('/')
      ? html`<a href="${accountUrl}${project.page}" rel="noopener noreferrer">${project.name}</a>`
      : project.name;
  const list = projects.length
    ? html`<ul class="projects">${projects.map((p) => html`<li>${link(p)} <small>${p.status}</small></li>`)}</ul>`
    : html`<p><em>No projects in this account.</em></p>`;
  return layout('Projects', html`<h1>Projects</h1>${list}<p><a href="/profile">Profile</a></p>`);
}

/** Why `/projects` could not list them: the scope was not granted, or Worksection did not answer properly. */
export function projectsUnavailablePage(reason: 'scope' | 'worksection'): string {
  const text =
    reason === 'scope'
      ? html`<p>You did not allow this app to read your projects. <a href="/auth/worksection?returnTo=%2Fprojects">Sign in again</a> and allow it.</p>`
      : html`<p>Worksection did not answer properly. Please try again in a moment.</p>`;
  return layout('Projects', html`<h1>Projects</h1>${text}<p><a href="/profile">Profile</a></p>`);
}
