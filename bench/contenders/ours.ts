import type { RequestListener } from 'node:http';
import { Strategy } from '../../src';
import type { ContenderConfig } from './config';
import { expressApp } from './express-shape';

/** Contender 1: this package's Strategy, configured as its README says. */
export function createOursApp(config: ContenderConfig): RequestListener {
  const strategy = new Strategy(
    {
      clientID: config.clientId,
      clientSecret: config.clientSecret,
      callbackURL: config.callbackURL,
      baseURL: config.emulatorUrl,
      scope: ['projects_read'],
      timeout: config.timeoutMs,
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
  return expressApp(strategy, config);
}
