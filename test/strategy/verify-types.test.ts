// What TypeScript accepts as a verify function. The assertions are compile-time: `npm run typecheck` fails when a
// line marked @ts-expect-error compiles (a check got lost) or an unmarked line does not (common code broke).
// Jest only constructs the strategies, to show each call is also valid at run time. TypeScript infers the parameters
// of the five-argument form only (it cannot choose an overload by a callback's parameters): the others are annotated.
import refresh from 'passport-oauth2-refresh';
import type OAuth2Strategy from 'passport-oauth2';
import {
  Strategy,
  type StrategyOptions,
  type VerifyArguments,
  type VerifyFunction,
  type VerifyFunctionWithObject,
  type WorksectionProfile,
} from '../../src';

const base = { clientID: 'id', clientSecret: 'secret', callbackURL: 'https://app.example/cb' };
const noop = (_args: unknown): void => undefined;

describe('verify function types', () => {
  it('type the profile as present when skipUserProfile is left out or false', () => {
    const strategies = [
      new Strategy(base, (_a, _r, params, profile, done) => done(null, { account: params.account_url, id: profile.id })),
      new Strategy({ ...base, skipUserProfile: false }, ({ profile }: VerifyArguments) => ({ id: profile.id })),
      new Strategy({ ...base, passReqToCallback: true }, (_req, _a, _r, _params, profile, done) => done(null, { id: profile.id })),
    ];
    expect(strategies.map((s) => s.name)).toEqual(['worksection', 'worksection', 'worksection']);
  });

  it('type the profile as possibly undefined when skipUserProfile may skip it', () => {
    const skipping = [
      // @ts-expect-error profile may be undefined: TypeScript asks for a check.
      new Strategy({ ...base, skipUserProfile: true }, (_a, _r, _params, profile, done) => done(null, { id: profile.id })),
      // @ts-expect-error the one-object form annotated for a profile that is always there.
      new Strategy({ ...base, skipUserProfile: () => Math.random() < 0.5 }, ({ profile }: VerifyArguments) => ({ id: profile.id })),
      // @ts-expect-error the same with passReqToCallback.
      new Strategy({ ...base, passReqToCallback: true, skipUserProfile: true }, (_q, _a, _r, _p, profile, done) => done(null, profile.id)),
      new Strategy({ ...base, skipUserProfile: true }, ({ params, profile }: VerifyArguments<WorksectionProfile | undefined>) => ({
        account: params.account_url,
        id: profile?.id,
      })),
    ];
    expect(skipping).toHaveLength(4);
  });

  it('refuse a verify function written for a profile that is always there, with skipUserProfile', () => {
    const expectsProfile: VerifyFunction = (_a, _r, profile, done) => done(null, { id: profile.id });
    const checksProfile: VerifyFunction<WorksectionProfile | undefined> = (_a, _r, profile, done) =>
      done(null, profile && { id: profile.id });
    const oneObject: VerifyFunctionWithObject = ({ profile }) => ({ id: profile.id });
    const options: StrategyOptions<true> = { ...base, skipUserProfile: true };
    // @ts-expect-error its profile parameter does not accept undefined.
    expect(new Strategy(options, expectsProfile).name).toBe('worksection');
    // @ts-expect-error nor does this one's.
    expect(new Strategy(options, oneObject).name).toBe('worksection');
    expect(new Strategy(options, checksProfile).name).toBe('worksection');
    expect(new Strategy(base, expectsProfile).name).toBe('worksection');
  });

  it('accept a Strategy wherever passport-oauth2’s OAuth2Strategy is expected', () => {
    const strategy = new Strategy(base, noop);
    const asOAuth2: OAuth2Strategy = strategy;
    const refresher = new (refresh as typeof refresh & { AuthTokenRefresh: new () => typeof refresh }).AuthTokenRefresh();
    refresher.use(strategy);
    refresher.use('worksection-too', strategy);
    expect(refresher.has('worksection') && refresher.has('worksection-too')).toBe(true);
    expect(asOAuth2).toBe(strategy);
  });
});
