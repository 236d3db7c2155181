import { readCookies, serializeCookie } from '../../src/state-cookie/cookie-header';

describe('readCookies', () => {
  it('reads the cookies whose names start with the prefix', () => {
    const found = readCookies('a=1; ws_x=2;ws_y = 3 ; other=4', 'ws_');
    expect(Object.fromEntries(found)).toEqual({ ws_x: '2', ws_y: '3' });
  });

  it('drops a name sent twice, since either copy may be an attacker’s', () => {
    expect(Object.fromEntries(readCookies('ws_x=1; ws_x=2; ws_y=3', 'ws_'))).toEqual({ ws_y: '3' });
  });

  it('reads nothing from an absent or absurdly long header, and every cookie of one a browser sends', () => {
    expect(readCookies(undefined, 'ws_').size).toBe(0);
    expect(readCookies(`ws_x=${'a'.repeat(20_000)}`, 'ws_').size).toBe(0);
    const many = Array.from({ length: 100 }, (_, i) => `ws_${i}=v`).join('; ');
    expect(readCookies(many, 'ws_').size).toBe(100);
  });
});

describe('serializeCookie', () => {
  it('always sets HttpOnly and SameSite=Lax, and Secure when asked', () => {
    expect(serializeCookie('n', 'v', { path: '/cb', secure: false }, 600)).toBe('n=v; Path=/cb; Max-Age=600; HttpOnly; SameSite=Lax');
    expect(serializeCookie('n', '', { path: '/', secure: true }, 0)).toBe('n=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure');
  });
});
