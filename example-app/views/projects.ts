import type { WorksectionProject } from 'passport-worksection/client';
import { html, type SafeHtml } from './html';
import { layout, type PageFrame } from './layout';
import { unavailablePage, type UnavailableReason } from './unavailable';

/**
 * `/projects`: the signed-in user's projects, read through the account API, each linking to its tasks here and to
 * its page at Worksection. Shows no token.
 */
export function projectsPage(accountUrl: string, projects: WorksectionProject[], frame?: PageFrame): string {
  // Links only to the account's own https (or emulator http) origin, never a scheme from the data.
  const linkable = /^https?:\/\//.test(accountUrl);
  const atWorksection = (project: WorksectionProject): SafeHtml | undefined =>
    linkable && project.page.startsWith('/')
      ? html` <small><a href="${accountUrl}${project.page}" rel="noopener noreferrer">open in Worksection</a></small>`
      : undefined;
  const list = projects.length
    ? html`<ul class="projects">${projects.map(
        (p) => html`<li><a href="/projects/${encodeURIComponent(p.id)}">${p.name}</a> <small>${p.status}</small>${atWorksection(p)}</li>`,
      )}</ul>`
    : html`<p><em>No projects in this account.</em></p>`;
  return layout('Projects', html`<h1>Projects</h1>${list}`, frame);
}

/** Why `/projects` could not list them: the scope was not granted, or Worksection did not answer properly. */
export function projectsUnavailablePage(reason: UnavailableReason, frame?: PageFrame): string {
  return unavailablePage({ title: 'Projects', allow: 'read your projects', returnTo: '/projects' }, reason, frame);
}
