import { parseArgs } from 'node:util';
import type { EmulatorClient, EmulatorOptions } from '../types';

/** Usage text of `worksection-emulator`. */
export const USAGE = `Usage: worksection-emulator [options]

A local Worksection OAuth2 server for development and tests. Not for production.

Options:
  --port <n>                 Port to listen on (default 4000; 0 picks a free one)
  --host <address>           Address to listen on (default 127.0.0.1)
  --client <id:secret:uri>   Register a client (repeatable; the redirect URI may contain ":" itself).
                             The demo client is always registered too.
  --strict-https             Refuse http redirect URIs even on localhost, exactly like Worksection
  --auto-approve             Skip the sign-in and consent pages: approve as the first user at once
  --refresh-account-url      Add account_url to /oauth2/refresh answers (the live server omits it)
  -h, --help                 Show this help
`;

/** What the command line asked for. */
export interface CliArgs {
  help: boolean;
  options: EmulatorOptions & { port: number; host: string };
  /** Clients given with --client, whose secrets the banner must not print. */
  extraClients: EmulatorClient[];
}

/** Parses `--client id:secret:redirect_uri`; throws a message naming the expected form. */
export function parseClientSpec(spec: string): EmulatorClient {
  const first = spec.indexOf(':');
  const second = first < 0 ? -1 : spec.indexOf(':', first + 1);
  const clientId = spec.slice(0, first);
  const clientSecret = spec.slice(first + 1, second);
  const redirectUri = spec.slice(second + 1);
  if (first <= 0 || second <= first + 1 || !URL.canParse(redirectUri)) {
    throw new Error(`--client must be id:secret:redirect_uri with an absolute redirect URI, got "${spec.replace(/:[^:]*:/, ':***:')}"`);
  }
  return { clientId, clientSecret, redirectUris: [redirectUri] };
}

/** Parses the command line (without `node` and the script path). Throws an Error with a usable message. */
export function parseCliArgs(argv: string[]): CliArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      client: { type: 'string', multiple: true },
      'strict-https': { type: 'boolean' },
      'auto-approve': { type: 'boolean' },
      'refresh-account-url': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const port = values.port === undefined ? 4000 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, got "${values.port}"`);
  const extraClients: EmulatorClient[] = [];
  for (const spec of values.client ?? []) {
    const client = parseClientSpec(spec);
    // Several --client flags with one id add redirect URIs to that client, as an app may register several.
    const existing = extraClients.find((c) => c.clientId === client.clientId);
    if (existing && existing.clientSecret !== client.clientSecret)
      throw new Error(`--client ${client.clientId} is given twice with different secrets`);
    if (existing) existing.redirectUris.push(...client.redirectUris);
    else extraClients.push(client);
  }
  return {
    help: values.help === true,
    extraClients,
    options: {
      port,
      host: values.host ?? '127.0.0.1',
      strictHttps: values['strict-https'] === true,
      autoApprove: values['auto-approve'] === true,
      refreshAccountUrl: values['refresh-account-url'] === true,
    },
  };
}
