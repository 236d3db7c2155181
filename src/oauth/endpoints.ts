import { WorksectionConfigError } from '../errors/config-error';

/** Worksection's OAuth host: the default `baseURL`. */
export const DEFAULT_BASE_URL = 'https://worksection.com';

/** The four OAuth endpoints, as absolute URLs. */
export interface Endpoints {
  /** Origin (and optional path prefix) the endpoints derive from, without a trailing slash. */
  baseURL: string;
  authorizationURL: string;
  tokenURL: string;
  refreshURL: string;
  profileURL: string;
}

/** Where Worksection's OAuth endpoints are: `baseURL`, and each endpoint if it is elsewhere. */
export interface EndpointOptions {
  /** Origin of the OAuth endpoints. Default `https://worksection.com`; point it at the emulator in development. */
  baseURL?: string;
  /** Default `{baseURL}/oauth2/authorize`. */
  authorizationURL?: string;
  /** Default `{baseURL}/oauth2/token`. */
  tokenURL?: string;
  /** Default `{baseURL}/oauth2/refresh`. */
  refreshURL?: string;
  /** Default `{baseURL}/oauth2/resource`. */
  profileURL?: string;
}

/**
 * @internal
 * Derives the four endpoints from `baseURL` (`{baseURL}/oauth2/authorize`, `/token`, `/refresh`, `/resource`),
 * letting each be overridden. Every URL must be `https:`, or `http:` on a loopback host (where the emulator
 * runs): the client secret travels to these URLs.
 */
export function resolveEndpoints(options: EndpointOptions): Endpoints {
  const baseURL = checkUrl('baseURL', options.baseURL ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const at = (option: keyof EndpointOptions, path: string): string =>
    options[option] === undefined ? `${baseURL}${path}` : checkUrl(option, options[option]);
  return {
    baseURL,
    authorizationURL: at('authorizationURL', '/oauth2/authorize'),
    tokenURL: at('tokenURL', '/oauth2/token'),
    refreshURL: at('refreshURL', '/oauth2/refresh'),
    profileURL: at('profileURL', '/oauth2/resource'),
  };
}

/**
 * @internal
 * Whether `hostname` is a loopback host: localhost, 127.0.0.0/8 or [::1]. The strategy allows plain http to these
 * (where the emulator runs) and the emulator accepts http redirect URIs on them.
 */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** @internal Whether `hostname` is worksection.com or one of its subdomains. */
export function isWorksectionHost(hostname: string): boolean {
  return hostname === 'worksection.com' || hostname.endsWith('.worksection.com');
}

function checkUrl(option: string, value: unknown): string {
  let url: URL;
  try {
    if (typeof value !== 'string') throw new TypeError();
    url = new URL(value);
  } catch {
    throw new WorksectionConfigError(option, `The ${option} option must be an absolute URL such as 'https://worksection.com'.`);
  }
  if (url.username !== '' || url.password !== '') {
    // These URLs appear in error messages: credentials do not belong in them.
    throw new WorksectionConfigError(option, `The ${option} option must not contain a user name or password.`);
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))) return value;
  throw new WorksectionConfigError(
    option,
    `The ${option} option must be an https: URL (plain http: is allowed only on localhost/127.0.0.1, for the emulator): the client secret is sent there.`,
  );
}
