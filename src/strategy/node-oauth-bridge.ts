import type { OAuth2 } from 'oauth';
import { tokenParams } from '../oauth/token-params';
import { settle } from './settle';
import { requestTokens, type TokenContext } from '../oauth/token-request';

/** @internal The constructor shape node-oauth's OAuth2 has, and passport-oauth2-refresh calls. */
export type OAuth2Class = new (
  clientId: string,
  clientSecret: string,
  baseSite: string,
  authorizePath?: string,
  accessTokenPath?: string,
  customHeaders?: Record<string, string>,
) => OAuth2;

/** node-oauth's callback; `err` is one of our typed errors here, or null. */
type TokenCallback = (err: unknown, accessToken?: string, refreshToken?: string, results?: Record<string, unknown>) => void;

/** @internal Where and how the client sends token requests. */
export interface ClientSettings extends TokenContext {
  tokenURL: string;
  refreshURL: string;
}

/**
 * @internal
 * Subclasses node-oauth's OAuth2 (the class passport-oauth2 instantiated, passed as `Base`) so that token
 * requests go through our HTTP layer: timeout, 1 MiB cap, no redirects, typed errors in `callback(err)`, and
 * Worksection's HTTP-200 error bodies reported as errors. The settings are closed over, not passed to the
 * constructor, because passport-oauth2-refresh rebuilds the client with `new strategy._oauth2.constructor(…)`
 * and node-oauth's six arguments only.
 */
export function createOAuth2Class(Base: OAuth2Class, settings: ClientSettings): OAuth2Class {
  return class WorksectionOAuth2 extends Base {
    override getOAuthAccessToken(code: string, paramsOrCallback: unknown, maybeCallback?: unknown): void {
      const callback = (typeof paramsOrCallback === 'function' ? paramsOrCallback : maybeCallback) as TokenCallback;
      const params = typeof paramsOrCallback === 'object' && paramsOrCallback !== null ? paramsOrCallback : {};
      const form: Record<string, string> = {};
      for (const [key, value] of Object.entries(params)) {
        if (value !== undefined && value !== null) form[key] = String(value);
      }
      const refreshing = form.grant_type === 'refresh_token';
      form.client_id = this._clientId;
      form.client_secret = this._clientSecret;
      form[refreshing ? 'refresh_token' : 'code'] = code;
      let url = this._baseSite + this._accessTokenUrl;
      // Worksection refreshes on its own endpoint; whether /oauth2/token takes refresh_token is unknown.
      if (refreshing && url === settings.tokenURL) url = settings.refreshURL;

      // The callback runs outside the promise, so its own exceptions surface as node-oauth's would.
      settle(
        requestTokens(settings, url, form),
        (tokens) => callback(null, tokens.accessToken, tokens.refreshToken, tokenParams(tokens)),
        (err) => callback(err),
      );
    }
  };
}
