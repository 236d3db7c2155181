import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { BODY_TOO_LARGE, NETWORK_ERROR, TIMEOUT, UNEXPECTED_REDIRECT, WorksectionNetworkError, WorksectionTimeoutError } from '../../src';
import { NodeTransport } from '../../src/http/node-transport';
import type { HttpSettings } from '../../src/http/settings';
import { MAX_API_BODY_BYTES, requestBytes, type BytesRequest } from '../../src/http/stream-request';
import type { StreamedAnswer } from '../../src/http/streamed-answer';
import type { JsonAnswer } from '../../src/http/answer';
import { json, startHostileServer, type HostileServer } from '../helpers/hostile-server';

let server: HostileServer;
let transport: NodeTransport;
beforeEach(async () => {
  server = await startHostileServer();
  transport = new NodeTransport();
});
afterEach(async () => {
  transport.close();
  await server.close();
});

const DOWNLOAD: BytesRequest = { method: 'GET', headers: {}, stream: true };

/** A 200 file answer whose head and first chunk go out at once; the rest is up to the test. */
function startFile(res: ServerResponse, first = 'first chunk|'): void {
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-disposition': 'attachment; filename="f.bin"' });
  res.write(first);
}

function streamed(answer: JsonAnswer | StreamedAnswer): Readable {
  if (!answer.streamed) throw new Error('expected a streamed answer');
  return answer.body;
}

/** The next chunk the stream gives. */
function nextChunk(stream: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    stream.once('data', (chunk: Buffer) => {
      stream.pause();
      resolve(chunk.toString('utf8'));
    });
    stream.once('error', reject);
  });
}

/** Resolves once `condition` holds, checking after each turn of the event loop. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

/** What the stream errors with. */
function streamError(stream: Readable): Promise<Error> {
  return new Promise((resolve) => {
    stream.once('error', resolve);
    stream.resume();
  });
}

const transports: Array<[string, () => HttpSettings]> = [
  ['node:http transport', () => ({ transport, timeout: 1000 })],
  ['fetch option', () => ({ transport, timeout: 1000, fetch: (url: string, init: RequestInit) => fetch(url, init) })],
];

