import { stringify } from 'node:querystring';
import type { JsonAnswer } from './answer';
import { viaFetch } from './fetch-transport';
import type { HttpSettings } from './settings';

/** @internal What {@link postForm} sends: the method and the form as the body. */
export interface JsonRequest {
  method: 'GET' | 'POST';
  body?: string;
  /** Abandons the exchange (closing its connection) when aborted: it then rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/**
 * The headers of every form POST to Worksection's OAuth endpoints, made once: a spread of them on each call cost more
 * than a microsecond of every login. Given to a custom `fetch` as a copy of its own.
 */
const FORM_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'application/x-www-form-urlencoded',
  accept: 'application/json',
  'user-agent': 'passport-worksection',
});

/**
 * @internal
 * POSTs `form` as `application/x-www-form-urlencoded` (secrets stay out of the URL) to one of Worksection's OAuth
 * endpoints and reads a JSON answer. Rejects with a typed error when the exchange does not complete within
 * `timeout`, the answer is a redirect (never followed), is not JSON, is cut short or is over 1 MiB. `label` names the
 * endpoint in messages. The account-API client sends through the same two transports, with its own cap, bytes
 * bodies and streamed downloads: see `requestBytes`.
 */
export function postForm(url: string, form: Record<string, string>, settings: HttpSettings, label: string): Promise<JsonAnswer> {
  const request: JsonRequest = { method: 'POST', body: stringify(form) };
  return settings.fetch
    ? viaFetch(settings.fetch, url, request, { ...FORM_HEADERS }, settings.timeout, label)
    : settings.transport.send(url, request, FORM_HEADERS, settings.timeout, label);
}
