import { estimatedBits } from './secret-strength';
import { ConfigError } from './errors/config-error';
import { DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from './sign-in-limiter';
/**
 * The example app's configuration, read from environment variables (documented in README.md and `.env.example`).
 * {@link loadConfig} refuses a configuration that would be unsafe or cannot work, and its messages never contain
 * the value of a secret.
 */

/** Where to sign in: worksection.com with real credentials, or the emulator started in-process. */
export type WorksectionTarget =
  | { kind: 'worksection'; clientID: string; clientSecret: string; callbackURL: string; baseURL?: string }
  | { kind: 'emulator'; callbackURL: string };

/** Where sessions live. */
export type SessionBackend = { kind: 'sqlite'; file: string } | { kind: 'redis'; url: string };

/** Everything the app needs to start. */
export interface AppConfig {
  port: number;
  production: boolean;
  worksection: WorksectionTarget;
  /**
   * The secret that signs session cookies and seals tokens: the newest of {@link AppConfig.sessionSecrets}.
   * Undefined only outside production with SQLite: the server then keeps a generated secret beside the database.
   */
  sessionSecret?: string;
  /**
   * Every configured session secret, newest first (`SESSION_SECRETS`, or a comma-separated `SESSION_SECRET`): the
   * first signs and seals, all of them verify and open, so a secret can be rotated without signing everyone out.
   * Set whenever {@link AppConfig.sessionSecret} is.
   */
  sessionSecrets?: string[];
  sessions: SessionBackend;
  /** Reverse-proxy hops to trust for `X-Forwarded-*` (Express `trust proxy`); 0 trusts none. */
  trustProxy: number;
  /** Lifetime of a signed-in session, in ms. (A sign-in in progress has no session: its cookies live 10 minutes.) */
  sessionTtlMs: number;
  /**
   * Sign-in starts and callbacks allowed a minute: `SIGNIN_LIMIT_PER_IP` (default 30) from one client IP,
   * `SIGNIN_LIMIT_GLOBAL` (default 600) from everyone together. Past either, a 429 with `Retry-After`.
   */
  signInLimits: SignInLimits;
}

/** The placeholder `.env.example` ships; refused in production like any weak secret. */
export const EXAMPLE_SESSION_SECRET = 'change-me-to-a-long-random-string';

/** Minimum length of `SESSION_SECRET` in production: 32 characters, e.g. `openssl rand -hex 32` gives 64. */
export const MIN_SECRET_LENGTH = 32;

const DEFAULT_SESSION_TTL_MS = 8 * 60 * 60 * 1000;

/**
 * Reads and checks the configuration.
 * @throws ConfigError naming the variable at fault (never echoing a secret).
 */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const production = env.NODE_ENV === 'production';
  const port = parsePort(env.PORT);
  const trustProxy = parseHopCount(env.TRUST_PROXY);
  const worksection = parseWorksection(env, port, production);
  const sessions = parseSessions(env);
  const sessionSecrets = parseSessionSecrets(env, production, sessions);
  const config: AppConfig = {
    port,
    production,
    worksection,
    sessions,
    trustProxy,
    sessionTtlMs: DEFAULT_SESSION_TTL_MS,
    signInLimits: {
      perIp: parseLimit('SIGNIN_LIMIT_PER_IP', env.SIGNIN_LIMIT_PER_IP, DEFAULT_SIGN_IN_LIMITS.perIp),
      global: parseLimit('SIGNIN_LIMIT_GLOBAL', env.SIGNIN_LIMIT_GLOBAL, DEFAULT_SIGN_IN_LIMITS.global),
      windowMs: DEFAULT_SIGN_IN_LIMITS.windowMs,
    },
  };
  if (sessionSecrets !== undefined) {
    config.sessionSecret = sessionSecrets[0];
    config.sessionSecrets = sessionSecrets;
  }
  return config;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function parsePort(value: string | undefined): number {
  const raw = nonEmpty(value);
  if (raw === undefined) return 3000;
  const port = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new ConfigError(`PORT must be a number from 0 to 65535, got "${raw}".`);
  return port;
}

function parseLimit(name: string, value: string | undefined, fallback: number): number {
  const raw = nonEmpty(value);
  if (raw === undefined) return fallback;
  if (!/^\d{1,7}$/.test(raw) || Number(raw) < 1) {
    throw new ConfigError(`${name} must be a number of sign-in requests a minute (1-9999999), got "${raw.slice(0, 20)}".`);
  }
  return Number(raw);
}

function parseHopCount(value: string | undefined): number {
  const raw = nonEmpty(value);
  if (raw === undefined) return 0;
  // A hop count, not `true`: trusting every proxy would let any client forge X-Forwarded-Proto and the client IP.
  if (!/^\d+$/.test(raw) || Number(raw) > 10) {
    throw new ConfigError(`TRUST_PROXY must be the number of reverse proxies in front of the app (0-10), got "${raw}".`);
  }
  return Number(raw);
}

function parseWorksection(env: NodeJS.ProcessEnv, port: number, production: boolean): WorksectionTarget {
  const clientID = nonEmpty(env.WORKSECTION_CLIENT_ID);
  const clientSecret = nonEmpty(env.WORKSECTION_CLIENT_SECRET);
  const callbackURL = nonEmpty(env.WORKSECTION_CALLBACK_URL);
  const baseURL = nonEmpty(env.WORKSECTION_BASE_URL);
  if (clientID === undefined && clientSecret === undefined) {
    if (production) {
      throw new ConfigError(
        'WORKSECTION_CLIENT_ID and WORKSECTION_CLIENT_SECRET are required in production: the built-in emulator is for development only.',
      );
    }
    if (baseURL !== undefined) {
      throw new ConfigError('WORKSECTION_BASE_URL needs WORKSECTION_CLIENT_ID and WORKSECTION_CLIENT_SECRET too.');
    }
    return { kind: 'emulator', callbackURL: callbackURL ?? `http://localhost:${port}/auth/worksection/callback` };
  }
  if (clientID === undefined) throw new ConfigError('WORKSECTION_CLIENT_ID is missing (WORKSECTION_CLIENT_SECRET is set).');
  if (clientSecret === undefined) throw new ConfigError('WORKSECTION_CLIENT_SECRET is missing (WORKSECTION_CLIENT_ID is set).');
  if (callbackURL === undefined) {
    throw new ConfigError(
      'WORKSECTION_CALLBACK_URL is required with Worksection credentials: the https:// URL of /auth/worksection/callback ' +
        'registered for your app (Worksection requires HTTPS, even on localhost).',
    );
  }
  checkUrl('WORKSECTION_CALLBACK_URL', callbackURL);
  if (production && new URL(callbackURL).protocol !== 'https:') {
    // Worksection only redirects to HTTPS, and the sign-in's state cookie is Secure only with an https callback.
    throw new ConfigError('WORKSECTION_CALLBACK_URL must be an https:// URL in production: Worksection requires HTTPS.');
  }
  const target: WorksectionTarget = { kind: 'worksection', clientID, clientSecret, callbackURL };
  if (baseURL !== undefined) {
    checkUrl('WORKSECTION_BASE_URL', baseURL);
    target.baseURL = baseURL.replace(/\/+$/, '');
  }
  return target;
}

function checkUrl(name: string, value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be an absolute http(s) URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(`${name} must be an http(s) URL.`);
}

function parseSessions(env: NodeJS.ProcessEnv): SessionBackend {
  const redisUrl = nonEmpty(env.REDIS_URL);
  const sessionDb = nonEmpty(env.SESSION_DB);
  if (redisUrl !== undefined) {
    if (sessionDb !== undefined) throw new ConfigError('Set either REDIS_URL or SESSION_DB, not both.');
    if (!/^rediss?:\/\//.test(redisUrl)) throw new ConfigError('REDIS_URL must start with redis:// or rediss://.');
    return { kind: 'redis', url: redisUrl };
  }
  return { kind: 'sqlite', file: sessionDb ?? 'example-app-sessions.sqlite' };
}

/**
 * `SESSION_SECRETS` or `SESSION_SECRET` (not both), split at commas, newest first. In production each one must be
 * strong: a retired secret still verifies cookies, so a weak one would still let anyone forge a session.
 */
function parseSessionSecrets(env: NodeJS.ProcessEnv, production: boolean, sessions: SessionBackend): [string, ...string[]] | undefined {
  const single = nonEmpty(env.SESSION_SECRET);
  const list = nonEmpty(env.SESSION_SECRETS);
  if (single !== undefined && list !== undefined) {
    throw new ConfigError('Set either SESSION_SECRET or SESSION_SECRETS, not both (SESSION_SECRETS lists the secrets, newest first).');
  }
  const name = list === undefined ? 'SESSION_SECRET' : 'SESSION_SECRETS';
  const value = list ?? single;
  if (value === undefined) {
    if (production) {
      throw new ConfigError(
        `SESSION_SECRET is required in production: at least ${MIN_SECRET_LENGTH} random characters (e.g. \`openssl rand -hex 32\`).`,
      );
    }
    if (sessions.kind === 'redis') {
      // Instances sharing Redis must sign cookies with the same key, so a per-machine generated one cannot work.
      throw new ConfigError('SESSION_SECRET is required with REDIS_URL: every instance must use the same one.');
    }
    return undefined;
  }
  const secrets = value.split(',').map((secret) => secret.trim());
  const [newest, ...older] = secrets;
  if (newest === undefined || secrets.includes('')) {
    throw new ConfigError(`${name} has an empty entry: list the secrets separated by commas, newest first.`);
  }
  if (production) {
    const weak = secrets.findIndex((secret) => !isStrongSecret(secret));
    if (weak >= 0) {
      const which = secrets.length === 1 ? name : `${name} (entry ${weak + 1} of ${secrets.length})`;
      throw new ConfigError(
        `${which} is too weak for production: use at least ${MIN_SECRET_LENGTH} random characters ` +
          '(e.g. `openssl rand -hex 32`), not the example value.',
      );
    }
  }
  return [newest, ...older];
}

/** Whether `secret` is long and varied enough to sign session cookies in production. */
export function isStrongSecret(secret: string): boolean {
  if (secret.length < MIN_SECRET_LENGTH) return false;
  if (secret.includes(EXAMPLE_SESSION_SECRET)) return false;
  return estimatedBits(secret) >= MIN_SECRET_BITS;
}

/** Estimated randomness ({@link estimatedBits}) {@link isStrongSecret} asks for. `openssl rand -hex 32` gives about 250. */
export const MIN_SECRET_BITS = 96;
