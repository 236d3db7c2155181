import { timingSafeEqual } from 'node:crypto';
import type { Directory } from '../state/directory';
import { invalidClient, invalidRequest } from './oauth-error';
import { clientCredentials, type EmulatorRequest } from '../http/request';
import type { EmulatorClient } from '../types';

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * league's `validateClient()`: a missing client_id is an invalid_request, an unknown client or a wrong secret is
 * "Client authentication failed". Throws {@link OAuthError}.
 */
export function authenticateClient(directory: Directory, req: EmulatorRequest, params: Map<string, string>): EmulatorClient {
  const { clientId, clientSecret } = clientCredentials(req, params);
  if (clientId === undefined) throw invalidRequest('client_id');
  const client = directory.client(clientId);
  if (!client || clientSecret === undefined || !sameSecret(clientSecret, client.clientSecret)) throw invalidClient();
  return client;
}
