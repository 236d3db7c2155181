import { stringify } from 'node:querystring';
import { Pool } from 'undici';

/**
 * The two upstream calls of a login, over a keep-alive pool: the least any app must do. undici's `Pool.request`, the
 * cheapest of the HTTP clients `npm run bench:http` measures that an app would write by hand (node:http's client costs
 * about twice as much per call).
 */
export class Upstream {
  private readonly pool: Pool;

  constructor(
    emulatorUrl: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly timeoutMs: number,
  ) {
    this.pool = new Pool(emulatorUrl, { connections: 64 });
  }

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
    void this.pool.destroy();
  }

  private async post(path: string, params: Record<string, string>): Promise<Record<string, unknown>> {
    const { body } = await this.pool.request({
      method: 'POST',
      path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: stringify(params),
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
    const answer: unknown = await body.json();
    if (typeof answer === 'object' && answer !== null) return answer as Record<string, unknown>;
    throw new Error(`${path}: the answer is not a JSON object`);
  }
}
