import { WorksectionConfigError } from '../errors/config-error';
import { defaultNodeTransport } from '../http/node-transport';
import { checkFetch, checkTimeout, checkTransport, DEFAULT_TIMEOUT, type HttpSettings } from '../http/settings';
import { accountKey } from '../oauth/allowed-accounts';
import { isWorksectionHost, resolveEndpoints, type Endpoints } from '../oauth/endpoints';
import { SCOPES, isScope, splitScopes } from '../oauth/scopes';
import type { StrategyOptionsBase } from './types';

/** @internal What the constructor derives from its options. */
export interface CheckedOptions {
  /** Options for passport-oauth2's constructor. */
  base: Record<string, unknown>;
  endpoints: Endpoints;
  http: HttpSettings;
  clientID: string;
  clientSecret: string;
  /** Where the state lives: the sealed cookie, passport-oauth2's session store, or the app's own store. */
  stateMode: 'cookie' | 'session' | 'custom';
  /** Secrets of the state cookie, newest first. */
  stateSecrets: string[];
  pkce: boolean;
  /** Keys of the allowed accounts (see accountKey), or undefined for any account. */
  allowedAccounts: ReadonlySet<string> | undefined;
  passReqToCallback: boolean;
}

/**
 * @internal
 * Checks the constructor's options, failing fast with a {@link WorksectionConfigError} that names the option
 * and the fix, and maps them to passport-oauth2's.
 */
export function checkOptions(given: unknown, verify: unknown): CheckedOptions {
  if (typeof given !== 'object' || given === null) {
    throw new WorksectionConfigError('options', 'new Strategy(options, verify) needs an options object with clientID and clientSecret.');
  }
  const options = given as StrategyOptionsBase & { passReqToCallback?: boolean };
  if (typeof verify !== 'function') {
    throw new WorksectionConfigError('verify', 'new Strategy(options, verify) needs a verify callback as its second argument.');
  }
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
  const http: HttpSettings = {
    fetch: checkFetch(options.fetch),
    transport: checkTransport(options.transport) ?? defaultNodeTransport,
    timeout: checkTimeout(options.timeout ?? DEFAULT_TIMEOUT),
  };
  const stateMode = checkStateMode(options);
  const pkce = checkBoolean('pkce', options.pkce);
  const base: Record<string, unknown> = {
    clientID,
    clientSecret,
    callbackURL,
    authorizationURL: endpoints.authorizationURL,
    tokenURL: endpoints.tokenURL,
    scope: normalizeScope(options.scope),
    // Worksection reads commas (and spaces); its docs and clients send commas.
    scopeSeparator: ',',
    state: true,
    // The strategy puts its cookie store in place itself, once constructed.
    store: stateMode === 'cookie' ? undefined : options.store,
    sessionKey: options.sessionKey,
    skipUserProfile: options.skipUserProfile,
    proxy: options.proxy,
    pkce: pkce ? 'S256' : undefined,
    // The strategy's own verify wrapper always takes the request; the app's verify gets it if it asked.
    passReqToCallback: true,
  };
  return {
    base,
    endpoints,
    http,
    clientID,
    clientSecret,
    stateMode,
    stateSecrets: checkStateSecrets(options.stateSecret, clientSecret),
    pkce,
    allowedAccounts: checkAllowedAccounts(options.allowedAccounts),
    passReqToCallback: checkBoolean('passReqToCallback', options.passReqToCallback),
  };
}

function checkStateMode(options: StrategyOptionsBase): CheckedOptions['stateMode'] {
  const state: unknown = options.state;
  const store: unknown = options.store;
  if (state === false) {
    throw new WorksectionConfigError(
      'state',
      "Worksection requires the OAuth state, so state: false is not supported. Leave the state option out (a sealed cookie) or use state: 'session'.",
    );
  }
  if (state !== undefined && state !== true && state !== 'cookie' && state !== 'session') {
    throw new WorksectionConfigError('state', "The state option must be 'cookie' (the default) or 'session'.");
  }
  if (typeof store === 'object' && store !== null) {
    const { store: save, verify } = store as { store?: unknown; verify?: unknown };
    if (typeof save !== 'function' || typeof verify !== 'function') {
      throw new WorksectionConfigError(
        'store',
        'The store option must have store() and verify() methods, as passport-oauth2 state stores do.',
      );
    }
    return 'custom';
  }
  if (store !== undefined && typeof store !== 'boolean')
    throw new WorksectionConfigError('store', 'The store option must be a state store or true.');
  return state === 'session' || store === true ? 'session' : 'cookie';
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

function checkBoolean(option: string, value: unknown): boolean {
  if (value !== undefined && typeof value !== 'boolean')
    throw new WorksectionConfigError(option, `The ${option} option must be true or false.`);
  return value === true;
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
