import { stringify } from 'node:querystring';
import type { JsonAnswer } from './answer';
import { viaFetch } from './fetch-transport';
import type { HttpSettings } from './settings';

/** @internal What {@link requestJson} sends: the method, extra headers and an optional body. */
export interface JsonRequest {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Abandons the exchange (closing its connection) when aborted: it then rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/**
 * @internal
 * POSTs `form` as `application/x-www-form-urlencoded` (secrets stay out of the URL) and reads a JSON answer.
 * Rejects with a typed error when the exchange does not complete within `timeout`, the answer is a redirect
 * (never followed), is not JSON, is cut short or is over 1 MiB. `label` names the endpoint in messages.
 */
export function postForm(url: string, form: Record<string, string>, settings: HttpSettings, label: string): Promise<JsonAnswer> {
  const request: JsonRequest = {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: stringify(form),
  };
  return requestJson(url, request, settings, label);
}

/**
 * @internal
 * Sends `request` to one of Worksection's OAuth endpoints and reads a JSON answer, with the same timeout, redirect
 * refusal and 1 MiB cap as {@link postForm}. The account-API client sends through the same two transports, with
 * its own cap, bytes bodies and streamed downloads: see `requestBytes`.
 */
export function requestJson(url: string, request: JsonRequest, settings: HttpSettings, label: string): Promise<JsonAnswer> {
  const headers = { ...request.headers, accept: 'application/json', 'user-agent': 'passport-worksection' };
  return settings.fetch
    ? viaFetch(settings.fetch, url, request, headers, settings.timeout, label)
    : settings.transport.send(url, request, headers, settings.timeout, label);
}
