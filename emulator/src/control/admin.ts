import type { EmulatorContext } from '../context';
import { isEndpoint, parseFault, type FaultTable } from './faults';
import { mediaType, type EmulatorRequest } from '../http/request';
import { jsonReply, type Reply } from '../http/reply';
import type { StatsCounter } from './stats';

/** Where the control API lives; nothing Worksection serves starts with it. */
export const ADMIN_PREFIX = '/__emulator/';

function readJson(req: EmulatorRequest): Record<string, unknown> {
  if (req.body.length === 0) return {};
  if (mediaType(req) !== 'application/json') throw new TypeError('Send a JSON body with Content-Type: application/json');
  const value: unknown = JSON.parse(req.body.toString('utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError('The body must be a JSON object');
  return value as Record<string, unknown>;
}

/**
 * The control API for tests that run the emulator in another process (the CLI):
 * `GET|POST|DELETE /__emulator/faults`, `GET|DELETE /__emulator/stats`, `POST /__emulator/clock`,
 * `GET /__emulator/jwks.json`.
 */
export function handleAdmin(ctx: EmulatorContext, faults: FaultTable, stats: StatsCounter, req: EmulatorRequest): Reply {
  try {
    return route(ctx, faults, stats, req);
  } catch (err) {
    if (err instanceof TypeError || err instanceof SyntaxError)
      return jsonReply({ error: 'bad_request', errorDescription: err.message }, 400);
    throw err;
  }
}

function route(ctx: EmulatorContext, faults: FaultTable, stats: StatsCounter, req: EmulatorRequest): Reply {
  const name = req.path.slice(ADMIN_PREFIX.length);
  switch (`${req.method} ${name}`) {
    case 'GET faults':
      return jsonReply(faults.list());
    case 'POST faults': {
      const body = readJson(req);
      if (!isEndpoint(body.endpoint)) throw new TypeError('"endpoint" must be one of authorize, token, refresh, resource, api');
      faults.set(body.endpoint, Array.isArray(body.fault) ? body.fault.map(parseFault) : parseFault(body.fault));
      return jsonReply(faults.list());
    }
    case 'DELETE faults': {
      const endpoint = req.query.get('endpoint') ?? readJson(req).endpoint;
      if (endpoint !== undefined && !isEndpoint(endpoint))
        throw new TypeError('"endpoint" must be one of authorize, token, refresh, resource, api');
      faults.clear(endpoint);
      return jsonReply(faults.list());
    }
    case 'GET stats':
      return jsonReply(stats.toJSON());
    case 'DELETE stats':
      stats.reset();
      return jsonReply(stats.toJSON());
    case 'POST clock': {
      const body = readJson(req);
      if (body.advance !== undefined) {
        if (typeof body.advance !== 'number') throw new TypeError('"advance" must be milliseconds');
        ctx.clock.advance(body.advance);
      } else if (body.set !== undefined) {
        if (typeof body.set !== 'number') throw new TypeError('"set" must be an epoch time in milliseconds');
        ctx.clock.set(body.set);
      }
      return jsonReply({ now: ctx.clock.now() });
    }
    case 'GET clock':
      return jsonReply({ now: ctx.clock.now() });
    case 'GET jwks.json':
      return jsonReply({ keys: [{ ...ctx.keys.publicKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig' }] });
    default:
      return jsonReply({ error: 'not_found', errorDescription: `No control endpoint ${req.method} ${req.path}` }, 404);
  }
}
