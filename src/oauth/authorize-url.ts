/** @internal The parts of one authorization URL. */
export interface AuthorizeParts {
  /** The absolute callback URL sent as `redirect_uri`, or undefined to send none. */
  callbackURL: string | undefined;
  /** The scopes, checked, or undefined to send none. */
  scope: readonly string[] | undefined;
  state: string;
  /** The PKCE S256 challenge, or undefined without PKCE. */
  codeChallenge: string | undefined;
  /** Further parameters (a Strategy subclass's `authorizationParams()`), or undefined. */
  extra: Record<string, unknown> | undefined;
}

/**
 * @internal
 * Builds Worksection authorization URLs. Everything but the state and the PKCE challenge is the same for every
 * sign-in of one callback URL and scope, so that part is encoded once and kept (the last one only: a relative
 * callbackURL resolved against each request's Host must not grow a cache). Worksection reads the scopes
 * comma-separated (its docs and clients send commas).
 */
export class AuthorizeUrlBuilder {
  private last: { key: string; prefix: string } | undefined;

  constructor(
    private readonly authorizationURL: string,
    private readonly clientID: string,
  ) {}

  build(parts: AuthorizeParts): string {
    if (parts.extra !== undefined && Object.keys(parts.extra).length > 0) return this.slow(parts);
    const scope = parts.scope?.join(',');
    const key = `${parts.callbackURL ?? ''} ${scope ?? ''}`;
    if (this.last?.key !== key) this.last = { key, prefix: this.prefix(parts.callbackURL, scope) };
    let url = `${this.last.prefix}&state=${encodeURIComponent(parts.state)}`;
    if (parts.codeChallenge !== undefined) url += `&code_challenge=${encodeURIComponent(parts.codeChallenge)}&code_challenge_method=S256`;
    return url;
  }

  private prefix(callbackURL: string | undefined, scope: string | undefined): string {
    const url = new URL(this.authorizationURL);
    url.hash = '';
    this.fixed(url.searchParams, callbackURL, scope);
    return url.href;
  }

  private fixed(params: URLSearchParams, callbackURL: string | undefined, scope: string | undefined): void {
    params.set('response_type', 'code');
    if (callbackURL !== undefined) params.set('redirect_uri', callbackURL);
    if (scope !== undefined) params.set('scope', scope);
    params.set('client_id', this.clientID);
  }

  /** With a subclass's extra parameters: merged as passport-oauth2 merges them, ours set last. */
  private slow(parts: AuthorizeParts): string {
    const url = new URL(this.authorizationURL);
    url.hash = '';
    for (const [name, value] of Object.entries(parts.extra ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(name, paramText(value));
    }
    this.fixed(url.searchParams, parts.callbackURL, parts.scope?.join(','));
    url.searchParams.set('state', parts.state);
    if (parts.codeChallenge !== undefined) {
      url.searchParams.set('code_challenge', parts.codeChallenge);
      url.searchParams.set('code_challenge_method', 'S256');
    }
    return url.href;
  }
}

/** @internal A parameter a hook returned, as text: strings as they are, numbers and booleans printed, objects as JSON. */
export function paramText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}
