import type { RequestListener } from 'node:http';
import { stringify } from 'node:querystring';
import OAuth2Strategy, { InternalOAuthError } from 'passport-oauth2';
import type { ContenderConfig } from './config';
import { expressApp } from './express-shape';

/**
 * Contender 2, the peer: passport-oauth2 configured by hand for Worksection, as a user without this package
 * would write it: state on, a comma scope separator, and a userProfile that posts to /oauth2/resource.
 */
export function createPeerApp(config: ContenderConfig): RequestListener {
  const profileURL = `${config.emulatorUrl}/oauth2/resource`;
  const strategy = new OAuth2Strategy(
    {
      authorizationURL: `${config.emulatorUrl}/oauth2/authorize`,
      tokenURL: `${config.emulatorUrl}/oauth2/token`,
      clientID: config.clientId,
      clientSecret: config.clientSecret,
      callbackURL: config.callbackURL,
      scope: ['projects_read'],
      scopeSeparator: ',',
      state: true,
    },
    (
      _accessToken: string,
      _refreshToken: string,
      params: { account_url?: string },
      profile: { id: string },
      done: (err: null, user: object) => void,
    ) => {
      done(null, { id: profile.id, accountUrl: params.account_url });
    },
  );
  strategy.name = 'worksection';
  strategy.userProfile = function userProfile(accessToken, done) {
    const body = stringify({ client_id: config.clientId, client_secret: config.clientSecret, access_token: accessToken });
    const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
    // node-oauth's _request is the only way to POST through the strategy's own client; users reach for it.
    (this as unknown as { _oauth2: PeerOAuth2 })._oauth2._request('POST', profileURL, headers, body, null, (err, data) => {
      if (err) {
        done(new InternalOAuthError('Failed to fetch user profile', err));
        return;
      }
      try {
        const json = JSON.parse(String(data)) as ResourceAnswer;
        if (json.error) {
          done(new Error(json.errorDescription));
          return;
        }
        done(null, { provider: 'worksection', id: json.id, displayName: `${json.first_name} ${json.last_name}`, _json: json });
      } catch (e) {
        done(e);
      }
    });
  };
  return expressApp(strategy, config);
}

/** What the peer expects from /oauth2/resource: the profile, or an error. */
interface ResourceAnswer {
  error?: string;
  errorDescription?: string;
  id: string;
  first_name: string;
  last_name: string;
}

interface PeerOAuth2 {
  _request(
    method: string,
    url: string,
    headers: Record<string, string>,
    body: string,
    accessToken: string | null,
    callback: (err: { statusCode: number; data?: unknown } | null, data?: string | Buffer) => void,
  ): void;
}
