import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request the hostile server received, body included. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Answers one request; `socket` is there for the misbehaviours (reset, hang). */
export type HostileHandler = (req: ReceivedRequest, res: http.ServerResponse, socket: Socket) => void;

/** A real HTTP server on 127.0.0.1:0 that answers however the test says: the hostile Worksection. */
export interface HostileServer {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /** Sockets currently open on the server side (a hung request keeps one until the client gives up). */
  readonly openSockets: number;
  /** Connections accepted since the start. */
  readonly connections: number;
  /** Resolves when every socket the server accepted so far has closed. */
  allSocketsClosed(): Promise<void>;
  handle(handler: HostileHandler): void;
  close(): Promise<void>;
}

/** Starts a hostile server; `handler` may be replaced later with `handle()`. */
export async function startHostileServer(handler?: HostileHandler): Promise<HostileServer> {
  let current: HostileHandler = handler ?? ((_, res) => res.end());
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const received: ReceivedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(received);
      current(received, res, req.socket);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    connections++;
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get openSockets() {
      return sockets.size;
    },
    get connections() {
      return connections;
    },
    async allSocketsClosed() {
      await Promise.all(
        [...sockets].map((s) => new Promise<void>((resolve) => (s.destroyed ? resolve() : s.once('close', () => resolve())))),
      );
    },
    handle(next) {
      current = next;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answers `status` with a JSON body (a string is sent as is) and Worksection's content type. */
export function json(res: http.ServerResponse, body: unknown, status = 200): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}
