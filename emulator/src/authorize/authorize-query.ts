import { isScope, splitScopes } from '../oauth/scopes';
import type { Directory } from '../directory/directory';
import { OAuthError } from '../errors/oauth-error';
import { invalidClient, invalidRequest, invalidScope, unsupportedResponseType } from '../oauth/league-exceptions';
import { readCodeChallenge, type CodeChallenge } from '../oauth/pkce';
import { isAcceptableRedirectUri } from './redirect-uri';
import type { EmulatorClient } from '../types';

/** A request to /oauth2/authorize that passed every check. */
export interface AuthorizationRequest {
  client: EmulatorClient;
  redirectUri: string;
  state: string;
  /** Requested scopes, de-duplicated, in request order. */
  scopes: string[];
  /** The PKCE challenge, when the request carried one (and the emulator does not ignore it). */
  codeChallenge?: CodeChallenge;
}

/**
 * The outcome of checking the query of /oauth2/authorize:
 * - `page`: the client or redirect URI cannot be trusted, or the PKCE challenge is malformed, so the error is
 *   shown and the browser is never redirected (league throws these without a redirect URI);
 * - `redirect`: the redirect URI is trusted, so the error goes back to it with `state` (league's error
 *   redirect: `error`, `error_description`, `hint`, `message`), and no code is issued;
 * - `ok`: go on to sign-in and consent.
 */
export type AuthorizeCheck =
  | { kind: 'page'; status: number; error: OAuthError; detail?: string }
  | { kind: 'redirect'; redirectUri: string; state?: string; error: OAuthError }
  | { kind: 'ok'; request: AuthorizationRequest };

/** How strict {@link checkAuthorizeQuery} is: the emulator options that shape it. */
export interface AuthorizeRules {
  strictHttps: boolean;
  /** Granted when the request names no scope; null refuses such a request with invalid_scope. */
  defaultScopes: readonly string[] | null;
  /** Drop `code_challenge` and `code_challenge_method` unread, as a front end that does not pass them to league would. */
  ignoreCodeChallenge: boolean;
}

/** Checks an /oauth2/authorize query in league 8.x's order (`AuthCodeGrant::validateAuthorizationRequest`). */
export function checkAuthorizeQuery(directory: Directory, query: URLSearchParams, rules: AuthorizeRules): AuthorizeCheck {
  const { strictHttps } = rules;
  const clientId = query.get('client_id');
  if (clientId === null || clientId === '') return { kind: 'page', status: 400, error: invalidRequest('client_id') };
  const client = directory.client(clientId);
  if (!client) return { kind: 'page', status: 401, error: invalidClient(), detail: `No application has the client_id "${clientId}".` };

  const redirectUri = query.get('redirect_uri');
  // Worksection documents redirect_uri as required, so the emulator does not fall back to a registered one.
  if (redirectUri === null || redirectUri === '') return { kind: 'page', status: 400, error: invalidRequest('redirect_uri') };
  if (!client.redirectUris.includes(redirectUri)) {
    return {
      kind: 'page',
      status: 401,
      error: invalidClient(),
      detail: `"${redirectUri}" is not a redirect URI registered for this application (they must match exactly).`,
    };
  }
  if (!isAcceptableRedirectUri(redirectUri, strictHttps)) {
    const hint = strictHttps
      ? 'The redirect URI must use HTTPS'
      : 'The redirect URI must use HTTPS (http is accepted for localhost, 127.0.0.0/8 and [::1] only)';
    return { kind: 'page', status: 400, error: invalidRequest('redirect_uri', hint) };
  }

  const state = query.get('state') ?? undefined;
  const stateForRedirect = state === '' ? undefined : state;
  if (query.get('response_type') !== 'code') {
    return { kind: 'redirect', redirectUri, state: stateForRedirect, error: unsupportedResponseType() };
  }
  let scopes = [...new Set(splitScopes(query.get('scope') ?? ''))];
  if (scopes.length === 0) {
    // league refuses an empty scope unless the server has a default scope. Worksection has one: the Postman
    // collection's live capture asks with `scope=` and gets a token whose `scopes` claim lists all 17.
    if (rules.defaultScopes === null) return { kind: 'redirect', redirectUri, state: stateForRedirect, error: invalidScope('') };
    scopes = [...rules.defaultScopes];
  }
  const unknown = scopes.find((s) => !isScope(s));
  if (unknown !== undefined) return { kind: 'redirect', redirectUri, state: stateForRedirect, error: invalidScope(unknown) };
  // league checks the challenge right after the scopes and throws without a redirect URI: an error page.
  const codeChallenge = rules.ignoreCodeChallenge ? undefined : readCodeChallenge(query);
  if (codeChallenge instanceof OAuthError) return { kind: 'page', status: 400, error: codeChallenge };
  // league treats state as optional; Worksection documents it as required, and a missing state is how CSRF on
  // the callback goes unnoticed, so the emulator refuses to issue a code without one.
  if (stateForRedirect === undefined) return { kind: 'redirect', redirectUri, error: invalidRequest('state') };

  const request: AuthorizationRequest = { client, redirectUri, state: stateForRedirect, scopes };
  if (codeChallenge) request.codeChallenge = codeChallenge;
  return { kind: 'ok', request };
}

/** league's error redirect payload, plus `state` when there is one. */
export function errorRedirectParams(error: OAuthError, state: string | undefined): Record<string, string | undefined> {
  return { error: error.error, error_description: error.message, hint: error.hint, message: error.message, state };
}
