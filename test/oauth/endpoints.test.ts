import { isLoopback, isWorksectionHost, resolveEndpoints } from '../../src/oauth/endpoints';
import { errorContaining } from '../helpers/errors';

describe('resolveEndpoints', () => {
  it("defaults to Worksection's four endpoints", () => {
    expect(resolveEndpoints({})).toEqual({
      baseURL: 'https://worksection.com',
      authorizationURL: 'https://worksection.com/oauth2/authorize',
      tokenURL: 'https://worksection.com/oauth2/token',
      refreshURL: 'https://worksection.com/oauth2/refresh',
      profileURL: 'https://worksection.com/oauth2/resource',
    });
  });

  it('derives them from baseURL, trailing slash or not, and lets each be overridden', () => {
    const endpoints = resolveEndpoints({ baseURL: 'http://localhost:4000/', refreshURL: 'https://refresh.example/r' });
    expect(endpoints.tokenURL).toBe('http://localhost:4000/oauth2/token');
    expect(endpoints.refreshURL).toBe('https://refresh.example/r');
  });

  it.each(['http://worksection.com', 'ftp://127.0.0.1', 'worksection.com', '', 'https://user:pw@worksection.com'])(
    'refuses the baseURL %p',
    (baseURL) => {
      expect(() => resolveEndpoints({ baseURL })).toThrow(errorContaining({ option: 'baseURL' }));
    },
  );
});

describe('host checks', () => {
  it('knows loopback hosts', () => {
    expect(['localhost', '127.0.0.1', '127.1.2.3', '[::1]'].every(isLoopback)).toBe(true);
    expect(['localhost.example', '128.0.0.1', '0.0.0.0'].some(isLoopback)).toBe(false);
  });

  it('knows worksection.com and its subdomains only', () => {
    expect(['worksection.com', 'acc1234.worksection.com'].every(isWorksectionHost)).toBe(true);
    expect(['evilworksection.com', 'worksection.com.evil.example'].some(isWorksectionHost)).toBe(false);
  });
});
