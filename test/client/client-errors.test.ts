import {
  API_ERROR,
  NETWORK_ERROR,
  RATE_LIMITED,
  REAUTH_REQUIRED,
  REFRESH_FAILED,
  WorksectionApiError,
  WorksectionError,
  WorksectionOAuthError,
  WorksectionNetworkError,
  WorksectionRateLimitError,
  WorksectionReauthError,
  WorksectionRefreshError,
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

  it('for a cause that is not an OAuth error, names its code', () => {
    const err = new WorksectionReauthError(new WorksectionTimeoutError('no answer', 100));
    expect(err.reason).toBe('WORKSECTION_TIMEOUT');
    expect(err.message).toMatch(/failed \(WORKSECTION_TIMEOUT\)/);
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

describe('WorksectionRefreshError', () => {
  const cause = new WorksectionNetworkError('reset', { status: 200 }, new Error('ECONNRESET'));
  const err = new WorksectionRefreshError(cause);

  it('is retryable, names the failure, and says the tokens were kept and the next call tries again', () => {
    expect(err).toBeInstanceOf(WorksectionError);
    expect(err).toMatchObject({ name: 'WorksectionRefreshError', code: REFRESH_FAILED, reason: NETWORK_ERROR, retryable: true, cause });
    expect(err.message).toMatch(/did not complete \(WORKSECTION_NETWORK_ERROR\)/);
    expect(err.message).toMatch(/tokens were kept and the next call tries the refresh again/);
  });

  it('keeps a summary of a foreign cause, never the error itself', () => {
    const foreign = Object.assign(new Error('GET https://x/?refresh_token=secret'), { code: 'ECONNREFUSED' });
    const wrapped = new WorksectionRefreshError(foreign);
    expect(wrapped.reason).toBe('unknown');
    expect((wrapped.cause as Error).message).toBe('ECONNREFUSED');
  });

  it('serialises to its safe fields', () => {
    expect(JSON.parse(JSON.stringify(err))).toEqual({
      name: 'WorksectionRefreshError',
      code: REFRESH_FAILED,
      message: err.message,
      reason: NETWORK_ERROR,
      retryable: true,
    });
  });
});

describe('WorksectionRateLimitError', () => {
  it('carries retryAfter in milliseconds and the HTTP status when Worksection refused', () => {
    const err = new WorksectionRateLimitError('slow down', 2000, 429);
    expect(err).toBeInstanceOf(WorksectionError);
    expect(JSON.parse(JSON.stringify(err))).toEqual({
      name: 'WorksectionRateLimitError',
      code: RATE_LIMITED,
      message: 'slow down',
      status: 429,
      retryAfter: 2000,
      retryable: true,
    });
  });

  it('has no retryAfter when none was given', () => {
    const err = new WorksectionRateLimitError('slow down');
    expect(err.retryAfter).toBeUndefined();
    expect(JSON.parse(JSON.stringify(err))).not.toHaveProperty('retryAfter');
  });
});
