import { handleAdmin, ADMIN_PREFIX } from '../control/admin';
import { API_PATH, handleApi } from '../account-api/api';
import { ADMIN_API_PATH, handleAdminApi } from '../admin-api/admin-api';
import { RECORD_PAGE_PATH, recordPage } from '../account-web/record-pages';
import { handleAuthorize } from '../authorize/authorize';
import { isOwnHost } from '../control/host-check';
import type { EmulatorContext } from '../context';
import type { FaultTable } from '../control/faults';
import { errorPage, homePage } from '../authorize/pages';
import type { EmulatorRequest } from './request';
import { handleRefresh } from '../oauth/refresh';
import { handleResource } from '../oauth/resource';
import { htmlReply, jsonReply, type Reply } from './reply';
import type { StatsCounter } from '../control/stats';
import { handleToken } from '../oauth/token';
import type { EmulatorEndpoint } from '../types';

/** The endpoint a path belongs to, for faults and request counts (control and home pages belong to none). */
export function endpointOf(path: string): EmulatorEndpoint | undefined {
  if (path === '/oauth2/authorize' || path.startsWith('/oauth2/authorize/')) return 'authorize';
  if (path === '/oauth2/token') return 'token';
  if (path === '/oauth2/refresh') return 'refresh';
  if (path === '/oauth2/resource') return 'resource';
  // The admin API is the same account API with another credential: its faults, rate limit and counts are `api`'s.
  if (API_PATH.test(path) || ADMIN_API_PATH.test(path)) return 'api';
  return undefined;
}

/** Answers one request; `url` is the emulator's origin. */
export function route(
  ctx: EmulatorContext,
  faults: FaultTable,
  stats: StatsCounter,
  url: string,
  req: EmulatorRequest,
): Reply | Promise<Reply> {
  const endpoint = endpointOf(req.path);
  const oauthMethod = req.method === 'GET' || req.method === 'POST';
  switch (endpoint) {
    case 'authorize':
      return handleAuthorize(ctx, req);
    case 'token':
      return oauthMethod ? handleToken(ctx, req) : notAllowed();
    case 'refresh':
      return oauthMethod ? handleRefresh(ctx, req) : notAllowed();
    case 'resource':
      return oauthMethod ? handleResource(ctx, req) : notAllowed();
    case 'api':
      if (!oauthMethod) return notAllowed();
      return ADMIN_API_PATH.test(req.path) ? handleAdminApi(ctx, req) : handleApi(ctx, req);
    default:
      break;
  }
  if (req.path.startsWith(ADMIN_PREFIX)) {
    if (!isOwnHost(req.headers.host, { host: ctx.options.host ?? '127.0.0.1', port: Number(new URL(url).port) })) {
      return jsonReply({ error: 'forbidden', errorDescription: `Control endpoints answer only requests addressed to ${url}` }, 403);
    }
    return handleAdmin(ctx, faults, stats, req);
  }
  if (req.path === '/' && (req.method === 'GET' || req.method === 'HEAD')) {
    return htmlReply(homePage({ url, clients: ctx.directory.clients, users: ctx.directory.users, accounts: ctx.directory.accounts }));
  }
  if ((req.method === 'GET' || req.method === 'HEAD') && RECORD_PAGE_PATH.test(req.path)) return recordPage(ctx, req.path);
  return htmlReply(errorPage('Not found', 'not_found', 'The Worksection emulator has no such page.'), 404);
}

function notAllowed(): Reply {
  return jsonReply({ error: 'invalid_request', errorDescription: 'Use GET or POST' }, 405, { Allow: 'GET, POST' });
}
