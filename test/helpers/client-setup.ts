import { createEmulator, DEMO_CLIENT, type Emulator } from 'worksection-emulator';
import { SCOPES, Strategy, type StrategyOptions, type TokenSet } from '../../src';
import { WorksectionClient } from '../../src/client';
import type { WorksectionClientOptions } from '../../src/client/options';
// The emulator's own helper for its OAuth flow (authorize, code, token), shared rather than copied.
import { getTokens } from '../../emulator/test/helpers/oauth-flow';

/** 24 hours and a second: what moves the emulator's clock past an access token's lifetime. */
export const PAST_EXPIRY = 86_400_000 + 1000;

/** A signed-in grant at the emulator: the strategy that refreshes it and its tokens as the app would store them. */
export interface Grant {
  strategy: Strategy;
  accountUrl: string;
  tokens: { accessToken: string; refreshToken: string; expiresAt: number };
}

/** Starts an auto-approving emulator. */
export function startEmulator(): Promise<Emulator> {
  return createEmulator({ autoApprove: true });
}

/**
 * Signs in at the emulator (auto-approved code, exchanged at /oauth2/token) and builds a strategy whose OAuth
 * host is `baseURL` (the emulator, or a recorder in front of it). Resets the emulator's counters afterwards.
 */
export async function signIn(emu: Emulator, options: { scope?: string; baseURL?: string } = {}): Promise<Grant> {
  const answer = await getTokens(emu, { scope: options.scope ?? 'projects_read,tasks_read,users_read' });
  const strategy = strategyOf({ baseURL: options.baseURL ?? emu.url });
  emu.stats.reset();
  return {
    strategy,
    accountUrl: answer.account_url,
    tokens: { accessToken: answer.access_token, refreshToken: answer.refresh_token, expiresAt: Date.now() + 86_400_000 },
  };
}

/** The demo client's strategy with a 2 s timeout, on `options.baseURL` (the emulator), with any other options given. */
export function strategyOf(options: Partial<StrategyOptions> & { baseURL: string }): Strategy {
  return new Strategy(
    {
      clientID: DEMO_CLIENT.clientId,
      clientSecret: DEMO_CLIENT.clientSecret,
      callbackURL: DEMO_CLIENT.redirectUris[1]!,
      timeout: 2000,
      ...options,
    },
    (_accessToken, _refreshToken, _params, profile, done) => done(null, profile),
  );
}

/** A client of `grant` with a small minInterval, recording what onTokens received. */
export function clientOf(grant: Grant, options: Partial<WorksectionClientOptions> = {}): { client: WorksectionClient; saved: TokenSet[] } {
  const saved: TokenSet[] = [];
  const client = new WorksectionClient({
    strategy: grant.strategy,
    accountUrl: grant.accountUrl,
    tokens: grant.tokens,
    minInterval: 0,
    onTokens: (tokens) => {
      saved.push(tokens);
    },
    ...options,
  });
  return { client, saved };
}

/** Resolves what `promise` rejects with (and fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection, got a result');
}

/** What {@link signedInWithEveryScope} gives a test file: set before its first test. */
export interface SignedInClient {
  emu: Emulator;
  client: WorksectionClient;
}

/**
 * For a test file of the action groups: an auto-approving emulator and a client signed in with all 17 scopes (with
 * `options` besides), started before the file's first test and closed after its last. Read `emu` and `client` inside
 * the tests.
 */
export function signedInWithEveryScope(options: Partial<WorksectionClientOptions> = {}): SignedInClient {
  const signedIn = {} as SignedInClient;
  beforeAll(async () => {
    signedIn.emu = await startEmulator();
    ({ client: signedIn.client } = clientOf(await signIn(signedIn.emu, { scope: SCOPES.join(',') }), options));
  });
  afterAll(() => signedIn.emu.close());
  return signedIn;
}
