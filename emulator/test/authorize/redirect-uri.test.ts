import { isLoopback } from '../../src/shared/loopback';
import { isAcceptableRedirectUri, withQuery } from '../../src/authorize/redirect-uri';

describe('redirect URI rules', () => {
  it('accepts https anywhere', () => {
    expect(isAcceptableRedirectUri('https://app.example/cb', true)).toBe(true);
    expect(isAcceptableRedirectUri('https://localhost:3000/cb', true)).toBe(true);
  });

  it('accepts http only on loopback hosts, and not at all when strict', () => {
    for (const uri of ['http://localhost:3000/cb', 'http://127.0.0.1/cb', 'http://127.200.1.9:8/cb', 'http://[::1]:3000/cb']) {
      expect(isAcceptableRedirectUri(uri, false)).toBe(true);
      expect(isAcceptableRedirectUri(uri, true)).toBe(false);
    }
    for (const uri of [
      'http://app.example/cb',
      'http://localhost.evil.example/cb',
      'http://127.0.0.1.evil.example/cb',
      'http://10.0.0.1/cb',
    ]) {
      expect(isAcceptableRedirectUri(uri, false)).toBe(false);
    }
  });

  it('refuses other schemes, fragments and non-URLs', () => {
    for (const uri of ['ftp://localhost/cb', 'javascript:alert(1)', 'https://app.example/cb#x', 'not a url']) {
      expect(isAcceptableRedirectUri(uri, false)).toBe(false);
    }
  });

  it('knows the loopback hosts', () => {
    expect(isLoopback('LOCALHOST')).toBe(true);
    expect(isLoopback('[::1]')).toBe(true);
    expect(isLoopback('128.0.0.1')).toBe(false);
  });

  it('appends parameters to an existing query and skips undefined ones', () => {
    expect(withQuery('https://a.example/cb?x=1', { code: 'c d', state: undefined })).toBe('https://a.example/cb?x=1&code=c+d');
  });
});
