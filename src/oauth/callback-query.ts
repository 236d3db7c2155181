import { clip } from '../shared/clip';
import { WorksectionOAuthError } from '../errors/oauth-error';
import { isRecord } from '../shared/is-record';

/** @internal The OAuth fields of a callback request, each one value or absent. */
export interface CallbackFields {
  code: string | undefined;
  state: string | undefined;
  error: string | undefined;
  errorDescription: string | undefined;
}

/**
 * @internal
 * Reads `code`, `state`, `error` and `error_description` from the callback's query (or a form body, as
 * passport-oauth2 accepts). Returns undefined when one of them is repeated (`?code=a&code=b`) or nested
 * (`code[x]=1`): such a callback did not come from Worksection, and two values must never be forwarded as one.
 */
export function readCallback(query: unknown, body: unknown): CallbackFields | undefined {
  const q = isRecord(query) ? query : {};
  const b = isRecord(body) ? body : {};
  const fields: Partial<Record<keyof CallbackFields, string>> = {};
  for (const [name, key] of [
    ['code', 'code'],
    ['state', 'state'],
    ['error', 'error'],
    ['error_description', 'errorDescription'],
  ] as const) {
    const value = Object.hasOwn(q, name) ? q[name] : Object.hasOwn(b, name) ? b[name] : undefined;
    if (value === undefined) continue;
    if (typeof value !== 'string') return undefined;
    fields[key] = value;
  }
  return { code: fields.code, state: fields.state, error: fields.error, errorDescription: fields.errorDescription };
}

/** @internal Whether the request is Worksection sending the user back, rather than the start of a sign-in. */
export function isCallback(query: unknown, body: unknown): boolean {
  const q = isRecord(query) ? query : {};
  const b = isRecord(body) ? body : {};
  return ['code', 'state', 'error'].some((name) => Object.hasOwn(q, name) || Object.hasOwn(b, name));
}

/** @internal Any `error` on the callback but a denial (league: invalid_scope, server_error…): a developer or provider problem. */
export function authorizeError(fields: CallbackFields): WorksectionOAuthError {
  // The query is attacker-controlled: only a plausible error code goes into the message.
  const error = fields.error !== undefined && /^[a-z_]{1,64}$/.test(fields.error) ? fields.error : 'invalid_response';
  // Kept for the developer as one plain line: a forged link could otherwise write fake log lines or reversed text.
  const description = fields.errorDescription === undefined ? undefined : clip(fields.errorDescription, 500);
  const advice =
    error === 'invalid_scope'
      ? 'Check the scope option: Worksection accepts only its 17 scopes (see SCOPES).'
      : 'Check the scope, clientID and callbackURL options.';
  return new WorksectionOAuthError(
    `Worksection sent the user back with error "${error}" instead of an authorization code. ${advice} ` +
      "The description field has Worksection's own words.",
    error,
    description,
  );
}