describe.each(transports)('requestBytes through the %s', (_name, settingsOf) => {
  it('resolves a file answer as soon as its head arrives, its body still coming: nothing is buffered whole', async () => {
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    server.handle((_, res) => {
      startFile(res);
      void finished.then(() => res.end('last chunk'));
    });
    const answer = await requestBytes(`${server.url}/f`, DOWNLOAD, settingsOf(), 'test');
    expect(answer).toMatchObject({
      streamed: true,
      status: 200,
      contentType: 'application/octet-stream',
      contentDisposition: 'attachment; filename="f.bin"',
    });
    const body = streamed(answer);
    await expect(nextChunk(body)).resolves.toBe('first chunk|');
    finish();
    const rest: Buffer[] = [];
    for await (const chunk of body) rest.push(chunk as Buffer);
    expect(Buffer.concat(rest).toString()).toBe('last chunk');
  });

  it('errors the stream with a timeout error when no byte arrives for `timeout` while the caller reads', async () => {
    server.handle((_, res) => startFile(res));
    const body = streamed(await requestBytes(`${server.url}/f`, DOWNLOAD, { ...settingsOf(), timeout: 300 }, 'test'));
    await expect(nextChunk(body)).resolves.toBe('first chunk|');
    const err = await streamError(body);
    expect(err).toBeInstanceOf(WorksectionTimeoutError);
    expect(err).toMatchObject({ code: TIMEOUT, timeout: 300 });
    await server.allSocketsClosed();
  });

  it('does not time out a caller that reads slowly: only a wait for Worksection while bytes are wanted counts', async () => {
    // The idle timer on a fake clock, started before the request; sockets keep their own clocks.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'performance', 'Date', 'hrtime'] });
    try {
      server.handle((_, res) => {
        startFile(res);
        // Far more than the stream buffers: Worksection is not the one waiting.
        res.write(Buffer.alloc(4 * 1024 * 1024));
      });
      const body = streamed(await requestBytes(`${server.url}/f`, DOWNLOAD, { ...settingsOf(), timeout: 300 }, 'test'));
      await nextChunk(body);
      await until(() => body.readableLength >= body.readableHighWaterMark);
      jest.advanceTimersByTime(3000);
      expect(body.destroyed).toBe(false);
      body.destroy();
    } finally {
      jest.useRealTimers();
    }
  });

  it('rejects with a timeout error when no answer arrives within `timeout`, closing the connection', async () => {
    server.handle(() => undefined);
    await expect(requestBytes(`${server.url}/f`, DOWNLOAD, { ...settingsOf(), timeout: 200 }, 'test')).rejects.toMatchObject({
      code: TIMEOUT,
    });
    await server.allSocketsClosed();
  });

  it('errors the stream with a network error when the connection breaks mid-body', async () => {
    server.handle((_, res, socket) => {
      startFile(res);
      setImmediate(() => socket.destroy());
    });
    const body = streamed(await requestBytes(`${server.url}/f`, DOWNLOAD, settingsOf(), 'test'));
    const err = await streamError(body);
    expect(err).toBeInstanceOf(WorksectionNetworkError);
    expect(err).toMatchObject({ code: NETWORK_ERROR });
  });

  it('errors the stream with the signal’s reason when the call’s signal is aborted after it resolved, closing the connection', async () => {
    server.handle((_, res) => startFile(res));
    const controller = new AbortController();
    const body = streamed(await requestBytes(`${server.url}/f`, { ...DOWNLOAD, signal: controller.signal }, settingsOf(), 'test'));
    await nextChunk(body);
    const errored = streamError(body);
    controller.abort();
    await expect(errored).resolves.toMatchObject({ name: 'AbortError' });
    await server.allSocketsClosed();
  });

  it('closes the connection when the caller destroys the stream early', async () => {
    server.handle((_, res) => startFile(res));
    const body = streamed(await requestBytes(`${server.url}/f`, DOWNLOAD, settingsOf(), 'test'));
    await nextChunk(body);
    body.destroy();
    await server.allSocketsClosed();
  });

  it('reads a JSON answer whole (the refusal of a download), and refuses a redirect without following it', async () => {
    server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"error","status_code":4,"message":"File not found"}');
    });
    const answer = await requestBytes(`${server.url}/f`, DOWNLOAD, settingsOf(), 'test');
    expect(answer).toMatchObject({ status: 200, body: { status_code: 4 } });
    expect(answer.streamed).toBeUndefined();
    server.handle((_, res) => {
      res.writeHead(302, { location: 'http://127.0.0.1:9/elsewhere' });
      res.end();
    });
    const redirected = requestBytes(`${server.url}/f`, DOWNLOAD, settingsOf(), 'test');
    await expect(redirected).rejects.toMatchObject({ code: UNEXPECTED_REDIRECT });
    // The account-API client has no endpoint options: its messages name the option that decides where it calls.
    await expect(redirected).rejects.toThrow(/Check the accountUrl option\.$/);
  });

  it('refuses a JSON answer over its cap, declared or streamed, without keeping it, naming the accountUrl option', async () => {
    const big = JSON.stringify({ status: 'ok', data: 'x'.repeat(4096) });
    server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // Chunked: no Content-Length to refuse it by.
      res.write(big.slice(0, 2000));
      res.end(big.slice(2000));
    });
    const capped: BytesRequest = { method: 'GET', headers: {}, stream: false, maxBytes: 1024 };
    // The account-API client has no endpoint options: its refusal points to its accountUrl.
    const refusal = {
      code: BODY_TOO_LARGE,
      message:
        'test answered HTTP 200 with a body over the 1024-byte cap; it was not read. ' +
        'Worksection or a proxy is misbehaving: check the accountUrl option.',
    };
    await expect(requestBytes(`${server.url}/j`, capped, settingsOf(), 'test')).rejects.toMatchObject(refusal);
    server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(big.length) });
      // Only the start: a refusal that waited for the body would time out instead.
      res.write(big.slice(0, 100));
    });
    await expect(requestBytes(`${server.url}/j`, capped, settingsOf(), 'test')).rejects.toMatchObject(refusal);
    server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(big.length) });
      res.end(big);
    });
    await expect(requestBytes(`${server.url}/j`, { ...capped, maxBytes: 8192 }, settingsOf(), 'test')).resolves.toMatchObject({
      status: 200,
      body: { status: 'ok' },
    });
  });

  it('sends a bytes body with its Content-Length in bytes', async () => {
    server.handle((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"ok","data":[]}');
    });
    // Two characters, five bytes: a length counted in characters, or a body sent as text, would show.
    const body = Buffer.from('é✓', 'utf8');
    await requestBytes(
      `${server.url}/u`,
      { method: 'POST', headers: { 'content-type': 'text/plain' }, body, stream: false },
      settingsOf(),
      'test',
    );
    expect(server.requests[0]).toMatchObject({ method: 'POST', body: 'é✓' });
    expect(server.requests[0]!.headers['content-length']).toBe('5');
  });
});

describe('a JSON answer over 1 MiB over real HTTP', () => {
  it('is parsed piece by piece to the same value as a small one, through both transports', async () => {
    const data = Array.from({ length: 20_000 }, (_, i) => ({ id: String(i), text: 'Text of the task. '.repeat(20) }));
    const big = await startHostileServer((_, res) => json(res, { status: 'ok', data }));
    const transport = new NodeTransport();
    try {
      for (const fetchImpl of [undefined, fetch]) {
        const settings: HttpSettings = { transport, timeout: 20_000, fetch: fetchImpl };
        const answer = (await requestBytes(
          big.url,
          { method: 'GET', headers: {}, stream: false, maxBytes: MAX_API_BODY_BYTES },
          settings,
          'test',
        )) as JsonAnswer;
        expect(answer.text.length).toBeGreaterThan(2 * 1024 * 1024);
        expect(answer.body).toEqual(JSON.parse(answer.text));
      }
    } finally {
      transport.close();
      await big.close();
    }
  });
});
