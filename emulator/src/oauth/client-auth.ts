import { safeEqual } from '../shared/constant-time';
import type { Directory } from '../directory/directory';
import { invalidClient, invalidRequest } from './league-exceptions';
import { clientCredentials, type EmulatorRequest } from '../http/request';
import type { EmulatorClient } from '../types';

/**
 * league's `validateClient()`: a missing client_id is an invalid_request, an unknown client or a wrong secret is
 * "Client authentication failed". Throws {@link OAuthError}.
 */
export function authenticateClient(directory: Directory, req: EmulatorRequest, params: Map<string, string>): EmulatorClient {
  const { clientId, clientSecret } = clientCredentials(req, params);
  if (clientId === undefined) throw invalidRequest('client_id');
  const client = directory.client(clientId);
  if (!client || clientSecret === undefined || !safeEqual(clientSecret, client.clientSecret)) throw invalidClient();
  return client;
}
