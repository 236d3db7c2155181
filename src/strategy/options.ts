import { WorksectionConfigError } from '../errors/config-error';
import { defaultNodeTransport } from '../http/node-transport';
import { checkFetch, checkTimeout, checkTransport, DEFAULT_TIMEOUT, type HttpSettings } from '../http/settings';
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
  needsSession: boolean;
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
  const store: unknown = options.store;
  const customStore = typeof store === 'object' && store !== null;
  const base: Record<string, unknown> = {
    clientID,
    clientSecret,
    callbackURL,
    authorizationURL: endpoints.authorizationURL,
    tokenURL: endpoints.tokenURL,
    scope: normalizeScope(options.scope),
    // Worksection reads commas (and spaces); its docs and clients send commas.
    scopeSeparator: ',',
    state: options.state !== false,
    store: options.store,
    sessionKey: options.sessionKey,
    skipUserProfile: options.skipUserProfile,
    proxy: options.proxy,
    passReqToCallback: options.passReqToCallback,
  };
  return {
    base,
    endpoints,
    http,
    clientID,
    clientSecret,
    needsSession: !customStore && (options.store === true || options.state !== false),
  };
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
