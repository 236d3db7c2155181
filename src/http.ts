import { stringify } from 'node:querystring';
import type { JsonAnswer } from './http-answer';
import { viaFetch } from './http-fetch';
import { viaNode } from './http-node';

export { MAX_BODY_BYTES } from './http-answer';

/**
 * A `fetch` implementation. Pass your own (the `fetch` option) to go through a proxy or to log requests; it must
 * honour `init.signal`, or timed-out connections stay open. Without one, requests go through `node:http(s)` with
 * a keep-alive pool, which costs a fraction of the CPU of Node's built-in fetch.
 */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

/** @internal How to talk to Worksection. */
export interface HttpSettings {
  /** A custom fetch; undefined for the built-in node:http(s) transport. */
  fetch?: FetchFunction;
  /** Milliseconds for the whole exchange, body included. */
  timeout: number;
}

/** @internal What {@link requestJson} sends: the method, extra headers and an optional body. */
export interface JsonRequest {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

/**
 * @internal
 * POSTs `form` as `application/x-www-form-urlencoded` (secrets stay out of the URL) and reads a JSON answer.
 * Rejects with a typed error when the exchange does not complete within `timeout`, the answer is a redirect
 * (never followed), is not JSON, is cut short or is over 1 MiB. `label` names the endpoint in messages.
 */
export function postForm(
  url: string,
  form: Record<string, string>,
  settings: HttpSettings,
  label: string,
): Promise<JsonAnswer> {
  const request: JsonRequest = {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: stringify(form),
  };
  return requestJson(url, request, settings, label);
}

/**
 * @internal
 * Sends `request` and reads a JSON answer, with the same timeout, redirect refusal and 1 MiB cap as
 * {@link postForm} (which the account-API client shares instead of a second HTTP stack).
 */
export function requestJson(url: string, request: JsonRequest, settings: HttpSettings, label: string): Promise<JsonAnswer> {
  const headers = { ...request.headers, accept: 'application/json', 'user-agent': 'passport-worksection' };
  return settings.fetch
    ? viaFetch(settings.fetch, url, request, headers, settings.timeout, label)
    : viaNode(url, request, headers, settings.timeout, label);
}
