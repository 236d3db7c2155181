import { request } from 'node:http';
import { createEmulator, type Emulator } from '../../src';
import { isOwnHost } from '../../src/control/host-check';

/** A request with a Host header of our choosing, as a DNS-rebinding page makes the browser send. */
function send(emu: Emulator, method: string, path: string, host: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port: emu.port,
        method,
        path,
        headers: {
          host,
          ...(payload !== undefined && { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as unknown) : undefined }));
      },
    );
    req.once('error', reject);
    req.end(payload);
  });
}

describe('isOwnHost', () => {
  const bound = { host: '127.0.0.1', port: 4000 };

  it('accepts the bound host and the loopback names with the emulator port, in any letter case', () => {
    for (const host of ['127.0.0.1:4000', 'localhost:4000', 'LOCALHOST:4000', '[::1]:4000']) expect(isOwnHost(host, bound)).toBe(true);
  });

  it('refuses another name, another port, a missing port, a missing header and anything that is not a bare authority', () => {
    for (const host of [
      'evil.example:4000',
      'localhost.evil.example:4000',
      '127.0.0.1.nip.io:4000',
      'localhost:4001',
      'localhost',
      '127.0.0.1:04000x',
      'user@localhost:4000',
      'localhost:4000/x',
      'localhost :4000',
      '',
      undefined,
    ]) {
      expect(isOwnHost(host, bound)).toBe(false);
    }
  });

  it('takes Host without a port as port 80', () => {
    expect(isOwnHost('localhost', { host: '127.0.0.1', port: 80 })).toBe(true);
  });

  it('accepts the name the emulator was started on, and any IP address when it listens on all of them', () => {
    expect(isOwnHost('[::1]:4000', { host: '::1', port: 4000 })).toBe(true);
    expect(isOwnHost('emu.internal:4000', { host: 'emu.internal', port: 4000 })).toBe(true);
    expect(isOwnHost('192.168.1.20:4000', { host: '0.0.0.0', port: 4000 })).toBe(true);
    expect(isOwnHost('[fd00::20]:4000', { host: '::', port: 4000 })).toBe(true);
    expect(isOwnHost('evil.example:4000', { host: '0.0.0.0', port: 4000 })).toBe(false);
    expect(isOwnHost('192.168.1.20:4000', { host: '127.0.0.1', port: 4000 })).toBe(false);
  });
});

describe('control endpoints behind a DNS-rebinding page', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await createEmulator();
  });
  afterEach(() => emu.close());

  it('refuses to set a fault for a request addressed to another host, and sets none', async () => {
    const refused = await send(emu, 'POST', '/__emulator/faults', `evil.example:${emu.port}`, {
      endpoint: 'token',
      fault: { type: 'hang' },
    });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ error: 'forbidden' });
    expect(emu.faults.list()).toEqual({});
  });

  it('refuses to move the clock, clear faults or read the stats for another host', async () => {
    emu.faults.set('refresh', { type: 'reset' });
    const before = emu.clock.now();
    expect((await send(emu, 'POST', '/__emulator/clock', `evil.example:${emu.port}`, { advance: 86_400_000 })).status).toBe(403);
    expect((await send(emu, 'DELETE', '/__emulator/faults', `evil.example:${emu.port}`)).status).toBe(403);
    expect((await send(emu, 'GET', '/__emulator/stats', `evil.example:${emu.port}`)).status).toBe(403);
    expect(emu.clock.now() - before).toBeLessThan(60_000);
    expect(emu.faults.list()).toEqual({ refresh: { type: 'reset' } });
  });

  it('answers requests addressed to its own host and port, by IP address or as localhost', async () => {
    for (const host of [`127.0.0.1:${emu.port}`, `localhost:${emu.port}`]) {
      const set = await send(emu, 'POST', '/__emulator/faults', host, { endpoint: 'token', fault: { type: 'hang' } });
      expect(set.status).toBe(200);
      expect((await send(emu, 'DELETE', '/__emulator/faults', host)).status).toBe(200);
    }
    expect((await send(emu, 'GET', '/__emulator/clock', `localhost:${emu.port}`)).status).toBe(200);
  });

  it('refuses its own host with another port, as a page on another local server would send', async () => {
    expect((await send(emu, 'GET', '/__emulator/faults', `127.0.0.1:${emu.port + 1}`)).status).toBe(403);
  });

  it('checks the Host of the control endpoints only: the home page answers any Host', async () => {
    const home = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port: emu.port, path: '/', headers: { host: `app.example:${emu.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .once('error', reject)
        .end();
    });
    expect(home).toBe(200);
  });
});
