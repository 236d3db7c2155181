import http from 'node:http';
import { stringify } from 'node:querystring';

/** The two upstream calls of a login, over a keep-alive pool: the least any app must do. */
export class Upstream {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  constructor(
    private readonly emulatorUrl: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly timeoutMs: number,
  ) {}

  /** Exchanges a code and reads the profile; resolves to the user id. */
  async login(code: string, redirectUri: string): Promise<string> {
    const token = await this.post('/oauth2/token', {
      client_id: this.clientId,
      client_secret: this.clientSecret,
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
    });
    if (typeof token.access_token !== 'string') throw new Error(`token: ${String(token.error)}`);
    const profile = await this.post('/oauth2/resource', {
      client_id: this.clientId,
      client_secret: this.clientSecret,
      access_token: token.access_token,
    });
    if (typeof profile.id !== 'string') throw new Error(`resource: ${String(profile.error)}`);
    return profile.id;
  }

  close(): void {
    this.agent.destroy();
  }

  private post(path: string, params: Record<string, string>): Promise<Record<string, unknown>> {
    const body = stringify(params);
    return new Promise((resolve, reject) => {
      const req = http.request(
        `${this.emulatorUrl}${path}`,
        {
          method: 'POST',
          agent: this.agent,
          timeout: this.timeoutMs,
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            let answer: unknown;
            try {
              answer = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            } catch (e) {
              reject(e instanceof Error ? e : new Error(String(e)));
              return;
            }
            if (typeof answer === 'object' && answer !== null) resolve(answer as Record<string, unknown>);
            else reject(new Error(`${path}: the answer is not a JSON object`));
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('upstream timeout')));
      req.on('error', reject);
      req.end(body);
    });
  }
}
