import type { Emulator } from 'worksection-emulator';
import type { WebhookCredentials } from './webhooks-route';

/**
 * Registers the app's webhook for every account of the dev emulator: what `add_webhook` does against
 * worksection.com (see README, "Webhooks"), written straight into the emulator's account data because the app has no
 * token with the `administrative` scope at start. Idempotent: an account that has the hook keeps it, with this run's pair.
 */
export function registerDevWebhooks(
  emulator: Emulator,
  appOrigin: string,
  register: (accountUrl: string) => string,
  credentials: WebhookCredentials,
): void {
  for (const account of emulator.accounts) {
    const url = `${appOrigin}${register(emulator.accountUrl(account.id))}`;
    const store = emulator.accountStores.get(account.id);
    const existing = store.state.webhooks.find((hook) => hook.url === url);
    if (existing) {
      // A hook kept from an earlier run (the emulator's saved state): this run's pair, and enabled again.
      Object.assign(existing, { httpUser: credentials.user, httpPass: credentials.pass, status: 'active', failures: 0 });
      continue;
    }
    store.state.webhooks.push({
      id: store.newId(),
      url,
      events: ['post_comment', 'update_comment', 'delete_comment', 'post_task', 'update_task', 'close_task', 'reopen_task', 'delete_task'],
      projectIds: [],
      httpUser: credentials.user,
      httpPass: credentials.pass,
      status: 'active',
    });
  }
}
