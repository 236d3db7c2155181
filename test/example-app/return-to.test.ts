import { MAX_RETURN_TO_LENGTH, safeReturnTo } from '../../example-app/return-to';

describe('safeReturnTo', () => {
  test.each([
    ['/profile', '/profile'],
    ['/profile?tab=scopes#top', '/profile?tab=scopes#top'],
    ['/a/b/../c', '/a/c'],
    ['/search?q=%2F%2Fnot-a-host', '/search?q=%2F%2Fnot-a-host'],
    ['/caf%C3%A9', '/caf%C3%A9'],
  ])('keeps the same-origin path %j as %j', (input, expected) => {
    expect(safeReturnTo(input)).toBe(expected);
  });

  // Payloads from open-redirect cheat sheets: each would send the browser to another origin if redirected to as is.
  test.each([
    '//evil.com',
    '///evil.com',
    '////evil.com',
    '/\\evil.com',
    '\\\\evil.com',
    '\\/evil.com',
    '/\\/evil.com',
    'https://evil.com',
    'http://evil.com/profile',
    'HTTPS://EVIL.COM',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'evil.com',
    'profile',
    '',
    ' /profile',
    '/%2Fevil.com',
    '/%2F%2Fevil.com',
    '%2F%2Fevil.com',
    '/%5Cevil.com',
    '/%5C%5Cevil.com',
    '%5C%5Cevil.com',
    '/%09/evil.com',
    '/\t/evil.com',
    '/\n/evil.com',
    '/\r\n/evil.com',
    '/\u0000/evil.com',
    '/..//evil.com',
    '/a/..//evil.com',
    '/./\\evil.com',
    '/%2e%2e//evil.com',
    '/%E0%A4%A', // malformed percent-encoding
    `/${'a'.repeat(MAX_RETURN_TO_LENGTH)}`,
  ])('refuses %j', (payload) => {
    expect(safeReturnTo(payload)).toBeUndefined();
  });

  test.each([undefined, null, 42, ['/profile'], { path: '/profile' }])('refuses the non-string %j', (value) => {
    expect(safeReturnTo(value)).toBeUndefined();
  });
});
