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
