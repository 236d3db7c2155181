import { createHmac } from 'node:crypto';

/**
 * @internal
 * The `Authorization` value of one admin-API call: `Admin <t>_<hex>`, where `t` is the unix time in seconds and
 * `hex` the lowercase hex HMAC-SHA256 of `"<action>:<t>"` keyed with the account's API key. Only the action and the
 * time are signed, not the parameters.
 *
 * Documented by Worksection's official clients 2.1.0: worksection/php-api-client `src/Client.php` @7c48e646
 * (`getAdminToken`: `$t . '_' . hash_hmac('sha256', $action.':'.$t, $this->getApiKey())`, sent as
 * `Authorization: Admin …` to `ADMIN_PATH = '/api/admin/v2'`) and worksection/python-api-client
 * `worksection/client.py` @bc840673 (`get_admin_token`: `hmac.new(api_key, f'{action}:{t}', sha256).hexdigest()`).
 *
 * Another 2.1.0 variant of those clients (php-api-client @401a4f21 `createAdminUrl`, python-api-client @09e199c3
 * `_admin_url`) sends the same HMAC as `hash` and `time` query parameters to `/api/admin/v2.1`. We follow the header
 * variant: it keeps the signature out of URLs, and so out of proxy and server logs, as our OAuth client keeps tokens
 * out of them; and the older `md5(query . key)` `hash` of the FAQ (https://worksection.com/en/faq/api-start.html)
 * would put a reusable signature of the parameters in the URL.
 *
 * `now` is milliseconds since the epoch (`Date.now()`); it is truncated to seconds as PHP's `time()` does.
 */
export function adminAuthorization(apiKey: string, action: string, now: number): string {
  const t = Math.floor(now / 1000);
  return `Admin ${t}_${createHmac('sha256', apiKey).update(`${action}:${t}`, 'utf8').digest('hex')}`;
}
