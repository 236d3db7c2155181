import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { MAX_PENDING_SIGN_INS, STATE_COOKIE_NAME, STATE_MAX_AGE, StateCookie, type IssuedState } from '../../src/state-cookie/state-cookie';

const CALLBACK = 'https://app.example/auth/worksection/callback';
const PLAIN_CALLBACK = 'http://localhost:3000/auth/worksection/callback';
const HOST_PREFIX = `__Host-${STATE_COOKIE_NAME}_`;

/** The cookies a browser keeps for one site: `Set-Cookie` lines applied in order, `Max-Age=0` deleting. */
class Jar {
  private readonly cookies = new Map<string, string>();

  apply(lines: readonly string[]): this {
    for (const line of lines) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (/; Max-Age=0(;|$)/.test(line)) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return this;
  }

  get header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get size(): number {
    return this.cookies.size;
  }
}

function clocked(start = 1_000_000): { cookie: StateCookie; advance: (ms: number) => void } {
  let now = start;
  return {
    cookie: new StateCookie({ secrets: ['a-state-secret-0123456789'], now: () => now }),
    advance: (ms) => {
      now += ms;
    },
  };
}

/** Starts `count` sign-ins in `jar`'s browser, each start seeing the cookies of the ones before, as a browser sends them. */
function startMany(cookie: StateCookie, jar: Jar, count: number, callback = CALLBACK): IssuedState[] {
  return Array.from({ length: count }, () => {
    const issued = cookie.issue(callback, undefined, jar.header);
    jar.apply(issued.setCookies);
    return issued;
  });
}

