import { BODY_TOO_LARGE, INVALID_JSON, UNEXPECTED_CONTENT_TYPE, UNEXPECTED_REDIRECT, UNEXPECTED_STATUS } from '../errors/codes';
import { summarizeCause } from '../errors/cause-summary';
import { parseJson } from '../shared/safe-json';
import { COOPERATIVE_THRESHOLD, parseJsonCooperatively } from '../shared/cooperative-json';
import { WorksectionNetworkError } from '../errors/network-error';
import { WorksectionResponseError } from '../errors/response-error';
import { WorksectionTimeoutError } from '../errors/timeout-error';
import { type ResponseFacts } from '../errors/worksection-error';

/**
 * The 1 MiB cap on an answer from Worksection's OAuth endpoints (token, refresh, resource), whose real answers are
 * under 4 KiB, and on the JSON refusal of a download. The account API's other answers are capped at
 * {@link MAX_API_BODY_BYTES}.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/** @internal A JSON answer, whatever its status. */
export interface JsonAnswer {
  status: number;
  contentType: string | undefined;
  body: unknown;
  /** The body as received. */
  text: string;
  /** The `Retry-After` header, when the answer had one (a rate-limit refusal says when to try again). */
  retryAfter?: string;
  /** Never set: tells a JSON answer from a {@link StreamedAnswer}. */
  streamed?: undefined;
}

/** @internal What an answer's status line and headers say, whichever transport carried it. */
export interface Head {
  status: number;
  contentType: string | undefined;
  contentLength: string | undefined;
  /** A redirect a browser-style fetch hides behind `redirect: 'manual'` (status 0). */
  opaqueRedirect: boolean;
  /** The `Retry-After` header, if any: kept on the answer. */
  retryAfter?: string | undefined;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * @internal
 * What is refused before reading the body: a redirect, a content type other than JSON, a declared size over `cap`
 * (`accountApi`: the messages name the client's `accountUrl` option rather than the endpoint options).
 */
export function checkHead(head: Head, label: string, cap: number, accountApi: boolean | undefined): WorksectionResponseError | undefined {
  const facts = factsOf(head);
  if (head.opaqueRedirect || (head.status >= 300 && head.status < 400)) {
    return new WorksectionResponseError(
      `${label} answered with a redirect (${shown(head)}), which is not followed so that credentials are not ` +
        `re-sent elsewhere. Check ${optionsOf(accountApi)}.`,
      UNEXPECTED_REDIRECT,
      facts,
    );
  }
  const ok = head.status >= 200 && head.status < 300;
  if (head.contentType !== undefined && !JSON_TYPE.test(head.contentType)) {
    return new WorksectionResponseError(
      ok
        ? `${label} answered ${shown(head)} instead of JSON. Check ${optionsOf(accountApi)}; if they are right, Worksection is having trouble: try again later.`
        : `${label} answered ${shown(head)} instead of a JSON answer: Worksection or a proxy in front of it is having trouble. Try again later.`,
      ok ? UNEXPECTED_CONTENT_TYPE : UNEXPECTED_STATUS,
      facts,
    );
  }
  if (Number(head.contentLength ?? NaN) > cap) return tooLarge(label, head, cap, accountApi);
  return undefined;
}

/** @internal A file: the answer an exchange asked to stream streams (a 2xx whose type is not JSON, or missing). */
export function isFile(head: Head): boolean {
  return head.status >= 200 && head.status < 300 && !JSON_TYPE.test(head.contentType ?? '');
}

/**
 * @internal Parses a complete body as JSON; a body that is not (cut short, HTML…) is a typed error. A body over
 * 1 MiB is parsed piece by piece, giving the event loop a turn every 10 ms ({@link parseJsonCooperatively}); a
 * smaller one at once, without a promise (two answers of a few KiB on every sign-in).
 */
export function parseAnswer(head: Head, text: string, label: string): JsonAnswer | Promise<JsonAnswer> {
  if (text.length <= COOPERATIVE_THRESHOLD) return answerOf(head, text, parseJsonOr(head, text, label, parseJson));
  return parseJsonCooperatively(text).then(
    (body) => answerOf(head, text, body),
    () => {
      throw notJson(head, label);
    },
  );
}

function parseJsonOr(head: Head, text: string, label: string, parse: (text: string) => unknown): unknown {
  try {
    return parse(text);
  } catch {
    throw notJson(head, label);
  }
}

function answerOf(head: Head, text: string, body: unknown): JsonAnswer {
  const answer: JsonAnswer = { status: head.status, contentType: head.contentType, body, text };
  if (head.retryAfter !== undefined) answer.retryAfter = head.retryAfter;
  return answer;
}

function notJson(head: Head, label: string): WorksectionResponseError {
  const ok = head.status >= 200 && head.status < 300;
  return new WorksectionResponseError(
    ok
      ? `${label} answered ${shown(head)} with a body that is not valid JSON (it may have been cut short). Try again later.`
      : `${label} answered ${shown(head)} with a body that is not valid JSON: Worksection is having trouble. Try again later.`,
    ok ? INVALID_JSON : UNEXPECTED_STATUS,
    factsOf(head),
  );
}

function factsOf(head: Head): ResponseFacts {
  return { status: head.status, contentType: head.contentType };
}

function shown(head: Head): string {
  return `HTTP ${head.status}${head.contentType ? ` (${head.contentType})` : ''}`;
}

/** @internal The error of an exchange that did not complete within `timeout`. */
export function timedOut(label: string, timeout: number): WorksectionTimeoutError {
  return new WorksectionTimeoutError(
    `${label} did not answer within ${timeout} ms; the connection was closed. ` +
      'Worksection may be slow or unreachable: try again, or raise the `timeout` option.',
    timeout,
  );
}

/** @internal No answer at all: refused, reset before the head, DNS… */
export function unreachable(label: string, err: unknown): WorksectionNetworkError {
  const cause = summarizeCause(err);
  return new WorksectionNetworkError(`Could not reach ${label} (${cause.message}). Check the network and the baseURL option.`, {}, cause);
}

/** @internal The connection broke after the head, while the body was being read. */
export function broken(label: string, head: Head, err: unknown): WorksectionNetworkError {
  const cause = summarizeCause(err);
  return new WorksectionNetworkError(
    `The connection to ${label} broke while reading its answer (${shown(head)}, ${cause.message}). Try again.`,
    factsOf(head),
    cause,
  );
}

/** The options that decide where a request went: the account-API client has no endpoint options, only `accountUrl`. */
function optionsOf(accountApi: boolean | undefined): string {
  return accountApi ? 'the accountUrl option' : 'the baseURL and endpoint options';
}

/**
 * @internal
 * An answer over `cap` bytes, declared or streamed. The account-API client (`accountApi`) has no endpoint options:
 * its message names its `accountUrl` option instead (and, as it always has, the status without the content type).
 */
export function tooLarge(label: string, head: Head, cap: number, accountApi: boolean | undefined): WorksectionResponseError {
  return new WorksectionResponseError(
    `${label} answered ${accountApi ? `HTTP ${head.status}` : shown(head)} with a body over the ${cap}-byte cap; it was not read. ` +
      `Worksection or a proxy is misbehaving: check ${optionsOf(accountApi)}.`,
    BODY_TOO_LARGE,
    factsOf(head),
  );
}
