import type { Express } from 'express';
import { defaultExpress, type ExpressModule } from './express-module';
import session from 'express-session';
import helmet from 'helmet';
import passport from 'passport';
import { STATE_MAX_AGE, Strategy, type StrategyOptions, type VerifyFunctionWithObject } from 'passport-worksection';
import { authRoutes } from './auth-routes';
import type { SessionBackend } from './config';
import { requireCsrfToken, csrfToken } from './csrf';
import { errorHandler, notFound } from './error-handler';
import { refreshRoute } from './refresh-route';
import { projectsRoute } from './projects-route';
import { tasksRoute } from './tasks-route';
import { ReturnToCookie } from './return-to-cookie';
import { safeLogLine } from './log-line';
import { openSessionStore } from './session-store';
import { toSessionUser, type SessionUser } from './session-user';
import { TokenSealer } from './token-sealer';
import { homePage, isSignInReason } from './views/home';
import { profilePage } from './views/profile';
import { STYLESHEET } from './views/style';
import { FAVICON_SVG } from './views/layout';
import { pageFrame } from './page-frame';
import { ReadCache } from './read-cache';
import { SESSION_COOKIE, SESSION_COOKIE_ATTRIBUTES } from './session-cookie';
import { endSessionsOfGoneAccounts } from './unusable-session';
import { AccountEvents } from './account-events';
import { taskUpdatesRoute, webhookPath, webhookReceiverRoute, type WebhookCredentials } from './webhooks-route';
import { PendingTokens, savePendingTokens } from './pending-tokens';
import { refreshLockOf } from './refresh-guard';
import { SignInLimiter, type SignInLimits } from './sign-in-limiter';

export { SESSION_COOKIE } from './session-cookie';

/**
 * The scopes the example's pages need: projects and tasks to read, comments to read and post, time to read
 * (`get_costs`) and to log (`add_costs`: Worksection does not say which scope it needs; `costs_write` by its name).
 */
export const DEFAULT_SCOPES = ['projects_read', 'tasks_read', 'comments_read', 'comments_write', 'costs_read', 'costs_write'];

/** What {@link createApp} needs: resolved credentials (real or the emulator's), a store and a secret. */
export interface ExampleAppOptions {
  worksection: { clientID: string; clientSecret: string; callbackURL: string; baseURL?: string; timeout?: number };
  sessions: SessionBackend;
  /** The session secret, or the session secrets newest first: the first signs and seals, all verify and open (rotation). */
  sessionSecret: string | readonly string[];
  /** Reverse-proxy hops to trust (Express `trust proxy`). Default 0. */
  trustProxy?: number;
  /** Adds HSTS and `upgrade-insecure-requests`. Default false. */
  production?: boolean;
  /** Lifetime of a signed-in session, ms. Default 8 hours. */
  sessionTtlMs?: number;
  /** Milliseconds between two calls to one Worksection account (its rate limit). Default 1000. */
  apiMinInterval?: number;
  /** Scopes to ask for. Default {@link DEFAULT_SCOPES}. */
  scope?: string[];
  /** A line for the start page when running against the emulator (e.g. the demo users). */
  emulatorNote?: string;
  /**
   * Whether a session's account URL still leads to its account. A session it refuses is signed out on any page,
   * with a message: with the emulator, one whose account URL names a port the emulator no longer listens on.
   */
  isCurrentAccountUrl?: (accountUrl: string) => boolean;
  /** Milliseconds a session store call (or a Redis refresh-lock call) may take before the request is a 503. Default 3000. */
  storeTimeoutMs?: number;
  /** Sign-in starts and callbacks allowed per window, per IP and in all. Default 30 and 600 a minute. */
  signInLimits?: SignInLimits;
  /** Where the app logs (never a secret). Default `console.log`. */
  log?: (line: string) => void;
  /** The Express to build the app with. Default: Express 5 (the tests also run it on Express 4). */
  express?: ExpressModule;
  /**
   * Receive Worksection's webhooks with this HTTP Basic pair (give the same to `add_webhook`), so that task pages
   * show comments posted elsewhere without a reload. Register each account with `webhooks.register(accountUrl)`.
   */
  webhooks?: WebhookCredentials;
}

