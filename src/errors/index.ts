// The errors of the package and their codes, re-exported by both entries (`passport-worksection` and
// `passport-worksection/client`): the same classes, so `instanceof` holds whichever entry an app imports them from.

export { WorksectionError } from './worksection-error';
export { WorksectionOAuthError } from './oauth-error';
export { WorksectionResponseError } from './response-error';
export { WorksectionTimeoutError } from './timeout-error';
export { WorksectionNetworkError } from './network-error';
export { WorksectionConfigError } from './config-error';
export { WorksectionArgumentError } from './argument-error';
export { WorksectionApiError } from './api-error';
export { WorksectionReauthError } from './reauth-error';
export { WorksectionRefreshError } from './refresh-error';
export { WorksectionRateLimitError } from './rate-limit-error';
export { WorksectionApiKeyError } from './api-key-error';
export { WorksectionWebhookError } from './webhook-error';
export type { WebhookFailureReason } from './webhook-error';
export {
  ACCOUNT_URL_MISMATCH,
  API_ERROR,
  API_KEY_REFUSED,
  BODY_TOO_LARGE,
  INVALID_ARGUMENT,
  INVALID_JSON,
  INVALID_OPTION,
  INVALID_RESPONSE,
  NETWORK_ERROR,
  OAUTH_ERROR,
  RATE_LIMITED,
  REAUTH_REQUIRED,
  REFRESH_FAILED,
  TIMEOUT,
  UNEXPECTED_CONTENT_TYPE,
  UNEXPECTED_REDIRECT,
  UNEXPECTED_STATUS,
  UNTRUSTED_ACCOUNT_URL,
  WEBHOOK_FAILED,
} from './codes';
