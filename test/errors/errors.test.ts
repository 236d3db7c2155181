import { INVALID_OPTION, OAUTH_ERROR, TIMEOUT, UNEXPECTED_STATUS } from '../../src/errors/codes';
import { WorksectionConfigError } from '../../src/errors/config-error';
import { WorksectionError } from '../../src/errors/worksection-error';
import { WorksectionNetworkError } from '../../src/errors/network-error';
import { WorksectionOAuthError } from '../../src/errors/oauth-error';
import { WorksectionResponseError } from '../../src/errors/response-error';
import { WorksectionTimeoutError } from '../../src/errors/timeout-error';

describe('error classes', () => {
  it('name each error after its class, also in the stack and String(err)', () => {
    const err = new WorksectionOAuthError('refused', 'invalid_client', 'Client authentication failed', 200);
    expect(err.name).toBe('WorksectionOAuthError');
    expect(String(err)).toBe('WorksectionOAuthError: refused');
    expect(err.stack?.split('\n')[0]).toBe('WorksectionOAuthError: refused');
    expect(Object.keys(err)).not.toContain('name');
  });

  it("give Worksection's refusals our stable code and keep its error, its description and the HTTP status apart", () => {
    const err = new WorksectionOAuthError('m', 'invalid_request', 'Authorization code has been revoked', 200);
    expect(err).toBeInstanceOf(WorksectionError);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({
      code: OAUTH_ERROR,
      error: 'invalid_request',
      description: 'Authorization code has been revoked',
      status: 200,
    });
  });

  it('give our own failures stable codes and keep status and content type', () => {
    expect(new WorksectionResponseError('m', UNEXPECTED_STATUS, { status: 502, contentType: 'text/html' })).toMatchObject({
      name: 'WorksectionResponseError',
      code: 'WORKSECTION_UNEXPECTED_STATUS',
      status: 502,
      contentType: 'text/html',
    });
    expect(new WorksectionTimeoutError('m', 300)).toMatchObject({ code: TIMEOUT, timeout: 300 });
    expect(new WorksectionConfigError('clientSecret', 'm')).toMatchObject({ code: INVALID_OPTION, option: 'clientSecret' });
  });

  it('serialize to their safe fields only, never the low-level cause', () => {
    const cause = Object.assign(new Error('socket hang up'), { secret: 'SECRET-MARKER' });
    const err = new WorksectionNetworkError('broke', { status: 200, contentType: 'application/json' }, cause);
    expect(err.cause).toBe(cause);
    expect(JSON.parse(JSON.stringify(err))).toEqual({
      name: 'WorksectionNetworkError',
      code: 'WORKSECTION_NETWORK_ERROR',
      message: 'broke',
      status: 200,
      contentType: 'application/json',
    });
  });
});
