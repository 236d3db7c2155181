import { DEMO_CLIENT, type Emulator } from 'worksection-emulator';

/** Sends a form-encoded POST (the transport Worksection's docs use) and returns the raw response. */
export function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

/** The authorize URL for the demo client (or `overrides`), with every parameter a well-behaved client sends. */
export function authorizeUrl(emu: Emulator, overrides: Record<string, string | undefined> = {}): string {
  const params: Record<string, string | undefined> = {
    client_id: DEMO_CLIENT.clientId,
    redirect_uri: DEMO_CLIENT.redirectUris[1],
    response_type: 'code',
    state: 'st4te',
    scope: 'projects_read,tasks_read',
    ...overrides,
  };
  const url = new URL('/oauth2/authorize', emu.url);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return url.toString();
}

/** Runs an auto-approved authorization and returns the code from the redirect. */
export async function getCode(emu: Emulator, overrides: Record<string, string | undefined> = {}): Promise<string> {
  const res = await fetch(authorizeUrl(emu, overrides), { redirect: 'manual' });
  if (res.status !== 302) throw new Error(`authorize answered ${res.status}`);
  const code = new URL(res.headers.get('location')!).searchParams.get('code');
  if (!code) throw new Error(`no code in ${res.headers.get('location')}`);
  return code;
}

/** Token endpoint answer as parsed JSON plus the raw text. */
export async function exchange(
  emu: Emulator,
  fields: Record<string, string>,
): Promise<{ status: number; text: string; json: Record<string, unknown> }> {
  const res = await postForm(`${emu.url}/oauth2/token`, fields);
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as Record<string, unknown> };
}

/** Exchanges a fresh auto-approved code of the demo client for tokens. */
export async function getTokens(
  emu: Emulator,
  overrides: Record<string, string | undefined> = {},
): Promise<{ access_token: string; refresh_token: string; account_url: string }> {
  const code = await getCode(emu, overrides);
  const { json } = await exchange(emu, {
    client_id: DEMO_CLIENT.clientId,
    client_secret: DEMO_CLIENT.clientSecret,
    grant_type: 'authorization_code',
    code,
    redirect_uri: overrides.redirect_uri ?? DEMO_CLIENT.redirectUris[1]!,
  });
  if (typeof json.access_token !== 'string') throw new Error(`token exchange failed: ${JSON.stringify(json)}`);
  return json as { access_token: string; refresh_token: string; account_url: string };
}

/** The claims of a JWT, without checking its signature. */
export function jwtClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/**
 * A time source that stands still, so boundary tests ("valid at 600 s, expired at 601 s") do not depend on the
 * wall clock crossing a second between two requests. Move it with `emu.clock.advance()`.
 */
export function frozenClock(at = Date.now()): { now(): number } {
  return { now: () => at };
}
