import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request as it arrived at the recorder, on its way to the emulator. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** `performance.now()` when the request's head arrived: the server-side arrival time. */
  at: number;
}

/** A transparent HTTP proxy in front of the emulator that records every request it forwards. */
export interface Recorder {
  /** Origin of the proxy, e.g. `http://127.0.0.1:41235`: use it where the emulator's URL would go. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /**
   * Answers the next request with `handler` instead of forwarding it: the emulator never sees it, as when the
   * proxy in front of Worksection fails before Worksection does anything (a reset, a cut-off answer).
   */
  interceptOnce(handler: (res: http.ServerResponse, socket: Socket) => void): void;
  close(): Promise<void>;
}

/** For {@link Recorder.interceptOnce}: drops the connection without an answer. */
export function resetConnection(_res: http.ServerResponse, socket: Socket): void {
  socket.destroy();
}

/** For {@link Recorder.interceptOnce}: a 200 JSON answer cut off after its first bytes, ended normally. */
export function truncatedJson(res: http.ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.end('{"token_type":"Bearer","expires_in":86400,"access_tok');
}

/**
 * Starts a recorder on 127.0.0.1 forwarding to `target` (the emulator's origin), on a free port, or on `port` (to
 * start it again where a closed one was: clients that were refused there reach it again).
 */
export async function startRecorder(target: string, port = 0): Promise<Recorder> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: false });
  const intercepts: Array<(res: http.ServerResponse, socket: Socket) => void> = [];
  const server = http.createServer((req, res) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: body.toString('utf8'), at });
      const intercept = intercepts.shift();
      if (intercept !== undefined) {
        intercept(res, req.socket);
        return;
      }
      const forward = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
          agent,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          // The emulator's reset fault breaks the upstream answer: break ours the same way.
          answer.on('error', () => res.destroy());
          answer.on('aborted', () => res.destroy());
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    requests,
    interceptOnce: (handler) => {
      intercepts.push(handler);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
