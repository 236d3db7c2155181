import { AccessTokenError, checkAccessToken } from '../oauth/access-token';
import { accountData, profile, projectView, taskView } from './data';
import type { EmulatorContext } from '../state/context';
import { mediaType, type EmulatorRequest } from '../http/request';
import { jsonReply, type Reply } from '../http/reply';
import { known } from '../state/known';
import type { EmulatorAccount, EmulatorUser } from '../types';

/** The account API's path under an account: `{account_url}/api/oauth2`. */
export const API_PATH = /^\/([A-Za-z0-9_-]+)\/api\/oauth2\/?$/;

/** An account API failure: `{"status":"error","status_code","message","message_details"}`. */
class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly details = '',
    /** HTTP status: 200 as Worksection answers errors, except 401 for token failures. */
    readonly httpStatus = 200,
  ) {
    super(message);
  }
}

/** Which scope each action needs; `me` needs none (Worksection's docs). */
const ACTION_SCOPES: Record<string, string | null> = {
  me: null,
  get_projects: 'projects_read',
  get_project: 'projects_read',
  get_tasks: 'tasks_read',
  get_all_tasks: 'tasks_read',
  get_task: 'tasks_read',
  get_users: 'users_read',
};

/**
 * `{account_url}/api/oauth2?action=…`: the Worksection account API for OAuth tokens. Parameters in the query
 * string or a JSON body; the token as `Authorization: Bearer` or an `access_token` parameter.
 */
export function handleApi(ctx: EmulatorContext, req: EmulatorRequest): Reply {
  try {
    return jsonReply({ status: 'ok', data: run(ctx, req) });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return jsonReply({ status: 'error', status_code: err.statusCode, message: err.message, message_details: err.details }, err.httpStatus);
  }
}

function params(req: EmulatorRequest): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of req.query) if (!out.has(key)) out.set(key, value);
  if (req.body.length === 0) return out;
  // Worksection's API reads a JSON body and answers anything else, a form body included, "invalid JSON".
  let body: unknown;
  try {
    body = mediaType(req) === 'application/x-www-form-urlencoded' ? undefined : JSON.parse(req.body.toString('utf8'));
  } catch {
    body = undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ApiError(400, 'invalid JSON', 'The request body must be a JSON object');
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out.set(key, String(value));
  }
  return out;
}

function bearer(req: EmulatorRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

function run(ctx: EmulatorContext, req: EmulatorRequest): unknown {
  // The router sends only paths that match API_PATH here.
  const account = ctx.directory.account(API_PATH.exec(req.path)?.[1]);
  if (!account) throw new ApiError(404, 'Account not found', '', 404);
  const p = params(req);

  const token = bearer(req) ?? p.get('access_token');
  if (token === undefined) throw new ApiError(401, 'Access token is missing', 'Send it as Authorization: Bearer', 401);
  let record;
  try {
    record = checkAccessToken(ctx, token);
  } catch (err) {
    if (!(err instanceof AccessTokenError)) throw err;
    // Worksection answers an expired token with HTTP 401 "Access token is expired"; its own clients refresh once and replay.
    throw new ApiError(401, err.expired ? 'Access token is expired' : 'Access token is invalid', err.expired ? '' : err.message, 401);
  }
  if (record.accountId !== account.id)
    throw new ApiError(403, 'Access token does not belong to this account', `The token was issued for ${ctx.accountUrl(record.accountId)}`);

  const action = p.get('action');
  if (action === undefined || !(action in ACTION_SCOPES))
    throw new ApiError(400, 'Action is invalid', action === undefined ? 'Missing `action`' : `Unknown action ${action}`);
  const needed = ACTION_SCOPES[action];
  if (needed && !record.scopes.includes(needed)) {
    throw new ApiError(403, 'Access denied: the token was not granted the scope this action needs', needed);
  }
  const user = known(ctx.directory.user(record.userId), `the user of a token, "${record.userId}"`);
  return perform(ctx, account, action, p, user);
}

function perform(ctx: EmulatorContext, account: EmulatorAccount, action: string, p: Map<string, string>, user: EmulatorUser): unknown {
  const { projects, tasks } = accountData(account.id);
  const projectById = (id: string | undefined) => projects.find((project) => project.id === id);
  switch (action) {
    case 'me':
      return profile(ctx, user, account);
    case 'get_users':
      return ctx.directory.members(account.id).map((member) => profile(ctx, member, account));
    case 'get_projects': {
      // Worksection's filter: active, pending or archive; the seeded projects are active or archived.
      const filter = p.get('filter');
      const shown =
        filter === 'active' || filter === 'pending' || filter === 'archive' ? projects.filter((x) => x.status === filter) : projects;
      return shown.map((project) => projectView(ctx, account, project));
    }
    case 'get_project': {
      const project = projectById(required(p, 'id_project'));
      if (!project) throw new ApiError(404, 'Project not found', p.get('id_project'));
      return projectView(ctx, account, project);
    }
    case 'get_all_tasks':
      return tasks.map((task) => taskView(ctx, task, projectById(task.projectId)));
    case 'get_tasks': {
      const project = projectById(required(p, 'id_project'));
      if (!project) throw new ApiError(404, 'Project not found', p.get('id_project'));
      return tasks.filter((task) => task.projectId === project.id).map((task) => taskView(ctx, task, project));
    }
    case 'get_task': {
      const task = tasks.find((t) => t.id === required(p, 'id_task'));
      if (!task) throw new ApiError(404, 'Task not found', p.get('id_task'));
      return taskView(ctx, task, projectById(task.projectId));
    }
    default:
      throw new ApiError(400, 'Action is invalid', `Unknown action ${action}`);
  }
}

function required(p: Map<string, string>, name: string): string {
  const value = p.get(name);
  if (value === undefined || value === '') throw new ApiError(400, 'Field is required', name);
  return value;
}
