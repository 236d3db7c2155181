import { WorksectionConfigError } from '../errors/config-error';
import { defaultNodeTransport, type NodeTransport } from '../http/node-transport';
import { checkFetch, checkTimeout, checkTransport, DEFAULT_TIMEOUT, type FetchFunction, type HttpSettings } from '../http/settings';
import { accountKey } from '../oauth/allowed-accounts';
import { isWorksectionHost, resolveEndpoints, type EndpointOptions, type Endpoints } from '../oauth/endpoints';
import { SCOPES, isScope, splitScopes, type Scope } from '../oauth/scopes';

/** Options of {@link WorksectionOAuth}: the ones the Passport strategy shares, without anything Passport-specific. */
export interface WorksectionOAuthOptions extends EndpointOptions {
  /** The client ID of your app registered in Worksection. Required. */
  clientID: string;
  /** The client secret of your app. Required; sent in form bodies only, never in a URL. */
  clientSecret: string;
  /** Where Worksection sends the user back. Worksection requires `https:`, localhost included. */
  callbackURL?: string;
  /** Scopes to request: an array or a comma/space-separated string of the 17 Worksection scopes. */
  scope?: string | ReadonlyArray<Scope | (string & {})>;
  /** Milliseconds for each call to Worksection, body included. Default 10000. */
  timeout?: number;
  /** A custom `fetch` (proxies, logging). Default: the built-in `node:http(s)` client with a keep-alive pool. */
  fetch?: FetchFunction;
  /** The built-in transport's keep-alive pool to use when there is no `fetch`. Default: the shared `defaultNodeTransport`. */
  transport?: NodeTransport;
  /**
   * The secret the state cookie is sealed with (AES-256-GCM, key derived with HKDF), or a list of them, newest
   * first: the first seals, all unseal, for rotation. Default: derived from `clientSecret`.
   */
  stateSecret?: string | readonly string[];
  /**
   * Send PKCE (S256) and keep the verifier with the state. Default `false`: Worksection does not document PKCE,
   * and a server whose consent page drops the challenge refuses every code exchange that sends a verifier.
   */
  pkce?: boolean;
  /**
   * Worksection accounts allowed to sign in: account URLs (`https://acme.worksection.com`) or host names
   * (`acme.worksection.com`). A user who signs in to any other account fails before verify runs.
   * Default: any account.
   */
  allowedAccounts?: readonly string[];
}

/** @internal What the options come to, checked. */
export interface CheckedCoreOptions {
  clientID: string;
  clientSecret: string;
  callbackURL: string | undefined;
  scope: string[] | undefined;
  endpoints: Endpoints;
  http: HttpSettings;
  /** Secrets of the state cookie, newest first. */
  stateSecrets: string[];
  pkce: boolean;
  /** Keys of the allowed accounts (see accountKey), or undefined for any account. */
  allowedAccounts: ReadonlySet<string> | undefined;
}

/**
 * @internal
 * Checks the options the strategy and the framework-free core share, failing fast with a
 * {@link WorksectionConfigError} that names the option and the fix. `constructor` names the call in messages.
 */
export function checkCoreOptions(given: unknown, constructor: string): CheckedCoreOptions {
  if (typeof given !== 'object' || given === null) {
    throw new WorksectionConfigError('options', `${constructor} needs an options object with clientID and clientSecret.`);
  }
  const options = given as WorksectionOAuthOptions;
  const [clientID, clientSecret] = (['clientID', 'clientSecret'] as const).map((option) => {
    const value: unknown = options[option];
    if (typeof value !== 'string' || value === '') {
      throw new WorksectionConfigError(
        option,
        `The ${option} option is required: copy it from the app you registered in Worksection (account settings, API / OAuth2).`,
      );
    }
    return value;
  }) as [string, string];
  const endpoints = resolveEndpoints(options);
  const callbackURL: unknown = options.callbackURL;
  if (callbackURL !== undefined && typeof callbackURL !== 'string') {
    throw new WorksectionConfigError('callbackURL', 'The callbackURL option must be a string (an absolute or relative URL).');
  }
  if (callbackURL?.startsWith('http:') && isWorksectionHost(new URL(endpoints.authorizationURL).hostname)) {
    throw new WorksectionConfigError(
      'callbackURL',
      'Worksection requires an https: callbackURL, even on localhost: serve your callback over HTTPS ' +
        '(a local certificate works), or develop against the emulator by setting baseURL.',
    );
  }
  return {
    clientID,
    clientSecret,
    callbackURL,
    scope: normalizeScope(options.scope),
    endpoints,
    http: {
      fetch: checkFetch(options.fetch),
      transport: checkTransport(options.transport) ?? defaultNodeTransport,
      timeout: checkTimeout(options.timeout ?? DEFAULT_TIMEOUT),
    },
    stateSecrets: checkStateSecrets(options.stateSecret, clientSecret),
    pkce: checkBoolean('pkce', options.pkce),
    allowedAccounts: checkAllowedAccounts(options.allowedAccounts),
  };
}

/** @internal Checks an option that is true, false or left out. */
export function checkBoolean(option: string, value: unknown): boolean {
  if (value !== undefined && typeof value !== 'boolean')
    throw new WorksectionConfigError(option, `The ${option} option must be true or false.`);
  return value === true;
}

function checkStateSecrets(given: unknown, clientSecret: string): string[] {
  if (given === undefined) return [clientSecret];
  const secrets: unknown[] = Array.isArray(given) ? given : [given];
  if (secrets.length === 0 || secrets.some((secret) => typeof secret !== 'string' || secret.length < 16)) {
    throw new WorksectionConfigError(
      'stateSecret',
      'The stateSecret option must be a secret of 16 characters or more, or a list of them, newest first.',
    );
  }
  return secrets as string[];
}

function checkAllowedAccounts(given: unknown): ReadonlySet<string> | undefined {
  if (given === undefined) return undefined;
  const entries: unknown[] = Array.isArray(given) ? given : [];
  const keys = entries.map((entry) => (typeof entry === 'string' ? accountKey(entry) : undefined));
  if (!Array.isArray(given) || entries.length === 0 || keys.includes(undefined)) {
    throw new WorksectionConfigError(
      'allowedAccounts',
      "The allowedAccounts option must be a non-empty list of account URLs or host names, such as ['acme.worksection.com'].",
    );
  }
  return new Set(keys as string[]);
}

/**
 * @internal
 * Validates a scope option (an array of names, or one string of comma/space-separated names) against the 17
 * Worksection scopes. Returns the names (undefined when none), or throws naming the unknown one.
 */
export function normalizeScope(scope: unknown): string[] | undefined {
  if (scope === undefined || scope === null) return undefined;
  const pieces = typeof scope === 'string' ? [scope] : Array.isArray(scope) ? scope : undefined;
  if (!pieces || pieces.some((piece) => typeof piece !== 'string')) {
    throw new WorksectionConfigError(
      'scope',
      "The scope option must be an array of scope names or a string such as 'projects_read,tasks_read'.",
    );
  }
  const names = [...new Set((pieces as string[]).flatMap(splitScopes))];
  const unknown = names.find((name) => !isScope(name));
  if (unknown !== undefined) {
    throw new WorksectionConfigError(
      'scope',
      `Unknown Worksection scope "${unknown.slice(0, 64)}" in the scope option. Valid scopes: ${SCOPES.join(', ')}.`,
    );
  }
  return names.length > 0 ? names : undefined;
}
