import { INVALID_RESPONSE, UNEXPECTED_STATUS } from '../errors/codes';
import { WorksectionOAuthError } from '../errors/oauth-error';
import { WorksectionResponseError } from '../errors/response-error';
import type { JsonAnswer } from '../http/answer';
import { clip } from '../shared/clip';
import { isRecord } from '../shared/is-record';
import { redact } from '../shared/redact';

/**
 * @internal
 * Reads a JSON answer of Worksection's `/oauth2/*` endpoints. Worksection reports errors with HTTP 200 and a
 * camelCase `errorDescription`, so any body with an `error` field is an error whatever the status; the
 * standard `error_description` is read too. `secrets` (what we sent) are blanked out of the provider's words
 * in case a misbehaving server echoes them.
 */
export function readOAuthAnswer(answer: JsonAnswer, label: string, secrets: string[]): Record<string, unknown> {
  const { status, contentType, body } = answer;
  const json = isRecord(body) ? body : undefined;
  if (json && json.error !== undefined && json.error !== null) {
    throw oauthErrorFromBody(json, status, label, secrets);
  }
  if (status < 200 || status >= 300) {
    throw new WorksectionResponseError(
      `${label} answered HTTP ${status} without an OAuth error: Worksection is having trouble. Try again later.`,
      UNEXPECTED_STATUS,
      { status, contentType },
    );
  }
  if (!json) {
    throw new WorksectionResponseError(
      `${label} answered HTTP ${status} with JSON that is not an object. Check the endpoint options.`,
      INVALID_RESPONSE,
      { status, contentType },
    );
  }
  return json;
}

/** @internal Builds the typed error for a body that has an `error` field. */
export function oauthErrorFromBody(json: Record<string, unknown>, status: number, label: string, secrets: string[]): WorksectionOAuthError {
  // Cut before the search for secrets, which a megabyte of text would make slow; it finds a secret cut at the edge too.
  const error =
    typeof json.error === 'string' && json.error !== '' ? clip(redact(json.error.slice(0, 4096), secrets), 200) : 'invalid_response';
  const raw = typeof json.errorDescription === 'string' ? json.errorDescription : json.error_description;
  const description = typeof raw === 'string' ? clip(redact(raw.slice(0, 4096), secrets), 200) : undefined;
  const words = description === undefined ? error : `${error}: ${description}`;
  return new WorksectionOAuthError(`${label} refused the request (${words}). ${advice(error)}`, error, description, status);
}

function advice(error: string): string {
  switch (error) {
    case 'invalid_client':
      return 'Check the clientID and clientSecret options against the app registered in Worksection.';
    case 'invalid_request':
    case 'invalid_grant':
      return 'Sign in again to get a fresh authorization.';
    case 'not_authorized':
      return 'The access token was not accepted: refresh it or sign in again.';
    default:
      return 'See the error and description fields.';
  }
}
