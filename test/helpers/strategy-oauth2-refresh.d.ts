// passport-oauth2-refresh ships no types; just what the strategy tests use.
declare module 'passport-oauth2-refresh' {
  type Done = (err: unknown, accessToken?: string, refreshToken?: string, results?: Record<string, unknown>) => void;
  interface AuthTokenRefresh {
    use(strategy: object): void;
    use(name: string, strategy: object): void;
    has(name: string): boolean;
    requestNewAccessToken(name: string, refreshToken: string, done: Done): void;
    requestNewAccessToken(name: string, refreshToken: string, params: Record<string, string>, done: Done): void;
  }
  const refresh: AuthTokenRefresh & { AuthTokenRefresh: new () => AuthTokenRefresh };
  export = refresh;
}
