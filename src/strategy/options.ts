import { WorksectionConfigError } from '../errors/config-error';
import { checkBoolean, checkCoreOptions, type CheckedCoreOptions } from '../core/options';
import type { StrategyOptionsBase } from './types';

/** @internal What the constructor derives from its options. */
export interface CheckedOptions {
  /** Options for passport-oauth2's constructor. */
  base: Record<string, unknown>;
  /** The options the framework-free core takes. */
  core: CheckedCoreOptions;
  /** Where the state lives: the sealed cookie, passport-oauth2's session store, or the app's own store. */
  stateMode: 'cookie' | 'session' | 'custom';
  passReqToCallback: boolean;
}

/**
 * @internal
 * Checks the constructor's options, failing fast with a {@link WorksectionConfigError} that names the option
 * and the fix, and maps them to passport-oauth2's.
 */
export function checkOptions(given: unknown, verify: unknown): CheckedOptions {
  const core = checkCoreOptions(given, 'new Strategy(options, verify)');
  const options = given as StrategyOptionsBase & { passReqToCallback?: boolean };
  if (typeof verify !== 'function') {
    throw new WorksectionConfigError('verify', 'new Strategy(options, verify) needs a verify callback as its second argument.');
  }
  // The form is told by the number of declared parameters, as passport-oauth2 does: none (a rest parameter, or
  // NestJS's PassportStrategy without its callback arity) would hand the arguments to the wrong places.
  if (verify.length === 0) {
    throw new WorksectionConfigError(
      'verify',
      'The verify function declares no parameters, so its form cannot be told (the strategy reads Function.length, as passport-oauth2 does). ' +
        "Declare them plainly: ({ accessToken, refreshToken, params, profile, req }) => user, or (accessToken, refreshToken, params, profile, done). With NestJS, pass the callback arity: PassportStrategy(Strategy, 'worksection', 5).",
    );
  }
  const stateMode = checkStateMode(options);
  const base: Record<string, unknown> = {
    clientID: core.clientID,
    clientSecret: core.clientSecret,
    callbackURL: core.callbackURL,
    authorizationURL: core.endpoints.authorizationURL,
    tokenURL: core.endpoints.tokenURL,
    scope: core.scope,
    // Worksection reads commas (and spaces); its docs and clients send commas.
    scopeSeparator: ',',
    state: true,
    // The strategy puts its cookie store in place itself, once constructed.
    store: stateMode === 'cookie' ? undefined : options.store,
    sessionKey: options.sessionKey,
    skipUserProfile: options.skipUserProfile,
    proxy: options.proxy,
    pkce: core.pkce ? 'S256' : undefined,
    // The strategy's own verify wrapper always takes the request; the app's verify gets it if it asked.
    passReqToCallback: true,
  };
  return { base, core, stateMode, passReqToCallback: checkBoolean('passReqToCallback', options.passReqToCallback) };
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
