import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import express4 from 'express4';
import session from 'express-session';
import { Passport } from 'passport';
import request from 'supertest';
import type { Strategy } from '../../src/strategy/strategy';

/** An Express module (`express()` makes an app): the tests run the same app under each major version. */
export type ExpressModule = typeof express;

/**
 * The Express majors users run, for `describe.each`: Express 5, and Express 4 installed beside it under the npm alias
 * `express4`. The helper uses only what both majors share (use, get, set, the response helpers, error middleware);
 * @types/express 4 and 5 differ in details it does not touch, hence the one cast.
 */
export const EXPRESS_MAJORS: ReadonlyArray<readonly [name: string, express: ExpressModule]> = [
  ['Express 5', express],
  ['Express 4', express4 as unknown as ExpressModule],
];

/** The callback the demo client registered with the emulator. */
export const CALLBACK_URL = 'http://localhost:3000/auth/worksection/callback';

/** An Express app signing in with `strategy`, the way the README tells users to wire it. */
export interface StrategyApp {
  app: express.Express;
  /** Errors that reached the error handler (what `error()` produced). */
  errors: Error[];
  /** A fresh cookie-keeping client. */
  agent: () => ReturnType<typeof request.agent>;
  /** How many sessions the app's session store holds. */
  sessionCount: () => Promise<number>;
}

/** The JSON body of the app's error handler (a 500). */
export interface ErrorAnswer {
  name: string;
  code?: string;
  /** Worksection's own `error`, for a WorksectionOAuthError. */
  error?: string;
}

/** The JSON body of `/login`: the failure messages Passport kept in the session. */
export interface LoginAnswer {
  messages: string[];
}

/** How the app is wired: with express-session (the default) or without any session middleware. */
export interface StrategyAppOptions {
  sessions?: boolean;
  /** Whether a failed sign-in leaves its message in the session (passport's failureMessage). Default true. */
  failureMessage?: boolean;
  /** The Express the app is built with (see {@link EXPRESS_MAJORS}). Default Express 5. */
  express?: ExpressModule;
}

export function createStrategyApp(strategy: Strategy, options: StrategyAppOptions = {}): StrategyApp {
  const errors: Error[] = [];
  const passport = new Passport();
  passport.use(strategy);
  passport.serializeUser((user, done) => done(null, user));
  passport.deserializeUser((user: Express.User, done) => done(null, user));
  const app = (options.express ?? express)();
  const store = new session.MemoryStore();
  const withSessions = options.sessions !== false;
  if (withSessions) {
    app.use(session({ secret: 'strategy-test-session', resave: false, saveUninitialized: false, store }));
    app.use(passport.initialize());
    app.use(passport.session());
  } else {
    app.use(passport.initialize());
  }
  // @types/passport types authenticate() as returning `any`; it returns Express middleware.
  app.get('/auth/worksection', passport.authenticate('worksection') as RequestHandler);
  if (withSessions) {
    app.get(
      '/auth/worksection/callback',
      passport.authenticate('worksection', {
        failureRedirect: '/login',
        failureMessage: options.failureMessage !== false,
      }) as RequestHandler,
      (_req, res) => res.redirect('/'),
    );
  } else {
    // An API that issues its own credentials: the user comes back in the answer, nothing is kept server-side.
    app.get(
      '/auth/worksection/callback',
      passport.authenticate('worksection', { session: false, failureRedirect: '/login' }) as RequestHandler,
      (req, res) => res.json(req.user),
    );
  }
  app.get('/me', (req, res) => res.json(req.user ?? null));
  app.get('/login', (req, res) => res.json({ messages: (req.session as { messages?: string[] }).messages ?? [] } satisfies LoginAnswer));
  app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
    errors.push(err);
    const { code, error } = err as { code?: string; error?: unknown };
    res.status(500).json({ name: err.name, code, error: typeof error === 'string' ? error : undefined } satisfies ErrorAnswer);
  });
  const sessionCount = (): Promise<number> =>
    new Promise((resolve, reject) => {
      store.length((err, length) => (err ? reject(err as Error) : resolve(length ?? 0)));
    });
  return { app, errors, agent: () => request.agent(app), sessionCount };
}

/**
 * Starts a sign-in with `agent` and follows the redirect to the emulator (which auto-approves), returning the
 * callback path with its code and state, as the browser would bring it back.
 */
export async function authorizeAtEmulator(agent: ReturnType<typeof request.agent>): Promise<{ path: string; code: string; state: string }> {
  const start = await agent.get('/auth/worksection').expect(302);
  const answer = await fetch(start.headers.location as string, { redirect: 'manual' });
  await answer.arrayBuffer();
  const location = answer.headers.get('location');
  if (answer.status !== 302 || !location) throw new Error(`the emulator did not redirect back (HTTP ${answer.status})`);
  const back = new URL(location);
  return { path: back.pathname + back.search, code: back.searchParams.get('code') ?? '', state: back.searchParams.get('state') ?? '' };
}
