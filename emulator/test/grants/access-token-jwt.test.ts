import { createPublicKey, createVerify } from 'node:crypto';
import { createEmulator, type Emulator } from '../../src';
import { getTokens, jwtClaims } from '../helpers/oauth-flow';

describe('access tokens', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await createEmulator({ autoApprove: true });
  });
  afterEach(() => emu.close());

  function verifies(token: string, key = createPublicKey(emu.publicKey)): boolean {
    const [h, p, s] = token.split('.') as [string, string, string];
    return createVerify('RSA-SHA256').update(`${h}.${p}`).verify(key, Buffer.from(s, 'base64url'));
  }

  it("are RS256 JWTs with league's header, signed by the emulator's exported public key", async () => {
    const { access_token } = await getTokens(emu);
    expect(JSON.parse(Buffer.from(access_token.split('.')[0]!, 'base64url').toString())).toEqual({ typ: 'JWT', alg: 'RS256' });
    expect(verifies(access_token)).toBe(true);
    const [h, p, s] = access_token.split('.') as [string, string, string];
    expect(verifies(`${h}.${p}x.${s}`)).toBe(false);
  });

  it('carry aud, jti, iat, nbf, exp, sub and scopes, in that order, from the emulator clock', async () => {
    emu.clock.set(Date.UTC(2023, 10, 10, 14, 43, 22));
    const { access_token } = await getTokens(emu, { scope: 'projects_read,tasks_read' });
    const claims = jwtClaims(access_token);
    expect(Object.keys(claims)).toEqual(['aud', 'jti', 'iat', 'nbf', 'exp', 'sub', 'scopes']);
    const iat = Math.floor(Date.UTC(2023, 10, 10, 14, 43, 22) / 1000);
    expect(claims.iat).toBeGreaterThanOrEqual(iat);
    expect(claims.iat).toBeLessThan(iat + 5);
    expect(claims).toMatchObject({
      aud: 'demo-client',
      sub: '3993',
      nbf: claims.iat,
      exp: (claims.iat as number) + 86400,
      scopes: ['projects_read', 'tasks_read'],
    });
    expect(claims.jti).toMatch(/^[0-9a-f]{80}$/);
  });

  it('are verifiable with the JWKS the emulator publishes', async () => {
    const { access_token } = await getTokens(emu);
    const jwks = (await (await fetch(`${emu.url}/__emulator/jwks.json`)).json()) as { keys: Array<Record<string, string>> };
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(verifies(access_token, createPublicKey({ key: jwks.keys[0]!, format: 'jwk' }))).toBe(true);
  });

  it('each get a different jti, and each emulator its own key', async () => {
    const a = await getTokens(emu);
    const b = await getTokens(emu);
    expect(jwtClaims(a.access_token).jti).not.toBe(jwtClaims(b.access_token).jti);
    const other = await createEmulator({ autoApprove: true });
    try {
      expect(other.publicKey).not.toBe(emu.publicKey);
      expect(verifies(a.access_token, createPublicKey(other.publicKey))).toBe(false);
    } finally {
      await other.close();
    }
  });
});
