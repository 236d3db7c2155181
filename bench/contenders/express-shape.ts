import express from 'express';
import session from 'express-session';
import createMemoryStore from 'memorystore';
import passport from 'passport';
import type { Strategy as PassportStrategy } from 'passport';
import type { RequestListener } from 'node:http';
import { CALLBACK_PATH, FAILURE_PATH, START_PATH, SUCCESS_PATH, type ContenderConfig } from './config';

/**
 * The app shape both strategy contenders share, so that the strategy is the only difference between them:
 * Express, express-session with a store that expires sessions, and passport's session login.
 */
export function expressApp(strategy: PassportStrategy & { name: string }, config: ContenderConfig): RequestListener {
  const MemoryStore = createMemoryStore(session);
  const auth = new passport.Passport();
  auth.use(strategy);
  auth.serializeUser((user: Express.User, done) => done(null, user));
  auth.deserializeUser((user: Express.User, done) => done(null, user));

  const app = express();
  app.disable('x-powered-by');
  app.use(
    session({
      secret: 'bench-session-secret-bench-session-secret',
      resave: false,
      saveUninitialized: false,
      cookie: { maxAge: config.sessionTtlMs },
      store: new MemoryStore({ checkPeriod: Math.max(250, Math.floor(config.sessionTtlMs / 4)) }),
    }),
  );
  app.use(auth.initialize());
  app.use(auth.session());
  // @types/passport types authenticate() as returning `any`; it returns Express middleware.
  app.get(START_PATH, auth.authenticate(strategy.name) as express.RequestHandler);
  app.get(
    CALLBACK_PATH,
    auth.authenticate(strategy.name, { successRedirect: SUCCESS_PATH, failureRedirect: FAILURE_PATH }) as express.RequestHandler,
  );
  app.get(SUCCESS_PATH, (req, res) => {
    res.status(req.user ? 200 : 401).end();
  });
  app.get(FAILURE_PATH, (_req, res) => {
    res.status(200).end('failed');
  });
  app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(500).end(err.name);
  });
  return app;
}
