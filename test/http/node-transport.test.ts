import { NodeTransport } from '../../src/http/node-transport';
import { postForm } from '../../src/http/request';
import { json, startHostileServer, type HostileServer } from '../helpers/hostile-server';

let server: HostileServer;
beforeEach(async () => {
  server = await startHostileServer((_, res) => json(res, { ok: true }));
});
afterEach(() => server.close());

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
});
