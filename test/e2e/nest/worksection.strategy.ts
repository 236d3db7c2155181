// worksection.strategy.ts
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy, type TokenParams, type WorksectionProfile } from 'passport-worksection';

// The 5 is the number of arguments Nest's verify callback declares: passport-oauth2's form with `params`
// (accessToken, refreshToken, params, profile, done). Without it the callback declares none, and `validate`
// gets other arguments than it names. With `passReqToCallback: true`, write 6 and take `req` first.
@Injectable()
export class WorksectionStrategy extends PassportStrategy(Strategy, 'worksection', 5) {
  constructor() {
    super({
      clientID: process.env.WORKSECTION_CLIENT_ID!,
      clientSecret: process.env.WORKSECTION_CLIENT_SECRET!,
      callbackURL: process.env.WORKSECTION_CALLBACK_URL ?? 'https://myapp.example.com/auth/worksection/callback',
      baseURL: process.env.WORKSECTION_BASE_URL, // the emulator's URL in development; unset: worksection.com
      scope: ['projects_read', 'tasks_read'],
    });
  }

  // Returns the user (or a promise of it); false fails the sign-in, a throw is an error. Store refreshToken if you
  // will call the account API (see Calling the API).
  validate(_accessToken: string, _refreshToken: string, params: TokenParams, profile: WorksectionProfile): Express.User | false {
    // A Worksection user id is only unique within its account: key users on (account_url, id). A sign-in always has
    // account_url: the strategy refuses a token answer without it.
    return { accountUrl: params.account_url, id: profile.id, name: profile.displayName };
  }
}
