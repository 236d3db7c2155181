import { html } from './html';
import { layout, type PageFrame } from './layout';

/** Why the last sign-in did not happen, as carried in `/?signin=<reason>`: fixed texts, nothing reflected. */
export const SIGN_IN_MESSAGES = {
  denied: 'You chose not to allow access in Worksection, so you are not signed in.',
  failed: 'Sign-in could not be completed (it may have expired or been started in another tab). Please try again.',
  unavailable: 'Worksection could not be reached or answered unexpectedly. Please try again in a moment.',
  'signed-out': 'You are signed out.',
  expired:
    'Your Worksection sign-in can no longer be used (access was revoked, or it expired), so you were signed out. Please sign in again.',
} as const;

/** A reason {@link SIGN_IN_MESSAGES} knows. */
export type SignInReason = keyof typeof SIGN_IN_MESSAGES;

/** Whether `value` is a {@link SignInReason}. */
export function isSignInReason(value: unknown): value is SignInReason {
  return typeof value === 'string' && Object.hasOwn(SIGN_IN_MESSAGES, value);
}

/** `/`: the sign-in button, and the reason a sign-in failed when there is one; for a signed-in user, who and where to go. */
export function homePage(options: { reason?: SignInReason; usingEmulator: boolean; demoHint?: string; frame?: PageFrame }): string {
  // Signing out is what the user asked for: a success, not an error.
  const tone = options.reason === 'signed-out' ? ' ok' : '';
  const notice = options.reason ? html`<p class="notice${tone}" role="status">${SIGN_IN_MESSAGES[options.reason]}</p>` : undefined;
  const signedIn = options.frame?.signedIn;
  if (signedIn) {
    return layout(
      'Home',
      html`<h1>Welcome, ${signedIn.name}</h1>
${notice}
<p>You are signed in with Worksection as <strong>${signedIn.name}</strong>.</p>
<ul class="links"><li><a href="/profile">Profile</a></li><li><a href="/projects">Projects</a></li></ul>`,
      options.frame,
    );
  }
  // A link, not a POST form: helmet's CSP `form-action 'self'` would block a form whose answer redirects to Worksection.
  return layout(
    'Sign in',
    html`<h1>Welcome</h1>
${notice}
<p>This app signs you in with your Worksection account.</p>
<p><a class="button" href="/auth/worksection">Sign in with Worksection</a></p>
${options.usingEmulator ? html`<p><small>Running against the built-in Worksection emulator. ${options.demoHint}</small></p>` : undefined}`,
  );
}
