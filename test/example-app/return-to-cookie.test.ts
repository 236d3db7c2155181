import express from 'express';
import request from 'supertest';
import { RETURN_TO_COOKIE, ReturnToCookie, readCookie } from '../../example-app/return-to-cookie';

const SECRET = 'test-session-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const TEN_MINUTES = 600_000;

/** An app with the cookie's two ends: `/auth/worksection?returnTo=` remembers, `/auth/worksection/callback` takes. */
function appWith(cookie: ReturnToCookie, trustProxy = 0): express.Express {
  const app = express();
  app.set('trust proxy', trustProxy);
  app.get('/auth/worksection', (req, res) => {
    cookie.remember(req, res, typeof req.query.returnTo === 'string' ? req.query.returnTo : undefined);
    res.end();
  });
  app.get('/auth/worksection/callback', (req, res) => {
    res.json({ returnTo: cookie.take(req, res) ?? null });
  });
  return app;
}

/** The `name=value` part of the returnTo cookie a response set. */
function setCookie(res: request.Response): string {
  const header = (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  return header.find((c) => c.startsWith(`${RETURN_TO_COOKIE}=`))!.split(';')[0]!;
}

describe('ReturnToCookie', () => {
  test('carries the path to the callback, which clears the cookie with the attributes it was set with', async () => {
    const app = appWith(new ReturnToCookie(SECRET, TEN_MINUTES));
    const start = await request(app).get('/auth/worksection?returnTo=%2Fprojects%3Ftab%3D1');
    const set = (start.headers['set-cookie'] as unknown as string[])[0]!;
    expect(set).toMatch(
      /^ws-example\.return-to=[\w-]+\.[\w-]+; Max-Age=600; Path=\/auth\/worksection; Expires=[^;]+; HttpOnly; SameSite=Lax$/,
    );
    const callback = await request(app).get('/auth/worksection/callback').set('Cookie', setCookie(start));
    expect(callback.body).toEqual({ returnTo: '/projects?tab=1' });
    expect(callback.headers['set-cookie']).toEqual([
      `${RETURN_TO_COOKIE}=; Path=/auth/worksection; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax`,
    ]);
  });

  test('is Secure over HTTPS through a trusted proxy', async () => {
    const app = appWith(new ReturnToCookie(SECRET, TEN_MINUTES), 1);
    const start = await request(app).get('/auth/worksection?returnTo=%2Fprojects').set('X-Forwarded-Proto', 'https');
    expect((start.headers['set-cookie'] as unknown as string[])[0]).toMatch(/; Secure/);
  });

  test('with secure (production) is Secure on every request, plain http included, and cleared as Secure', async () => {
    const app = appWith(new ReturnToCookie(SECRET, TEN_MINUTES, { secure: true }));
    const start = await request(app).get('/auth/worksection?returnTo=%2Fprojects');
    expect((start.headers['set-cookie'] as unknown as string[])[0]).toMatch(/; HttpOnly; Secure; SameSite=Lax$/);
    const callback = await request(app).get('/auth/worksection/callback').set('Cookie', setCookie(start));
    expect((callback.headers['set-cookie'] as unknown as string[])[0]).toMatch(/; Secure/);
  });

  test('after a secret rotation, opens a cookie signed with the old secret and signs new ones with the new secret only', async () => {
    const OLD = `${SECRET}-old`;
    const rotated = appWith(new ReturnToCookie([SECRET, OLD], TEN_MINUTES));
    const beforeRotation = setCookie(
      await request(appWith(new ReturnToCookie(OLD, TEN_MINUTES))).get('/auth/worksection?returnTo=%2Fprojects'),
    );
    const take = async (app: express.Express, cookie: string) =>
      ((await request(app).get('/auth/worksection/callback').set('Cookie', cookie)).body as { returnTo: unknown }).returnTo;
    expect(await take(rotated, beforeRotation)).toBe('/projects');
    const afterRotation = setCookie(await request(rotated).get('/auth/worksection?returnTo=%2Fprofile'));
    expect(await take(appWith(new ReturnToCookie(SECRET, TEN_MINUTES)), afterRotation)).toBe('/profile');
    expect(await take(appWith(new ReturnToCookie(OLD, TEN_MINUTES)), afterRotation)).toBeNull();
    // Once the old secret is dropped, its cookies are refused.
    expect(await take(appWith(new ReturnToCookie([SECRET], TEN_MINUTES)), beforeRotation)).toBeNull();
  });

  test('refuses an empty list of secrets', () => {
    expect(() => new ReturnToCookie([], TEN_MINUTES)).toThrow(/at least one secret/);
  });

  test('a start without returnTo clears the cookie an earlier sign-in left, and sets nothing when there is none', async () => {
    const app = appWith(new ReturnToCookie(SECRET, TEN_MINUTES));
    const earlier = setCookie(await request(app).get('/auth/worksection?returnTo=%2Fprojects'));
    const again = await request(app).get('/auth/worksection').set('Cookie', earlier);
    expect(again.headers['set-cookie']).toEqual([
      expect.stringMatching(/^ws-example\.return-to=; Path=\/auth\/worksection; Expires=Thu, 01 Jan 1970/),
    ]);
    expect((await request(app).get('/auth/worksection')).headers['set-cookie']).toBeUndefined();
  });

  test('is refused once expired, signed with another secret, tampered with, or holding a path that could leave the site', async () => {
    let now = 1_000_000;
    const cookie = new ReturnToCookie(SECRET, TEN_MINUTES, { now: () => now });
    const app = appWith(cookie);
    const returnToOf = async (value: string): Promise<unknown> =>
      ((await request(app).get('/auth/worksection/callback').set('Cookie', value)).body as { returnTo: unknown }).returnTo;

    const genuine = setCookie(await request(app).get('/auth/worksection?returnTo=%2Fprojects'));
    expect(await returnToOf(genuine)).toBe('/projects');
    now += TEN_MINUTES;
    expect(await returnToOf(genuine)).toBeNull();
    now = 1_000_000;

    const other = setCookie(
      await request(appWith(new ReturnToCookie(`${SECRET}-other`, TEN_MINUTES, { now: () => now }))).get(
        '/auth/worksection?returnTo=%2Fprojects',
      ),
    );
    expect(await returnToOf(other)).toBeNull();
    const [name, value] = genuine.split('=') as [string, string];
    const [payload, mac] = value.split('.') as [string, string];
    const swapped = Buffer.from(JSON.stringify(['/admin', now + TEN_MINUTES])).toString('base64url');
    expect(await returnToOf(`${name}=${swapped}.${mac}`)).toBeNull();
    expect(await returnToOf(`${name}=${payload}`)).toBeNull();
    expect(await returnToOf(`${name}=${payload}.${mac}.${mac}`)).toBeNull();
    // Signed with the right key but holding an open redirect (as an older, laxer check could have let through).
    const unsafe = setCookie(await request(app).get(`/auth/worksection?returnTo=${encodeURIComponent('//evil.com/x')}`));
    expect(await returnToOf(unsafe)).toBeNull();
  });

  test('readCookie finds a cookie among others, decoded, and the first of two with one name', () => {
    const req = { headers: { cookie: 'a=1; ws-example.return-to=x%2Fy; b=2; ws-example.return-to=second' } } as unknown as express.Request;
    expect(readCookie(req, RETURN_TO_COOKIE)).toBe('x/y');
    expect(readCookie(req, 'b')).toBe('2');
    expect(readCookie(req, 'missing')).toBeUndefined();
    expect(readCookie({ headers: {} } as unknown as express.Request, 'a')).toBeUndefined();
  });
});
