import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How far, in seconds, the time in a signature may be from the emulator's clock, either way. Inferred: Worksection
 * publishes no window (its official clients send the current unix second and nothing else); five minutes is the
 * emulator's choice, wide enough for a client whose clock is a little off, narrow enough that a captured signature
 * soon stops working.
 */
export const ADMIN_SIGNATURE_WINDOW_SECONDS = 300;

// `Admin <t>_<hex>`: worksection/php-api-client `src/Client.php` @7c48e646 getAdminToken sends
// `'Authorization: Admin ' . $t . '_' . hash_hmac('sha256', $action . ':' . $t, $apiKey)`, and
// worksection/python-api-client `worksection/client.py` @bc840673 get_admin_token the same. The scheme name is
// matched without regard to case, as HTTP auth schemes are (RFC 9110 §11.1); the hex digits either way too.
const ADMIN_AUTHORIZATION = /^Admin\s+(\d{1,12})_([0-9a-f]{64})\s*$/i;

/**
 * Whether `authorization` is a good signature of `action` with `key` at `nowMs` (the emulator's clock): the
 * HMAC-SHA256 of `"<action>:<t>"` keyed with the API key, compared in constant time, with `t` within
 * {@link ADMIN_SIGNATURE_WINDOW_SECONDS} of now. Only the action and the time are signed, as the official
 * clients sign them, so the same action signed in the same second gives the same signature: a repeat within the
 * window is accepted (see the README's "The admin API" on replays).
 */
export function isGoodSignature(authorization: string | undefined, action: string, key: string, nowMs: number): boolean {
  const match = ADMIN_AUTHORIZATION.exec(authorization ?? '');
  if (!match?.[1] || !match[2]) return false;
  const t = Number(match[1]);
  const expected = createHmac('sha256', key).update(`${action}:${t}`, 'utf8').digest();
  // The HMAC is computed and compared whether or not the time is in the window, so that the answer's timing says
  // nothing about which check failed.
  const sameHash = timingSafeEqual(expected, Buffer.from(match[2], 'hex'));
  const inWindow = Math.abs(t - Math.floor(nowMs / 1000)) <= ADMIN_SIGNATURE_WINDOW_SECONDS;
  return sameHash && inWindow;
}
