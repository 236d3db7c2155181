import { checkAccountUrl } from '../../src/oauth/account-url';
import { UNTRUSTED_ACCOUNT_URL } from '../../src/errors/codes';
import { errorContaining } from '../helpers/errors';

const BASE = 'https://worksection.com';

describe('checkAccountUrl', () => {
  it.each(['https://acc1234.worksection.com', 'https://worksection.com', 'https://a.b.worksection.com/'])('accepts %s', (url) => {
    expect(checkAccountUrl(url, BASE, 'x')).toBe(url);
  });

  it('accepts an account on the origin of baseURL, as the emulator serves them', () => {
    expect(checkAccountUrl('http://127.0.0.1:4000/acc1234', 'http://127.0.0.1:4000', 'x')).toBe('http://127.0.0.1:4000/acc1234');
  });

  it.each([
    'http://acc1234.worksection.com',
    'https://acc1234.worksection.com.evil.example',
    'https://evilworksection.com',
    'https://user:pass@acc1234.worksection.com',
    'http://127.0.0.1:4001/acc1234',
    'not a url',
    '',
    null,
    42,
  ])('refuses %p', (url) => {
    expect(() => checkAccountUrl(url, 'http://127.0.0.1:4000', 'x')).toThrow(errorContaining({ code: UNTRUSTED_ACCOUNT_URL }));
  });

  it('remembers an accepted URL only for the baseURL it was accepted for: on another origin it is refused again', () => {
    const account = 'http://127.0.0.1:4100/acc1';
    expect(checkAccountUrl(account, 'http://127.0.0.1:4100', 'x')).toBe(account);
    expect(checkAccountUrl(account, 'http://127.0.0.1:4100', 'x')).toBe(account);
    expect(() => checkAccountUrl(account, 'http://127.0.0.1:4200', 'x')).toThrow(errorContaining({ code: UNTRUSTED_ACCOUNT_URL }));
  });

  it('does not remember a refusal: the same URL is accepted once it is on the origin of baseURL', () => {
    const account = 'http://127.0.0.1:4300/acc1';
    expect(() => checkAccountUrl(account, 'http://127.0.0.1:4400', 'x')).toThrow(errorContaining({ code: UNTRUSTED_ACCOUNT_URL }));
    expect(checkAccountUrl(account, 'http://127.0.0.1:4300', 'x')).toBe(account);
  });
});
