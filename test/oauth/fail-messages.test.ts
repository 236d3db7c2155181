import { WorksectionOAuthError } from '../../src/errors/oauth-error';
import { WorksectionResponseError } from '../../src/errors/response-error';
import { UNEXPECTED_STATUS } from '../../src/errors/codes';
import { CODE_EXPIRED_MESSAGE, CODE_INVALID_MESSAGE, CODE_USED_MESSAGE, failureMessage } from '../../src/oauth/fail-messages';

const oauth = (error: string, description?: string) => new WorksectionOAuthError('m', error, description, 200);

describe('failureMessage', () => {
  it.each([
    ['Authorization code has been revoked', CODE_USED_MESSAGE],
    ['Authorization code has expired', CODE_EXPIRED_MESSAGE],
    ['Authorization code was not issued to this client', CODE_INVALID_MESSAGE],
    ['Cannot decrypt the authorization code', CODE_INVALID_MESSAGE],
    ['Check the `code` parameter', CODE_INVALID_MESSAGE],
  ])('sends the user back to sign in again for invalid_request "%s"', (description, message) => {
    expect(failureMessage(oauth('invalid_request', description))).toBe(message);
  });

  it('treats the standard invalid_grant as the user’s to fix', () => {
    expect(failureMessage(oauth('invalid_grant'))).toBe(CODE_INVALID_MESSAGE);
  });

  it.each([
    ['invalid_client', 'Client authentication failed'],
    ['invalid_request', 'Invalid redirect URI'],
    ['invalid_request', 'Check the `redirect_uri` parameter'],
    ['invalid_grant', 'redirect_uri mismatch'],
    ['server_error', 'The authorization server encountered an unexpected condition'],
  ])('leaves %s "%s" to the developer', (error, description) => {
    expect(failureMessage(oauth(error, description))).toBeUndefined();
  });

  it('leaves provider trouble to the developer', () => {
    expect(failureMessage(new WorksectionResponseError('m', UNEXPECTED_STATUS, { status: 502 }))).toBeUndefined();
    expect(failureMessage(new Error('x'))).toBeUndefined();
  });
});
