import { connect, type Socket } from 'node:net';

/** One answer, as a load test looks at it: the status, the Location and the Set-Cookie headers. */
export interface LoadAnswer {
  status: number;
  location: string;
  setCookies: string[];
}

/** A GET to send: the path (with query) and an optional Cookie header. */
export interface LoadRequest {
  path: string;
  cookie?: string;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * A lean HTTP/1.1 client for load tests: a few kept-alive connections, each carrying up to `depth` pipelined
 * GETs. Node's `http.request` costs about as much CPU per request as the app answering it, so with it a test
 * would mostly measure itself; this one parses only the status line and the headers it reports, and reads each
 * body by its Content-Length (the app's answers all have one).
 */
export class LoadClient {
  private readonly connections: Connection[];
  private turn = 0;

  constructor(host: string, port: number, connections: number, depth: number) {
    this.connections = Array.from({ length: connections }, () => new Connection(host, port, depth));
  }

  /** Sends a GET on the next connection in turn (waiting while it has `depth` in flight) and resolves with its answer. */
  get(request: LoadRequest): Promise<LoadAnswer> {
    const connection = this.connections[this.turn++ % this.connections.length]!;
    return connection.send(request);
  }

  /** Closes the connections. */
  close(): void {
    for (const connection of this.connections) connection.close();
  }
}

interface Pending {
  resolve: (answer: LoadAnswer) => void;
  reject: (err: Error) => void;
}

class Connection {
  private readonly socket: Socket;
  private readonly inFlight: Pending[] = [];
  private readonly waiting: Array<() => void> = [];
  private buffer: Buffer = Buffer.alloc(0);
  private failure: Error | undefined;

  private readonly hostHeader: string;

  constructor(
    host: string,
    port: number,
    private readonly depth: number,
  ) {
    this.hostHeader = `${host}:${port}`;
    this.socket = connect(port, host);
    this.socket.setNoDelay(true);
    this.socket.on('data', (chunk: Buffer) => this.receive(chunk));
    this.socket.on('error', (err) => this.fail(err));
    this.socket.on('close', () => this.fail(new Error('the server closed the connection')));
  }

  async send(request: LoadRequest): Promise<LoadAnswer> {
    while (this.inFlight.length >= this.depth && this.failure === undefined) await new Promise<void>((go) => this.waiting.push(go));
    if (this.failure) throw this.failure;
    return new Promise((resolve, reject) => {
      this.inFlight.push({ resolve, reject });
      const cookie = request.cookie === undefined ? '' : `Cookie: ${request.cookie}\r\n`;
      this.socket.write(`GET ${request.path} HTTP/1.1\r\nHost: ${this.hostHeader}\r\n${cookie}\r\n`);
    });
  }

  close(): void {
    this.failure ??= new Error('closed');
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf(HEADER_END);
      if (end < 0) return;
      const lines = this.buffer.subarray(0, end).toString('latin1').split('\r\n');
      const answer: LoadAnswer = { status: Number(lines[0]!.split(' ')[1]), location: '', setCookies: [] };
      let length: number | undefined;
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).toLowerCase();
        const value = line.slice(colon + 1).trim();
        if (name === 'content-length') length = Number(value);
        else if (name === 'location') answer.location = value;
        else if (name === 'set-cookie') answer.setCookies.push(value);
        else if (name === 'transfer-encoding') this.fail(new Error(`unexpected Transfer-Encoding: ${value}`));
      }
      if (length === undefined) {
        this.fail(new Error(`an answer without Content-Length: ${lines[0]!}`));
        return;
      }
      const total = end + HEADER_END.length + length;
      if (this.buffer.length < total) return;
      this.buffer = this.buffer.subarray(total);
      this.inFlight.shift()?.resolve(answer);
      this.waiting.shift()?.();
    }
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const pending of this.inFlight.splice(0)) pending.reject(this.failure);
    for (const go of this.waiting.splice(0)) go();
  }
}
