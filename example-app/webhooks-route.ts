import type { Router } from 'express';
import { webhookMiddleware } from 'passport-worksection/client';
import { defaultExpress, type ExpressModule } from './express-module';
import type { AccountEvents } from './account-events';
import { sessionUser } from './request-session';
import { TASK_UPDATES_SCRIPT } from './views/task-updates-script';

/** The HTTP Basic pair Worksection is told to send (`add_webhook`'s `http_user`/`http_pass`). */
export interface WebhookCredentials {
  user: string;
  pass: string;
}

/** What {@link webhookReceiverRoute} and {@link taskUpdatesRoute} need. */
export interface WebhooksRouteOptions {
  events: AccountEvents;
  /** Keys of the accounts whose hooks point here: a delivery to any other key is a 404, and nothing is kept. */
  isKnownKey: (key: string) => boolean;
  credentials: WebhookCredentials;
  log: (line: string) => void;
  /** Called once an event of the account with this key is kept: what the app read of that account may be stale. */
  onEvent?: (key: string) => void;
  express?: ExpressModule;
}

/** The path of an account's hook: what `add_webhook`'s `url` is, on the app's public HTTPS origin. */
export const webhookPath = (key: string) => `/webhooks/worksection/${key}`;

/**
 * `POST /webhooks/worksection/:key`: Worksection's deliveries for one account, through the package's receiver
 * (Basic checked, 200 `{"status":"OK"}` at once, events kept after the answer). Mounted before the session
 * middleware: a delivery is not a visitor and gets no session.
 */
export function webhookReceiverRoute(options: WebhooksRouteOptions): Router {
  const router = (options.express ?? defaultExpress).Router();
  const receivers = new Map<string, ReturnType<typeof webhookMiddleware>>();
  router.all('/webhooks/worksection/:key', (req, res, next) => {
    const key = typeof req.params.key === 'string' ? req.params.key : '';
    if (!options.isKnownKey(key)) {
      next();
      return;
    }
    let receive = receivers.get(key);
    if (!receive) {
      receive = webhookMiddleware({
        basicAuth: options.credentials,
        onEvent: (event) => {
          options.events.add(key, event);
          options.onEvent?.(key);
        },
        onError: (err) => options.log(`webhook ${err.reason}: ${err.message}`),
      });
      receivers.set(key, receive);
    }
    receive(req, res, next);
  });
  return router;
}

/**
 * `GET /tasks/:taskId/updates`: the comments Worksection's webhooks reported on a task of the signed-in user's
 * account, as JSON, for the task page's script (which adds the ones it does not show yet). No API call: it reads
 * what the receiver kept, of this session's account only. `GET /task-updates.js` is that script.
 */
export function taskUpdatesRoute(options: Pick<WebhooksRouteOptions, 'events' | 'express'>): Router {
  const router = (options.express ?? defaultExpress).Router();
  router.get('/task-updates.js', (_req, res) => {
    res.type('text/javascript').set('Cache-Control', 'public, max-age=3600').send(TASK_UPDATES_SCRIPT);
  });
  router.get('/tasks/:taskId/updates', (req, res) => {
    res.set('Cache-Control', 'no-store');
    const user = sessionUser(req);
    const taskId = typeof req.params.taskId === 'string' && /^\d{1,18}$/.test(req.params.taskId) ? req.params.taskId : undefined;
    if (!user || taskId === undefined) {
      res.status(user ? 404 : 401).json({ comments: [] });
      return;
    }
    const comments = options.events.commentsOn(user.accountUrl, taskId).map((e) => ({
      id: e.objectId,
      text: e.text ?? '',
      author: e.author ?? 'Someone',
      date: e.date ?? '',
    }));
    res.json({ comments });
  });
  return router;
}
