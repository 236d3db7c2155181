import type { WorksectionProfile } from '../oauth/profile';
import type { SignInTokens } from './sign-in-tokens';

/**
 * What to send with the answer to a sign-in step: `setCookies` are the `Set-Cookie` values (each its own header
 * line), and every such answer must carry `Cache-Control: no-store`. `headers` has both as Web `Headers`, built
 * when first read.
 */
export interface SignInHeaders {
  setCookies: string[];
  readonly headers: Headers;
}

/**
 * How {@link WorksectionOAuth.finishSignIn} ended. `ok`: the user signed in. Otherwise `message` says why not, in
 * words for the user (they fix it by signing in again), and `status` is the HTTP status to answer with if you do
 * not redirect: 400 for a malformed callback, 403 otherwise. Either way send the headers with your answer: they
 * clear the state cookie and forbid caching.
 */
export type SignInResult = SignInHeaders &
  ({ ok: true; tokens: SignInTokens; profile: WorksectionProfile } | { ok: false; message: string; status: number });

// Classes rather than object literals with a getter: a literal spread with its fields and an own `headers` getter
// cost 1.7 µs per answer, a class instance 0.1 µs (the core's answers are made on every start and callback).

/** @internal An answer's `setCookies`, and its `headers` built from them when first read. */
abstract class AnswerHeaders implements SignInHeaders {
  #headers: Headers | undefined;

  constructor(public setCookies: string[]) {}

  get headers(): Headers {
    if (this.#headers === undefined) {
      const headers = new Headers();
      headers.append('cache-control', 'no-store');
      for (const line of this.setCookies) headers.append('set-cookie', line);
      this.#headers = headers;
    }
    return this.#headers;
  }
}

/** @internal What {@link WorksectionOAuth.startSignIn} returns. */
export class StartAnswer extends AnswerHeaders {
  constructor(
    readonly url: string,
    setCookies: string[],
  ) {
    super(setCookies);
  }
}

/** @internal A {@link SignInResult} of a completed sign-in. */
export class SignedIn extends AnswerHeaders {
  readonly ok = true;

  constructor(
    readonly tokens: SignInTokens,
    readonly profile: WorksectionProfile,
    setCookies: string[],
  ) {
    super(setCookies);
  }
}

/** @internal A {@link SignInResult} of a sign-in that did not complete. */
export class NotSignedIn extends AnswerHeaders {
  readonly ok = false;

  constructor(
    readonly message: string,
    readonly status: number,
    setCookies: string[],
  ) {
    super(setCookies);
  }
}
