import { randomBytes } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { CALLBACK_PATH, FAILURE_PATH, START_PATH, SUCCESS_PATH, authorizeURL, type ContenderConfig } from './config';
import { Upstream } from './upstream';

interface Session {
  state?: string;
  userId?: string;
  expires: number;
}

/**
 * Contender 3, the limit: a bare node:http app doing the same work as the Express apps (a session with the
 * state, a new session id at sign-in, the two upstream calls over a keep-alive pool) and nothing else.
 */
export function createLimitApp(config: ContenderConfig): RequestListener & { close(): void } {
  const sessions = new Map<string, Session>();
  const upstream = new Upstream(config.emulatorUrl, config.clientId, config.clientSecret, config.timeoutMs);
  const sweep = setInterval(
    () => {
      const now = Date.now();
      for (const [id, s] of sessions) if (s.expires <= now) sessions.delete(id);
    },
    Math.max(250, Math.floor(config.sessionTtlMs / 4)),
  );
  sweep.unref();

  const newSession = (res: ServerResponse, data: Omit<Session, 'expires'>): void => {
    const id = randomBytes(24).toString('base64url');
    sessions.set(id, { ...data, expires: Date.now() + config.sessionTtlMs });
    res.setHeader('set-cookie', `sid=${id}; Path=/; HttpOnly; SameSite=Lax`);
  };
  const sessionOf = (req: IncomingMessage): [string, Session] | undefined => {
    const id = /(?:^|;\s*)sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const s = id ? sessions.get(id) : undefined;
    return id && s && s.expires > Date.now() ? [id, s] : undefined;
  };
  const redirect = (res: ServerResponse, location: string): void => {
    res.writeHead(302, { location }).end();
  };

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://app.invalid');
    if (url.pathname === START_PATH) {
      const state = randomBytes(24).toString('base64url');
      newSession(res, { state });
      redirect(res, authorizeURL(config.emulatorUrl, config.clientId, config.callbackURL, state));
      return;
    }
    if (url.pathname === CALLBACK_PATH) {
      const found = sessionOf(req);
      const code = url.searchParams.get('code');
      if (!found || !code || found[1].state !== url.searchParams.get('state')) {
        redirect(res, FAILURE_PATH);
        return;
      }
      sessions.delete(found[0]);
      upstream.login(code, config.callbackURL).then(
        (userId) => {
          newSession(res, { userId });
          redirect(res, SUCCESS_PATH);
        },
        () => redirect(res, FAILURE_PATH),
      );
      return;
    }
    if (url.pathname === SUCCESS_PATH) {
      res.writeHead(sessionOf(req)?.[1].userId ? 200 : 401).end();
      return;
    }
    res.writeHead(404).end();
  };
  return Object.assign(listener, {
    close: () => {
      clearInterval(sweep);
      upstream.close();
    },
  });
}
