import http from 'node:http';
import { stringify } from 'node:querystring';
import { Pool } from 'undici';
import { NodeTransport } from '../src/http/node-transport';

/**
 * One client of `bench/http-clients.ts`, alone in this process: `CALLS` form POSTs, 32 in flight, after a warm-up;
 * prints the process's CPU time per call.
 */
const [client, url = '', callsArg = '1000'] = process.argv.slice(2);
const CALLS = Number(callsArg);
const FORM = stringify({ client_id: 'bench', client_secret: 'bench-secret', grant_type: 'authorization_code', code: 'c'.repeat(600) });
const HEADERS = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };

type Call = () => Promise<unknown>;

function callWith(kind: string | undefined): Call {
  const target = `${url}/oauth2/token`;
  switch (kind) {
    case 'ours': {
      const transport = new NodeTransport();
      return () => transport.send(target, { method: 'POST', body: FORM }, HEADERS, 10_000, 'bench');
    }
    case 'node-http': {
      const agent = new http.Agent({ keepAlive: true });
      return () =>
        new Promise((resolve, reject) => {
          const req = http.request(
            target,
            { method: 'POST', agent, headers: { ...HEADERS, 'content-length': Buffer.byteLength(FORM) } },
            (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
              res.on('error', reject);
            },
          );
          req.on('error', reject);
          req.end(FORM);
        });
    }
    case 'undici': {
      const pool = new Pool(url, { connections: 32 });
      return async () => {
        const { body } = await pool.request({ path: '/oauth2/token', method: 'POST', headers: HEADERS, body: FORM });
        return body.json();
      };
    }
    case 'fetch':
      return async () => (await fetch(target, { method: 'POST', headers: HEADERS, body: FORM })).json();
    default:
      throw new Error(`unknown client ${String(kind)}`);
  }
}

async function drive(call: Call, count: number): Promise<void> {
  let started = 0;
  const worker = async (): Promise<void> => {
    while (started < count) {
      started++;
      await call();
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
}

async function main(): Promise<void> {
  const call = callWith(client);
  await drive(call, 500);
  const before = process.cpuUsage();
  await drive(call, CALLS);
  const used = process.cpuUsage(before);
  console.log(JSON.stringify({ cpuPerCallUs: (used.user + used.system) / CALLS }));
  process.exit(0);
}

void main();