describe('StateCookie', () => {
  it('issues a fresh state in a __Host- cookie of its own for an https callback: the whole site, Secure, for 600 s', () => {
    const { cookie } = clocked();
    const a = cookie.issue(CALLBACK);
    const b = cookie.issue(CALLBACK);
    expect(a.state).toMatch(/^[\w-]{32}$/);
    expect(a.state).not.toBe(b.state);
    expect(a.setCookie).toMatch(
      new RegExp(`^${HOST_PREFIX}[\\w-]{8}=[\\w-]+; Path=/; Max-Age=${STATE_MAX_AGE}; HttpOnly; SameSite=Lax; Secure$`),
    );
    expect(a.setCookies).toEqual([a.setCookie]);
    expect(a.setCookie.split('=')[0]).not.toBe(b.setCookie.split('=')[0]);
  });

  it('keeps the cookie limited to the callback path, without Secure or a prefix, for a plain-http callback', () => {
    const { setCookie } = clocked().cookie.issue(PLAIN_CALLBACK);
    expect(setCookie).toMatch(
      new RegExp(
        `^${STATE_COOKIE_NAME}_[\\w-]{8}=[\\w-]+; Path=/auth/worksection/callback; Max-Age=${STATE_MAX_AGE}; HttpOnly; SameSite=Lax$`,
      ),
    );
  });

  it('accepts its state with the PKCE verifier, and clears only the cookie it consumed', () => {
    const { cookie } = clocked();
    const a = cookie.issue(CALLBACK, 'verifier-a');
    const b = cookie.issue(CALLBACK);
    const jar = new Jar().apply([a.setCookie, b.setCookie]);
    const checked = cookie.check(jar.header, a.state, CALLBACK);
    expect(checked).toMatchObject({ ok: true, codeVerifier: 'verifier-a' });
    expect(checked.setCookies).toEqual([`${a.setCookie.split('=')[0]}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure`]);
    expect(cookie.check(jar.apply(checked.setCookies).header, b.state, CALLBACK)).toMatchObject({ ok: true });
  });

  it.each([CALLBACK, PLAIN_CALLBACK])('completes two pending sign-ins in either order (%s)', (callback) => {
    for (const order of [
      [0, 1],
      [1, 0],
    ]) {
      const { cookie } = clocked();
      const jar = new Jar();
      const issued = startMany(cookie, jar, 2, callback);
      for (const i of order) {
        const checked = cookie.check(jar.header, issued[i]?.state, callback);
        expect(checked.ok).toBe(true);
        jar.apply(checked.setCookies);
      }
      expect(jar.size).toBe(0);
    }
  });

  it('lets a forged callback cancel nothing: a state of its own, a made-up one, one naming a pending cookie', () => {
    const { cookie } = clocked();
    const jar = new Jar();
    const [pending] = startMany(cookie, jar, 1) as [IssuedState];
    const attackers = cookie.issue(CALLBACK);
    const lookalike = `${pending.state.slice(0, 8)}${'A'.repeat(24)}`;
    for (const forged of [attackers.state, 'forged', lookalike, '', undefined, ['x']]) {
      const checked = cookie.check(jar.header, forged, CALLBACK);
      expect(checked.ok).toBe(false);
      expect(checked.setCookies).toEqual([]);
    }
    expect(cookie.check(jar.header, pending.state, CALLBACK)).toMatchObject({ ok: true });
  });

  it('finds its cookie among any number of pending sign-ins on plain http: the 40th completes, then the 1st', () => {
    const { cookie } = clocked();
    const jar = new Jar();
    const issued = startMany(cookie, jar, 40, PLAIN_CALLBACK);
    expect(jar.size).toBe(40);
    expect(cookie.check(jar.header, issued[39]?.state, PLAIN_CALLBACK)).toMatchObject({ ok: true });
    expect(cookie.check(jar.header, issued[0]?.state, PLAIN_CALLBACK)).toMatchObject({ ok: true });
  });

  it(`keeps at most ${MAX_PENDING_SIGN_INS} pending sign-ins per browser on https: a start drops the oldest`, () => {
    const { cookie, advance } = clocked();
    const jar = new Jar();
    const issued: IssuedState[] = [];
    for (let i = 0; i < MAX_PENDING_SIGN_INS + 3; i++) {
      issued.push(...startMany(cookie, jar, 1));
      advance(1000);
      expect(jar.size).toBeLessThanOrEqual(MAX_PENDING_SIGN_INS);
    }
    expect(jar.size).toBe(MAX_PENDING_SIGN_INS);
    for (const dropped of issued.slice(0, 3)) expect(cookie.check(jar.header, dropped.state, CALLBACK)).toMatchObject({ ok: false });
    for (const kept of issued.slice(3)) {
      const checked = cookie.check(jar.header, kept.state, CALLBACK);
      expect(checked.ok).toBe(true);
      jar.apply(checked.setCookies);
    }
    expect(jar.size).toBe(0);
  });

  it('clears expired state cookies it can read, and leaves alone those sealed with another secret', () => {
    const { cookie, advance } = clocked();
    const other = new StateCookie({ secrets: ['another-secret-0123456789'] });
    const jar = new Jar();
    const [old] = startMany(cookie, jar, 1) as [IssuedState];
    jar.apply([other.issue(CALLBACK).setCookie]);
    advance(STATE_MAX_AGE * 1000 - 1000);
    const [fresh] = startMany(cookie, jar, 1) as [IssuedState];
    advance(2000);
    const checked = cookie.check(jar.header, fresh.state, CALLBACK);
    expect(checked.ok).toBe(true);
    const cleared = checked.setCookies.map((line) => line.split('=')[0]);
    expect(cleared.sort()).toEqual([old.setCookie.split('=')[0], fresh.setCookie.split('=')[0]].sort());
  });

  it.each([
    ['no state', (c: string) => [c, undefined]],
    ['an empty state', (c: string) => [c, '']],
    ['a state given as a list', (c: string) => [c, ['x']]],
    ['no cookie', () => [undefined, 'x']],
  ] as const)('refuses a callback with %s', (_what, make) => {
    const { cookie } = clocked();
    const issued = cookie.issue(CALLBACK);
    const [header, state] = make(new Jar().apply(issued.setCookies).header);
    expect(cookie.check(header, state === 'x' ? issued.state : state, CALLBACK).ok).toBe(false);
  });

  it("refuses another browser's state, an expired state and a used one", () => {
    const { cookie, advance } = clocked();
    const mine = new Jar().apply(cookie.issue(CALLBACK).setCookies);
    const theirs = cookie.issue(CALLBACK);
    const myState = cookie.check(mine.header, theirs.state, CALLBACK);
    expect(myState).toMatchObject({ ok: false, reason: 'unknown-state' });
    const [issuedMine] = startMany(cookie, mine, 1) as [IssuedState];
    expect(cookie.check(mine.header, issuedMine.state, CALLBACK)).toMatchObject({ ok: true });
    expect(cookie.check(mine.header, issuedMine.state, CALLBACK)).toMatchObject({ ok: false, reason: 'used' });
    advance(STATE_MAX_AGE * 1000);
    expect(cookie.check(new Jar().apply(theirs.setCookies).header, theirs.state, CALLBACK)).toMatchObject({
      ok: false,
      reason: 'expired',
    });
  });

  it('remembers a used state without the callback URL it was read from', () => {
    // Frameworks hand the state over as a slice of the request URL (V8 keeps the whole URL alive behind a slice),
    // and Worksection's codes make that URL over a kilobyte long: the used-state memory must copy the state out.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const { cookie } = clocked();
    const heapUsed = (): number => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    const before = heapUsed();
    for (let i = 0; i < 100; i++) {
      const issued = cookie.issue(CALLBACK);
      // 100 KB of code, as if Worksection's code were that long: 10 MB in all if the memory kept the URLs.
      const url = `/auth/worksection/callback?code=${String(i).repeat(100_000).slice(0, 100_000)}&state=${issued.state}`;
      const state = url.slice(url.length - issued.state.length);
      expect(cookie.check(new Jar().apply(issued.setCookies).header, state, CALLBACK)).toMatchObject({ ok: true });
    }
    expect(heapUsed() - before).toBeLessThan(2_000_000);
  });

  it('refuses a cookie sealed with another secret', () => {
    const other = new StateCookie({ secrets: ['another-secret-0123456789'] });
    const issued = other.issue(CALLBACK);
    expect(clocked().cookie.check(new Jar().apply(issued.setCookies).header, issued.state, CALLBACK)).toMatchObject({
      ok: false,
      reason: 'unknown-state',
    });
  });

  it('puts the cookie on the whole site, never over plain http, when the callback URL cannot be parsed', () => {
    expect(clocked().cookie.issue('http://bad host/cb').setCookie).toMatch(/^__Host-.*; Path=\/; .*; Secure$/);
  });
});
