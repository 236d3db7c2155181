import { NotSignedIn, SignedIn, StartAnswer } from '../../src/core/sign-in-answer';
import type { SignInTokens } from '../../src/core/sign-in-tokens';
import type { WorksectionProfile } from '../../src/oauth/profile';

const CLEAR = 'worksection_oauth_state_abcdefgh=; Path=/cb; Max-Age=0; HttpOnly; SameSite=Lax';

describe('the answers of the sign-in steps', () => {
  it('build headers with no-store and each Set-Cookie on its own line, once, when first read', () => {
    const answer = new StartAnswer('https://worksection.com/oauth2/authorize?x=1', ['a=1; Path=/', 'b=2; Path=/']);
    const { headers } = answer;
    expect(headers.get('cache-control')).toBe('no-store');
    expect(headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(answer.headers).toBe(headers);
    expect(answer.url).toBe('https://worksection.com/oauth2/authorize?x=1');
  });

  it('tell a completed sign-in from one that did not complete by ok, with their fields', () => {
    const tokens = { accessToken: 'a' } as SignInTokens;
    const profile = { id: '3993' } as WorksectionProfile;
    expect(new SignedIn(tokens, profile, [CLEAR])).toMatchObject({ ok: true, tokens, profile, setCookies: [CLEAR] });
    const failed = new NotSignedIn('Please sign in again.', 403, [CLEAR]);
    expect(failed).toMatchObject({ ok: false, message: 'Please sign in again.', status: 403, setCookies: [CLEAR] });
    expect(failed.headers.getSetCookie()).toEqual([CLEAR]);
  });
});
