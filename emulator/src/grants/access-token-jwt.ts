import { createPrivateKey, createPublicKey, createSign, createVerify, generateKeyPair, type KeyObject } from 'node:crypto';
import { JwtError } from '../errors/jwt-error';
import { decodeJwtSegment } from '../shared/jwt-segment';

/** The claims of a league/oauth2-server 8.x access token, in the order Worksection's tokens carry them. */
export interface AccessTokenClaims {
  /** The client id. */
  aud: string;
  /** 80 hex characters, as in Worksection's tokens. */
  jti: string;
  iat: number;
  nbf: number;
  exp: number;
  /** The user id. */
  sub: string;
  scopes: string[];
}

/** The RSA key pair the emulator signs access tokens with. */
export interface SigningKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** Makes a 2048-bit RSA key pair, the size behind Worksection's 342-character signatures. */
export function createSigningKeys(): Promise<SigningKeys> {
  return new Promise((resolve, reject) => {
    generateKeyPair('rsa', { modulusLength: 2048 }, (err, publicKey, privateKey) =>
      err ? reject(err) : resolve({ publicKey, privateKey }),
    );
  });
}

/** The private key as PKCS#8 PEM: what a saved state keeps so that the access tokens issued stay valid. */
export function exportSigningKey(keys: SigningKeys): string {
  return keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/**
 * The key pair of a PEM private key saved by {@link exportSigningKey}. Throws a `TypeError` for anything but an
 * RSA private key of at least 2048 bits, so a damaged state fails at start rather than at the first token.
 */
export function importSigningKeys(pem: string): SigningKeys {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new TypeError('The signing key is not a PEM private key');
  }
  const bits = privateKey.asymmetricKeyDetails?.modulusLength ?? 0;
  if (privateKey.asymmetricKeyType !== 'rsa' || bits < 2048)
    throw new TypeError('The signing key must be an RSA key of at least 2048 bits');
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');
// league's header has `typ` before `alg`; Worksection's tokens start with "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9".
const HEADER = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256' }));

/** Signs `claims` as an RS256 JWT. */
export function signJwt(claims: AccessTokenClaims, privateKey: KeyObject): string {
  const input = `${HEADER}.${b64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(input).sign(privateKey);
  return `${input}.${b64url(signature)}`;
}

// php-jwt's own texts vary with the bytes ("Wrong number of segments", "Syntax error, malformed JSON", …);
// Worksection answered a garbage token with "Malformed UTF-8 characters" (Postman collection), and clients
// cannot act on the difference, so every undecodable token gets that one text.
const MALFORMED = 'Malformed UTF-8 characters';

function decodeSegment(segment: string): Record<string, unknown> {
  const value = decodeJwtSegment(segment);
  if (value === undefined) throw new JwtError(MALFORMED);
  return value;
}

/**
 * Verifies an RS256 JWT made by {@link signJwt} at time `nowSeconds` and returns its claims.
 * Throws {@link JwtError}: "Malformed UTF-8 characters" for anything that is not a JWT, "Signature
 * verification failed" for a well-formed one signed by another key, "Expired token" once `exp` is reached.
 */
export function verifyJwt(token: string, publicKey: KeyObject, nowSeconds: number): AccessTokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) throw new JwtError(MALFORMED);
  const [header, payload, signature] = parts as [string, string, string];
  const head = decodeSegment(header);
  const claims = decodeSegment(payload) as Partial<AccessTokenClaims>;
  if (head.alg !== 'RS256') throw new JwtError('Algorithm not allowed');
  const ok = createVerify('RSA-SHA256').update(`${header}.${payload}`).verify(publicKey, Buffer.from(signature, 'base64url'));
  if (!ok) throw new JwtError('Signature verification failed');
  if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds) {
    throw new JwtError(`Cannot handle token prior to ${new Date(claims.nbf * 1000).toISOString()}`);
  }
  if (typeof claims.exp !== 'number' || nowSeconds >= claims.exp) throw new JwtError('Expired token');
  return claims as AccessTokenClaims;
}
