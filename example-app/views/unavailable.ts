import { html } from './html';
import { layout, type PageFrame } from './layout';

/** Why a page could not show what it asked Worksection for. */
export type UnavailableReason = 'scope' | 'not-found' | 'worksection' | { refused: string };

/** What a page that reads from Worksection is about, for its error page. */
export interface UnavailableSubject {
  /** The page's title, e.g. `Projects`. */
  title: string;
  /** What the scope allows, as the sentence "You did not allow this app to …" ends, e.g. `read your projects`. */
  allow: string;
  /** Where to come back to after signing in again. */
  returnTo: string;
}

/**
 * The page shown when Worksection refused or failed a call: what happened and what the user can do. A refusal
 * (`{ refused }`: Worksection's `status_code` other than 0, such as 8 "Task is closed") shows Worksection's own words
 * and a way back to the page the user came from: it is an answer, not an outage.
 */
export function unavailablePage(subject: UnavailableSubject, reason: UnavailableReason, frame?: PageFrame): string {
  const signIn = `/auth/worksection?returnTo=${encodeURIComponent(subject.returnTo)}`;
  const text =
    typeof reason === 'object'
      ? html`<p>Worksection said: <strong>${reason.refused}</strong></p><p><a href="${subject.returnTo}">Back</a></p>`
      : reason === 'scope'
        ? html`<p>You did not allow this app to ${subject.allow}. <a href="${signIn}">Sign in again</a> and allow it.</p>`
        : reason === 'not-found'
          ? html`<p>Worksection does not know this page, or you cannot see it.</p>`
          : html`<p>Worksection did not answer properly. Please try again in a moment.</p>`;
  return layout(subject.title, html`<h1>${subject.title}</h1>${text}`, frame);
}
