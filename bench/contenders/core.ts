import { randomBytes } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { WorksectionOAuth } from '../../src';
import { CALLBACK_PATH, FAILURE_PATH, START_PATH, SUCCESS_PATH, type ContenderConfig } from './config';

/**
 * Contender 4: this package's framework-free core, `WorksectionOAuth`, on bare node:http, as the README's plain-Node
 * sample uses it: the state in its sealed cookie, a session (a Map, as the limit app keeps one) made at sign-in.
 * Set against the limit app, it shows what the core costs over doing the same work by hand.
 */
export function createCoreApp(config: ContenderConfig): RequestListener {
  const oauth = new WorksectionOAuth({
    clientID: config.clientId,
    clientSecret: config.clientSecret,
    callbackURL: config.callbackURL,
    baseURL: config.emulatorUrl,
    scope: 'projects_read',
    timeout: config.timeoutMs,
  });
  const sessions = new Map<string, { userId: string; expires: number }>();
  const sweep = setInterval(
    () => {
      const now = Date.now();
      for (const [id, s] of sessions) if (s.expires <= now) sessions.delete(id);
    },
    Math.max(250, Math.floor(config.sessionTtlMs / 4)),
  );
  sweep.unref();

  const signedIn = (res: ServerResponse, userId: string, setCookies: string[]): void => {
    const id = randomBytes(24).toString('base64url');
    sessions.set(id, { userId, expires: Date.now() + config.sessionTtlMs });
    res.writeHead(302, { location: SUCCESS_PATH, 'set-cookie': [...setCookies, `sid=${id}; Path=/; HttpOnly; SameSite=Lax`] }).end();
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?', 1)[0];
    if (path === START_PATH) {
      const { url, setCookies } = oauth.startSignIn({ request: req });
      res.writeHead(302, { location: url, 'set-cookie': setCookies, 'cache-control': 'no-store' }).end();
      return;
    }
    if (path === CALLBACK_PATH) {
      oauth.finishSignIn(req).then(
        (result) => {
          if (result.ok) signedIn(res, result.profile.id, result.setCookies);
          else res.writeHead(302, { location: FAILURE_PATH, 'set-cookie': result.setCookies }).end();
        },
        () => res.writeHead(302, { location: FAILURE_PATH }).end(),
      );
      return;
    }
    if (path === SUCCESS_PATH) {
      const id = /(?:^|;\s*)sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
      const session = id === undefined ? undefined : sessions.get(id);
      res.writeHead(session !== undefined && session.expires > Date.now() ? 200 : 401).end();
      return;
    }
    res.writeHead(404).end();
  };
}
