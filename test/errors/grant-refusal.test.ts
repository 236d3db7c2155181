import { isGrantRefusal } from '../../src/errors/grant-refusal';
import { WorksectionApiError, WorksectionNetworkError, WorksectionOAuthError } from '../../src';

describe('isGrantRefusal', () => {
  it("is true for Worksection's OAuth refusals of a refresh token", () => {
    expect(isGrantRefusal(new WorksectionOAuthError('m', 'invalid_request', 'Token has been revoked', 200))).toBe(true);
    expect(isGrantRefusal(new WorksectionOAuthError('m', 'invalid_request', 'Cannot decrypt the refresh token', 200))).toBe(true);
    expect(isGrantRefusal(new WorksectionOAuthError('m', 'invalid_grant'))).toBe(true);
  });

  it('is false for answers that say nothing about the token: server_error, temporarily_unavailable, network and API errors', () => {
    expect(isGrantRefusal(new WorksectionOAuthError('m', 'server_error'))).toBe(false);
    expect(isGrantRefusal(new WorksectionOAuthError('m', 'temporarily_unavailable'))).toBe(false);
    expect(isGrantRefusal(new WorksectionNetworkError('m', {}, new Error('ECONNRESET')))).toBe(false);
    expect(isGrantRefusal(new WorksectionApiError('get_projects', 401, 'Access token is invalid', '', 401))).toBe(false);
    expect(isGrantRefusal(new Error('invalid_grant'))).toBe(false);
  });
});
