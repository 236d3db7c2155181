import {
  API_ERROR,
  REAUTH_REQUIRED,
  WorksectionApiError,
  WorksectionError,
  WorksectionOAuthError,
  WorksectionReauthError,
  WorksectionTimeoutError,
} from '../../src';

describe('WorksectionApiError', () => {
  const err = new WorksectionApiError('get_users', 403, 'Access denied', 'users_read', 200);

  it("keeps Worksection's status_code, message and message_details apart from the HTTP status", () => {
    expect(err).toBeInstanceOf(WorksectionError);
    expect(err).toMatchObject({
      name: 'WorksectionApiError',
      code: API_ERROR,
      action: 'get_users',
      statusCode: 403,
      message: 'Access denied',
      details: 'users_read',
      status: 200,
    });
  });

  it('serialises to its safe fields', () => {
    expect(JSON.parse(JSON.stringify(err))).toEqual({
      name: 'WorksectionApiError',
      code: API_ERROR,
      message: 'Access denied',
      status: 200,
      action: 'get_users',
      statusCode: 403,
      details: 'users_read',
    });
    expect(String(err)).toBe('WorksectionApiError: Access denied');
  });
});

describe('WorksectionReauthError', () => {
  it("names Worksection's refusal and tells the app to sign the user in again", () => {
    const cause = new WorksectionOAuthError('refused', 'invalid_request', 'Token has been revoked', 200);
    const err = new WorksectionReauthError(cause);
    expect(err).toBeInstanceOf(WorksectionError);
    expect(err).toMatchObject({ name: 'WorksectionReauthError', code: REAUTH_REQUIRED, reason: 'invalid_request', cause });
    expect(err.message).toMatch(/invalid_request: Token has been revoked/);
    expect(err.message).toMatch(/Sign in with Worksection" again/);
  });

  it('for a lost answer, says the refresh is not retried and why', () => {
    const err = new WorksectionReauthError(new WorksectionTimeoutError('no answer', 100));
    expect(err.reason).toBe('WORKSECTION_TIMEOUT');
    expect(err.message).toMatch(/may already have rotated the refresh token, so it is not retried/);
  });

  it('serialises without its cause', () => {
    const err = new WorksectionReauthError(new Error('low-level detail'));
    expect(JSON.parse(JSON.stringify(err))).toEqual({
      name: 'WorksectionReauthError',
      code: REAUTH_REQUIRED,
      message: err.message,
      reason: 'unknown',
    });
  });
});
