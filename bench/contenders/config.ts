/** What every contender app is told: where Worksection (the emulator) is and how the app is registered there. */
export interface ContenderConfig {
  emulatorUrl: string;
  clientId: string;
  clientSecret: string;
  /** Absolute callback URL on the app itself. */
  callbackURL: string;
  /** Sessions expire after this many ms, so a long run measures leaks rather than live sessions. */
  sessionTtlMs: number;
  /** Upstream timeout, for contenders that have one. */
  timeoutMs: number;
}

/** The start and callback paths every contender serves, and where a finished login lands. */
export const START_PATH = '/auth/worksection';
export const CALLBACK_PATH = '/auth/worksection/callback';
export const SUCCESS_PATH = '/success';
export const FAILURE_PATH = '/failure';

/** The authorize URL a contender redirects to (the emulator's, with the scope every contender asks for). */
export function authorizeURL(emulatorUrl: string, clientId: string, redirectUri: string, state: string): string {
  const url = new URL(`${emulatorUrl}/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: 'projects_read',
    state,
  }).toString();
  return url.href;
}
