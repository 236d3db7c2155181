import { html } from './html';
import { layout, type PageFrame } from './layout';

/** A friendly error page: a status, a fixed sentence, a way back. Never an error message or a stack. */
export function errorPage(status: number, frame?: PageFrame): string {
  const text =
    status === 404
      ? 'There is no page at this address.'
      : status === 403
        ? 'The form was stale or did not come from this site. Go back, reload the page and try again.'
        : status === 503
          ? 'The service is briefly unavailable. Please try again in a moment.'
          : 'Something went wrong on our side. Please try again.';
  const title = status === 404 ? 'Not found' : status === 503 ? 'Unavailable' : status === 403 ? 'Forbidden' : 'Error';
  return layout(title, html`<h1>${title}</h1><p>${text}</p><p><a href="/">Back to the start page</a></p>`, frame);
}
