import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { EmulatorContext } from '../context';
import { DEFAULT_OVERSIZED_BYTES, oversizedBody, type FaultTable } from '../control/faults';
import { BodyTooLargeError } from '../errors/body-too-large-error';
import { readRequest } from './request';
import { jsonReply, replyBytes, WORKSECTION_HEADERS, type Reply } from './reply';
import { endpointOf, route } from './router';
import type { StatsCounter } from '../control/stats';
import type { Fault } from '../types';

/** A listening emulator server and the means to stop it for good. */
export interface RunningServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts the HTTP server: counts connections, reads each request in full, applies the endpoint's fault, and
 * writes the handler's reply. `close()` also destroys sockets held open by keep-alive, `hang` faults or
 * pending delays, so test runners can exit.
 */
export async function startServer(
  ctx: EmulatorContext,
  faults: FaultTable,
  stats: StatsCounter,
  options: { host: string; port: number; origin: (port: number) => string },
): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closing = false;
  let url = '';

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // A bug in the emulator, not a behaviour of Worksection: say so instead of hanging the client.
      process.stderr.write(`worksection-emulator: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      if (!res.headersSent) write(res, jsonReply({ error: 'server_error', errorDescription: 'Emulator internal error' }, 500));
      else res.destroy();
    });
  });
  server.on('connection', (socket: Socket) => {
    stats.connection();
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const endpoint = endpointOf(new URL(req.url ?? '/', 'http://emulator.invalid').pathname);
    if (endpoint) stats.request(endpoint);
    let parsed;
    try {
      parsed = await readRequest(req);
    } catch (err) {
      if (err instanceof BodyTooLargeError) {
        write(res, jsonReply({ error: 'invalid_request', errorDescription: 'Request body too large' }, 413, { Connection: 'close' }));
        return;
      }
      throw err;
    }
    // The account API's rate limit is per account: the account is the path's first segment.
    const fault = endpoint ? faults.take(endpoint, endpoint === 'api' ? parsed.path.split('/')[1] : undefined) : undefined;
    if (fault?.type === 'hang') return; // the socket stays open until the client gives up or close() runs
    if (fault?.type === 'delay') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, fault.ms);
        timers.add(timer);
      });
      if (closing) return;
    }
    if (fault?.type === 'respond') {
      write(res, { status: fault.status, headers: fault.headers ?? {}, body: fault.body }, undefined, false);
      return;
    }
    // Most answers are ready at once; `add_webhook` first calls the hook's URL (at most 5 s).
    const reply = await route(ctx, faults, stats, url, parsed);
    if (closing) return;
    if (fault) applyFault(res, reply, fault);
    else write(res, reply);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  url = options.origin(port);

  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing = true;
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      }),
  };
}

// Worksection's nginx streams its JSON answers with Transfer-Encoding: chunked (Postman collection), so a client
// cannot size its buffer from Content-Length; HTML pages, redirects and `respond` faults carry a length.
const isJson = (reply: Reply) => /^application\/json/i.test(reply.headers['Content-Type'] ?? '');

function write(res: ServerResponse, reply: Reply, body: Buffer = replyBytes(reply), chunked = isJson(reply)): void {
  if (!chunked) {
    res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(body.length) });
    res.end(body);
    return;
  }
  res.writeHead(reply.status, reply.headers);
  if (body.length > 0) res.write(body);
  res.end();
}

function applyFault(res: ServerResponse, reply: Reply, fault: Fault): void {
  switch (fault.type) {
    case 'truncate': {
      const bytes = replyBytes(reply);
      write(res, reply, bytes.subarray(0, Math.floor(bytes.length / 2)));
      return;
    }
    case 'reset': {
      const bytes = replyBytes(reply);
      // A chunked answer cut off before its last chunk, or one that announced more bytes than it sent (some
      // even for an empty body): either way the client can tell it was cut short.
      res.writeHead(
        reply.status,
        isJson(reply) ? reply.headers : { ...reply.headers, 'Content-Length': String(Math.max(bytes.length, 64)) },
      );
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
      return;
    }
    case 'oversized':
      write(res, { status: 200, headers: { ...WORKSECTION_HEADERS }, body: oversizedBody(fault.bytes ?? DEFAULT_OVERSIZED_BYTES) });
      return;
    default:
      write(res, reply);
  }
}
