import type { TokenParams } from '../oauth/token-params';
import type { TokenSet } from '../oauth/token-set';

/** What {@link WorksectionOAuth.exchangeCode} resolves to: the tokens, and the token answer as `params`. */
export interface SignInTokens extends TokenSet {
  /** Worksection's token answer without `refresh_token`, plus `expires_at` (what a Passport verify gets as `params`). */
  params: TokenParams;
}
