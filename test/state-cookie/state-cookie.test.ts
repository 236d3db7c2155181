import { STATE_COOKIE_NAME, STATE_MAX_AGE, StateCookie } from '../../src/state-cookie/state-cookie';

const CALLBACK = 'https://app.example/auth/worksection/callback';

/** The `Cookie` header a browser sends back after these `Set-Cookie` values. */
const cookieOf = (...setCookies: string[]): string => setCookies.map((line) => line.split(';')[0]).join('; ');

function clocked(start = 1_000_000): { cookie: StateCookie; advance: (ms: number) => void } {
  let now = start;
  return {
    cookie: new StateCookie({ secrets: ['a-state-secret-0123456789'], now: () => now }),
    advance: (ms) => {
      now += ms;
    },
  };
}

describe('StateCookie', () => {
  it('issues a fresh state in a cookie of its own, limited to the callback path, for 600 s', () => {
    const { cookie } = clocked();
    const a = cookie.issue(CALLBACK);
    const b = cookie.issue(CALLBACK);
    expect(a.state).toMatch(/^[\w-]{32}$/);
    expect(a.state).not.toBe(b.state);
    expect(a.setCookie).toMatch(
      new RegExp(
        `^${STATE_COOKIE_NAME}_[\\w-]{8}=[\\w-]+; Path=/auth/worksection/callback; Max-Age=${STATE_MAX_AGE}; HttpOnly; SameSite=Lax; Secure$`,
      ),
    );
    expect(a.setCookie.split('=')[0]).not.toBe(b.setCookie.split('=')[0]);
    expect(cookie.issue('http://localhost/cb').setCookie).not.toContain('Secure');
  });

  it('accepts its state with the PKCE verifier, and clears every state cookie the request carried', () => {
    const { cookie } = clocked();
    const a = cookie.issue(CALLBACK, 'verifier-a');
    const b = cookie.issue(CALLBACK);
    const checked = cookie.check(cookieOf(a.setCookie, b.setCookie), a.state, CALLBACK);
    expect(checked).toMatchObject({ ok: true, codeVerifier: 'verifier-a' });
    expect(checked.setCookies).toHaveLength(2);
    for (const line of checked.setCookies)
      expect(line).toMatch(/=; Path=\/auth\/worksection\/callback; Max-Age=0; HttpOnly; SameSite=Lax; Secure$/);
  });

  it.each([
    ['no state', (c: string) => [c, undefined]],
    ['an empty state', (c: string) => [c, '']],
    ['a state given as a list', (c: string) => [c, ['x']]],
    ['no cookie', () => [undefined, 'x']],
  ] as const)('refuses a callback with %s', (_what, make) => {
    const { cookie } = clocked();
    const issued = cookie.issue(CALLBACK);
    const [header, state] = make(cookieOf(issued.setCookie));
    expect(cookie.check(header, state === 'x' ? issued.state : state, CALLBACK).ok).toBe(false);
  });

  it("refuses another browser's state, an expired state and a used one", () => {
    const { cookie, advance } = clocked();
    const mine = cookie.issue(CALLBACK);
    const theirs = cookie.issue(CALLBACK);
    expect(cookie.check(cookieOf(mine.setCookie), theirs.state, CALLBACK)).toMatchObject({ ok: false, reason: 'unknown-state' });
    expect(cookie.check(cookieOf(mine.setCookie), mine.state, CALLBACK)).toMatchObject({ ok: true });
    expect(cookie.check(cookieOf(mine.setCookie), mine.state, CALLBACK)).toMatchObject({ ok: false, reason: 'used' });
    advance(STATE_MAX_AGE * 1000);
    expect(cookie.check(cookieOf(theirs.setCookie), theirs.state, CALLBACK)).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('refuses a cookie sealed with another secret', () => {
    const other = new StateCookie({ secrets: ['another-secret-0123456789'] });
    const issued = other.issue(CALLBACK);
    expect(clocked().cookie.check(cookieOf(issued.setCookie), issued.state, CALLBACK)).toMatchObject({
      ok: false,
      reason: 'unknown-state',
    });
  });

  it('puts the cookie on the whole site, never over plain http, when the callback URL cannot be parsed', () => {
    expect(clocked().cookie.issue('http://bad host/cb').setCookie).toMatch(/Path=\/; .*; Secure$/);
  });
});
