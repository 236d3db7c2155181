// The README's "Testing your own app with it" example, kept runnable: if this breaks, fix the README too.
import express from 'express';
import session from 'express-session';
import passport from 'passport';
import request from 'supertest';
import { Strategy } from 'passport-worksection';
import { createEmulator, type Emulator } from '../src';

const CALLBACK = 'http://127.0.0.1/auth/worksection/callback';

function createApp(baseURL: string) {
  const auth = new passport.Passport();
  auth.use(
    new Strategy(
      { clientID: 'my-app', clientSecret: 's3cret', callbackURL: CALLBACK, scope: ['projects_read'], baseURL },
      (_accessToken, _refreshToken, params, profile, done) => done(null, { id: profile.id, accountUrl: params.account_url }),
    ),
  );
  auth.serializeUser((user, done) => done(null, user));
  auth.deserializeUser((user: Express.User, done) => done(null, user));
  const app = express();
  app.use(session({ secret: 'test', resave: false, saveUninitialized: false }));
  app.use(auth.session());
  // @types/passport types authenticate() as returning `any`; it returns Express middleware.
  app.get('/auth/worksection', auth.authenticate('worksection') as express.RequestHandler);
  app.get(
    '/auth/worksection/callback',
    auth.authenticate('worksection', { failureRedirect: '/login' }) as express.RequestHandler,
    (_req, res) => res.redirect('/me'),
  );
  app.get('/me', (req, res) => (req.user ? res.json(req.user) : res.sendStatus(401)));
  app.get('/login', (_req, res) => res.status(401).send('Sign-in failed'));
  return app;
}

describe('sign in with Worksection (the README example)', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await createEmulator({
      autoApprove: true,
      clients: [{ clientId: 'my-app', clientSecret: 's3cret', redirectUris: [CALLBACK] }],
    });
  });
  afterAll(() => emu.close());
  afterEach(() => emu.faults.clear());

  async function signIn(agent: ReturnType<typeof request.agent>) {
    const start = await agent.get('/auth/worksection').expect(302);
    const back = await fetch(start.headers.location!, { redirect: 'manual' }); // the emulator approves at once
    const callback = new URL(back.headers.get('location')!);
    return agent.get(callback.pathname + callback.search);
  }

  it('signs the user in', async () => {
    const agent = request.agent(createApp(emu.url));
    await signIn(agent).then((res) => expect(res.headers.location).toBe('/me'));
    const me = await agent.get('/me').expect(200);
    expect(me.body).toMatchObject({ id: '3993', accountUrl: `${emu.url}/acc1234` });
  });

  it('does not sign in when Worksection answers 502', async () => {
    emu.faults.set('token', { type: 'respond', status: 502, body: '<html>502 Bad Gateway</html>' });
    const agent = request.agent(createApp(emu.url));
    const res = await signIn(agent);
    expect(res.status).not.toBe(200);
    await agent.get('/me').expect(401);
  });
});
