import { UNEXPECTED_REDIRECT } from '../../src/errors/codes';
import { WorksectionNetworkError } from '../../src/errors/network-error';
import { MAX_POOLED_ORIGINS, NodeTransport } from '../../src/http/node-transport';
import { postForm } from '../../src/http/request';
import { json, startHostileServer, type HostileServer } from '../helpers/hostile-server';

let server: HostileServer;
beforeEach(async () => {
  server = await startHostileServer((_, res) => json(res, { ok: true }));
});
afterEach(() => server.close());

/** Resolves once `condition` holds, checking after each turn of the event loop. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('NodeTransport', () => {
  it('keeps a pool of its own: two transports do not share connections', async () => {
    const a = new NodeTransport();
    const b = new NodeTransport();
    try {
      for (const transport of [a, b, a, b]) await postForm(server.url, {}, { transport, timeout: 1000 }, 'test');
      expect(server.connections).toBe(2);
    } finally {
      a.close();
      b.close();
    }
  });

  it('close() ends its idle sockets, and a later request opens a new one', async () => {
    const transport = new NodeTransport();
    await postForm(server.url, {}, { transport, timeout: 1000 }, 'test');
    expect(server.openSockets).toBe(1);
    transport.close();
    await server.allSocketsClosed();
    await postForm(server.url, {}, { transport, timeout: 1000 }, 'test');
    expect(server.connections).toBe(2);
    transport.close();
  });

  it('close() fails the calls still running with a network error and closes their connections', async () => {
    server.handle(() => undefined);
    const transport = new NodeTransport();
    const call = postForm(server.url, {}, { transport, timeout: 10_000 }, 'test');
    await until(() => server.requests.length === 1);
    transport.close();
    await expect(call).rejects.toBeInstanceOf(WorksectionNetworkError);
    await server.allSocketsClosed();
  });

  it('refuses a 302 without following it: the form never goes to the Location', async () => {
    const elsewhere = await startHostileServer((_, res) => json(res, { access_token: 'x' }));
    const transport = new NodeTransport();
    try {
      server.handle((_, res) => {
        res.writeHead(302, { location: `${elsewhere.url}/steal` });
        res.end();
      });
      await expect(postForm(server.url, { client_secret: 'x' }, { transport, timeout: 1000 }, 'test')).rejects.toMatchObject({
        code: UNEXPECTED_REDIRECT,
        status: 302,
      });
      expect(elsewhere.requests).toHaveLength(0);
      expect(elsewhere.connections).toBe(0);
    } finally {
      transport.close();
      await elsewhere.close();
    }
  });

  describe(`with more than ${MAX_POOLED_ORIGINS} origins (account URLs vary with the signed-in users)`, () => {
    let others: HostileServer[];
    let transport: NodeTransport;
    beforeEach(async () => {
      others = await Promise.all(Array.from({ length: MAX_POOLED_ORIGINS }, () => startHostileServer((_, res) => json(res, { ok: true }))));
      transport = new NodeTransport();
    });
    afterEach(async () => {
      transport.close();
      await Promise.all(others.map((other) => other.close()));
    });
    const call = (url: string): Promise<unknown> => postForm(url, {}, { transport, timeout: 2000 }, 'test');

    it('closes the connections of the least recently used origin, and keeps the others', async () => {
      const [oldest, ...rest] = others as [HostileServer, ...HostileServer[]];
      const newest = rest.pop() as HostileServer;
      await call(oldest.url);
      await call(server.url);
      for (const other of rest) await call(other.url);
      // The server's origin is used again: it is no longer the least recently used one.
      await call(server.url);
      expect(server.connections).toBe(1);
      // One origin too many: the oldest one's pool goes.
      await call(newest.url);
      await oldest.allSocketsClosed();
      expect(server.openSockets).toBe(1);
      await call(server.url);
      expect(server.connections).toBe(1);
      // The evicted origin gets a new pool when called again.
      await call(oldest.url);
      expect(oldest.connections).toBe(2);
    });

    it('lets a call to an evicted origin finish before closing its connection', async () => {
      let answer: (() => void) | undefined;
      server.handle((_, res) => {
        answer = () => json(res, { late: true });
      });
      const running = postForm(server.url, {}, { transport, timeout: 10_000 }, 'test');
      await until(() => answer !== undefined);
      for (const other of others) await call(other.url);
      answer?.();
      await expect(running).resolves.toMatchObject({ status: 200, body: { late: true } });
      await server.allSocketsClosed();
    });
  });
});
