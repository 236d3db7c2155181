import { checkAccountUrl } from './account-url';
import { INVALID_RESPONSE } from '../errors/codes';
import { WorksectionResponseError } from '../errors/response-error';
import { postForm } from '../http/request';
import { type HttpSettings } from '../http/settings';
import { readOAuthAnswer } from './oauth-answer';

/** The longest `expires_in` accepted from Worksection, in seconds: a year (its access tokens live a day). */
export const MAX_EXPIRES_IN = 31_536_000;

/** @internal What a token request needs besides its form. */
export interface TokenContext {
  http: HttpSettings;
  /** For the account_url check. */
  baseURL: string;
}

/** @internal A checked answer of `/oauth2/token` or `/oauth2/refresh`. */
export interface TokenResponse {
  accessToken: string;
  refreshToken?: string;
  tokenType: 'Bearer';
  expiresIn: number;
  accountUrl?: string;
  /** The parsed body. */
  json: Record<string, unknown>;
}

/**
 * @internal
 * POSTs a token request (`form` includes the client credentials and the code or refresh token) and checks the
 * answer: an `error` body rejects whatever the status; `access_token` must be a string, `token_type` Bearer
 * (Worksection sends "Bearer", its docs "bearer"), `expires_in` a number, `refresh_token` a string (required
 * when refreshing, since Worksection rotates them) and `account_url`, when present, trusted.
 */
export async function requestTokens(context: TokenContext, url: string, form: Record<string, string>): Promise<TokenResponse> {
  const refreshing = form.grant_type === 'refresh_token';
  const label = `Worksection's ${refreshing ? 'refresh' : 'token'} endpoint (${url})`;
  const secrets = [form.client_secret, form.code, form.refresh_token].filter((s): s is string => !!s);
  const answer = await postForm(url, form, context.http, label);
  const json = readOAuthAnswer(answer, label, secrets);
  const facts = { status: answer.status, contentType: answer.contentType };
  const invalid = (what: string): WorksectionResponseError =>
    new WorksectionResponseError(
      `${label} answered HTTP ${answer.status} but ${what}. Check the endpoint options; if they are right, Worksection is misbehaving.`,
      INVALID_RESPONSE,
      facts,
    );

  if (typeof json.access_token !== 'string' || json.access_token === '') throw invalid('its access_token is missing or not a string');
  if (typeof json.token_type !== 'string' || json.token_type.toLowerCase() !== 'bearer') {
    throw invalid('its token_type is not Bearer');
  }
  // Bounded: Worksection's tokens live a day, and an absurd lifetime would keep a token "fresh" for ever.
  if (typeof json.expires_in !== 'number' || !Number.isFinite(json.expires_in) || json.expires_in < 0 || json.expires_in > MAX_EXPIRES_IN) {
    throw invalid(`its expires_in is missing, not a number, or over a year (${MAX_EXPIRES_IN} s)`);
  }
  const hasRefresh = json.refresh_token !== undefined && json.refresh_token !== null;
  if (hasRefresh ? typeof json.refresh_token !== 'string' || json.refresh_token === '' : refreshing) {
    throw invalid('its refresh_token is missing or not a string');
  }
  const response: TokenResponse = { accessToken: json.access_token, tokenType: 'Bearer', expiresIn: json.expires_in, json };
  if (hasRefresh) response.refreshToken = json.refresh_token as string;
  // The live /oauth2/refresh answer has no account_url (its docs show one): optional, checked when present.
  if (json.account_url !== undefined && json.account_url !== null) {
    response.accountUrl = checkAccountUrl(json.account_url, context.baseURL, label);
  }
  return response;
}
