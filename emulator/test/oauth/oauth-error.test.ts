import { invalidClient, invalidRefreshToken, invalidRequest, invalidScope, unsupportedGrantType } from '../../src/oauth/league-exceptions';

describe('league-style OAuth errors', () => {
  it('use the hint as errorDescription when there is one, else the message', () => {
    expect(JSON.stringify(invalidClient().body())).toBe('{"error":"invalid_client","errorDescription":"Client authentication failed"}');
    expect(JSON.stringify(invalidRequest('code', 'Authorization code has been revoked').body())).toBe(
      '{"error":"invalid_request","errorDescription":"Authorization code has been revoked"}',
    );
    expect(invalidRequest('redirect_uri').description).toBe('Check the `redirect_uri` parameter');
  });

  it('report refresh token problems as invalid_request, as league 8.x and Worksection do', () => {
    expect(invalidRefreshToken('Cannot decrypt the refresh token').body()).toEqual({
      error: 'invalid_request',
      errorDescription: 'Cannot decrypt the refresh token',
    });
  });

  it('name the offending scope, or ask for one when none was given', () => {
    expect(invalidScope('email').description).toBe('Check the `email` scope');
    expect(invalidScope('').description).toBe('Specify a scope in the request or set a default scope');
    expect(unsupportedGrantType().error).toBe('unsupported_grant_type');
  });
});
