import { OAuthError } from '../errors/oauth-error';

const INVALID_REQUEST =
  'The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.';

/** league's `OAuthServerException::invalidRequest($parameter, $hint)`. */
export function invalidRequest(parameter: string, hint?: string): OAuthError {
  return new OAuthError('invalid_request', INVALID_REQUEST, hint ?? `Check the \`${parameter}\` parameter`);
}

/** league's `OAuthServerException::invalidClient()`. */
export function invalidClient(): OAuthError {
  return new OAuthError('invalid_client', 'Client authentication failed');
}

/** league's `OAuthServerException::invalidScope($scope)`. */
export function invalidScope(scope: string): OAuthError {
  return new OAuthError(
    'invalid_scope',
    'The requested scope is invalid, unknown, or malformed',
    scope === '' ? 'Specify a scope in the request or set a default scope' : `Check the \`${scope}\` scope`,
  );
}

/** league's `OAuthServerException::invalidGrant($hint)`: at the token step, a PKCE verifier that does not match. */
export function invalidGrant(hint: string): OAuthError {
  return new OAuthError(
    'invalid_grant',
    'The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, ' +
      'expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
    hint,
  );
}

/** league 8.x's `OAuthServerException::invalidRefreshToken($hint)`: still `invalid_request` in 8.x, as Worksection shows. */
export function invalidRefreshToken(hint: string): OAuthError {
  return new OAuthError('invalid_request', 'The refresh token is invalid.', hint);
}

/** league's `OAuthServerException::unsupportedGrantType()`. */
export function unsupportedGrantType(): OAuthError {
  return new OAuthError(
    'unsupported_grant_type',
    'The authorization grant type is not supported by the authorization server.',
    'Check that all required parameters have been provided',
  );
}

/** league's `OAuthServerException::accessDenied()` as the authorization server sends it when the user says no. */
export function accessDenied(): OAuthError {
  return new OAuthError('access_denied', 'The resource owner or authorization server denied the request.', 'The user denied the request');
}

/** RFC 6749 §4.1.2.1 `unsupported_response_type`, in league's message-plus-hint form. */
export function unsupportedResponseType(): OAuthError {
  return new OAuthError(
    'unsupported_response_type',
    'The authorization server does not support obtaining an authorization code using this method.',
    'Check the `response_type` parameter',
  );
}