/** The app, ready for `listen()` or supertest, and the resources to release. */
export interface ExampleApp {
  app: Express;
  /** The strategy, e.g. for `strategy.refresh()`. */
  strategy: Strategy;
  /** Resolves once the session store is reachable; rejects when it is not (Redis down at start-up). */
  ready(): Promise<void>;
  /**
   * Recent account-API reads, per account. `reads.invalidate(accountUrl, ...READS keys)` drops what a change made
   * elsewhere (a Worksection webhook) made stale; with no key, all of the account's reads.
   */
  reads: ReadCache;
  /** Closes the session store (SQLite file or Redis connection). */
  close(): Promise<void>;
  /** With the `webhooks` option: accepts deliveries for an account, and answers the path to give `add_webhook`. */
  webhooks?: { register: (accountUrl: string) => string };
}

/**
 * Builds the example app: "Sign in with Worksection" with sessions in SQLite or Redis, hardened (helmet, CSRF on
 * logout, safe `returnTo`, session regenerated at sign-in, friendly error pages, 503 when the store is down).
 */
export function createApp(options: ExampleAppOptions): ExampleApp {
  const writeLine = options.log ?? ((line: string) => console.log(line));
  // Every route's log line may quote Worksection's error texts: none may break the line or drive the terminal.
  const log = (line: string) => writeLine(safeLogLine(line));
  const sessionTtlMs = options.sessionTtlMs ?? 8 * 60 * 60 * 1000;
  const production = options.production ?? false;
  const secrets = typeof options.sessionSecret === 'string' ? [options.sessionSecret] : [...options.sessionSecret];
  const sessions = openSessionStore(options.sessions, log, new TokenSealer(secrets), options.storeTimeoutMs);

  // A Passport instance of its own, so two apps in one process (the scale-out test) do not share strategies.
  const authenticator = new passport.Passport();
  const strategyOptions: StrategyOptions = {
    clientID: options.worksection.clientID,
    clientSecret: options.worksection.clientSecret,
    callbackURL: options.worksection.callbackURL,
    scope: options.scope ?? DEFAULT_SCOPES,
    ...(options.worksection.baseURL !== undefined ? { baseURL: options.worksection.baseURL } : {}),
    ...(options.worksection.timeout !== undefined ? { timeout: options.worksection.timeout } : {}),
  };
  // The one-object verify: returns the user (a throw would be an error). Without `skipUserProfile` the strategy
  // always loads the profile, and its type says so.
  const verify: VerifyFunctionWithObject = ({ accessToken, refreshToken, params, profile }) =>
    toSessionUser(accessToken, refreshToken, params, profile);
  // The OAuth state lives in the strategy's sealed cookie (its default), not in the session.
  const strategy = new Strategy(strategyOptions, verify);
  authenticator.use(strategy);
  // No user database in this example: the session holds the user itself. Key a real one on (accountUrl, id).
  authenticator.serializeUser((user, done) => done(null, user));
  authenticator.deserializeUser((user: SessionUser, done) => done(null, user));

  const express = options.express ?? defaultExpress;
  const app = express();
  app.set('trust proxy', options.trustProxy ?? 0);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // helmet's default also allows 'unsafe-inline' styles; every style here is in /style.css.
          styleSrc: ["'self'"],
          // Over plain http (development, the emulator) this would send the browser to https://localhost, which is not there.
          upgradeInsecureRequests: production ? [] : null,
        },
      },
      strictTransportSecurity: production,
    }),
  );

  // Before the session middleware: Worksection's deliveries are no visitors and get no session.
  const events = options.webhooks && new AccountEvents(secrets[0] ?? '');
  // The accounts whose deliveries are accepted, by their hook's key.
  const accountsByKey = new Map<string, string>();
  if (options.webhooks && events) {
    // A change made elsewhere (Worksection's pages, another app) makes the account's cached reads stale.
    const onEvent = (key: string): void => {
      const accountUrl = accountsByKey.get(key);
      if (accountUrl !== undefined) reads.invalidate(accountUrl);
    };
    app.use(
      webhookReceiverRoute({ events, credentials: options.webhooks, isKnownKey: (key) => accountsByKey.has(key), log, onEvent, express }),
    );
  }
  // Before the session middleware: neither may create a session or fail with the store.
  app.get('/style.css', (_req, res) => {
    res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(STYLESHEET);
  });
  // Browsers ask for /favicon.ico on a first visit whatever the page links: answered here, not with a 404.
  app.get('/favicon.ico', (_req, res) => {
    res.type('image/svg+xml').set('Cache-Control', 'public, max-age=86400').send(FAVICON_SVG);
  });
  app.get('/healthz', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    try {
      await sessions.store.ping();
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'session store' });
    }
  });

  app.use(
    session({
      name: SESSION_COOKIE,
      // express-session signs with the first and accepts any of them.
      secret: secrets,
      store: sessions.store,
      resave: false,
      // Nothing is stored, and no cookie set, until someone signs in: the sign-in in progress keeps its state and
      // returnTo in cookies of its own, and nothing before req.login writes to the session.
      saveUninitialized: false,
      cookie: {
        ...SESSION_COOKIE_ATTRIBUTES,
        // In production always Secure: express-session then sets no cookie at all on a request that did not come
        // over HTTPS (directly or through a trusted TLS proxy, TRUST_PROXY), rather than one a network can read.
        // In development, Secure when the request came over HTTPS.
        secure: production ? true : 'auto',
        maxAge: sessionTtlMs,
      },
    }),
  );
  app.use(authenticator.initialize());
  app.use(authenticator.session());
  // Rotated tokens a store outage kept from being saved: this session's next request uses and saves them.
  const pending = new PendingTokens();
  app.use(savePendingTokens(pending));
  if (options.isCurrentAccountUrl) app.use(endSessionsOfGoneAccounts(options.isCurrentAccountUrl));

  app.get('/', (req, res) => {
    const reason = isSignInReason(req.query.signin) ? req.query.signin : undefined;
    const page: Parameters<typeof homePage>[0] = { usingEmulator: options.emulatorNote !== undefined };
    if (reason) page.reason = reason;
    if (options.emulatorNote !== undefined) page.demoHint = options.emulatorNote;
    page.frame = pageFrame(req);
    res.send(homePage(page));
  });

  const returnTo = new ReturnToCookie(secrets, STATE_MAX_AGE * 1000, { secure: production });
  const limiter = new SignInLimiter(options.signInLimits);
  app.use(authRoutes({ authenticator, store: sessions.store, returnTo, log, limiter, router: express.Router }));

  app.get('/profile', (req, res) => {
    if (!req.user) {
      res.redirect(`/auth/worksection?returnTo=${encodeURIComponent('/profile')}`);
      return;
    }
    // The page shows personal data and a CSRF token: no cache may keep it.
    res.set('Cache-Control', 'no-store');
    const refresh = req.query.refresh === 'done' || req.query.refresh === 'failed' ? req.query.refresh : undefined;
    res.send(profilePage(req.user as SessionUser, csrfToken(req), refresh));
  });

  app.use(refreshRoute({ strategy, log, express, pending, lock: refreshLockOf(options.sessions, options.storeTimeoutMs) }));
  // Bounded: at most 1000 answers, each for a minute; the forms below drop what they change.
  const reads = new ReadCache({ maxEntries: 1000, ttlMs: 60_000 });
  // One set of options for the pages that call the account API: the same tokens, lock and store timeout.
  const apiPages = {
    strategy,
    sessions: options.sessions,
    log,
    pending,
    ...(options.storeTimeoutMs !== undefined && { storeTimeoutMs: options.storeTimeoutMs }),
    ...(options.apiMinInterval !== undefined && { minInterval: options.apiMinInterval }),
    cache: reads,
  };
  app.use(projectsRoute({ ...apiPages, router: express.Router }));
  app.use(tasksRoute({ ...apiPages, express }));
  if (events) app.use(taskUpdatesRoute({ events, express }));

  app.post('/logout', express.urlencoded({ extended: false, limit: '2kb' }), requireCsrfToken, (req, res, next) => {
    // Destroyed, not regenerated (as passport's req.logout does, which stores a fresh empty session): the row is
    // deleted, so a copy of the cookie is dead, and nothing is left for the signed-out visitor.
    req.session.destroy((err) => {
      if (err) {
        next(err);
        return;
      }
      // The attributes it was set with, or a browser may keep it. Secure as express-session's 'auto' made it.
      res.clearCookie(SESSION_COOKIE, { ...SESSION_COOKIE_ATTRIBUTES, secure: production || req.secure });
      res.redirect(303, '/?signin=signed-out');
    });
  });

  app.use(notFound);
  app.use(errorHandler(log));

  const webhooks = events && {
    register: (accountUrl: string) => {
      const key = events.keyOf(accountUrl);
      accountsByKey.set(key, accountUrl);
      return webhookPath(key);
    },
  };
  return { app, strategy, reads, ready: () => sessions.ready(), close: () => sessions.close(), ...(webhooks && { webhooks }) };
}
