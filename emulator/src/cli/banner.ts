import { DEMO_CLIENT } from '../directory/demo';
import type { Emulator } from '../types';

/** The warning printed when the emulator is started with NODE_ENV=production. */
export const PRODUCTION_WARNING = `
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
!! WARNING: NODE_ENV=production, but this is the Worksection EMULATOR.       !!
!! It is not Worksection. Its demo client secret and passwords are public,   !!
!! it keeps everything in memory, and anyone can inject faults into it.      !!
!! Never point a production app at it.                                       !!
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
`;

/**
 * What the CLI prints at start: where it listens, the demo client (its secret is public), any other clients
 * (secrets not shown), the users to sign in as, the accounts with their admin API keys and the endpoints.
 */
export function banner(emu: Emulator): string {
  const lines: string[] = [];
  lines.push(`Worksection emulator listening on ${emu.url}`, '  (not the real Worksection: for development and tests only)', '');
  for (const client of emu.clients) {
    const demo = client.clientId === DEMO_CLIENT.clientId && client.clientSecret === DEMO_CLIENT.clientSecret;
    lines.push(demo ? 'Demo client' : 'Client');
    lines.push(`  client_id      ${client.clientId}`);
    lines.push(`  client_secret  ${demo ? client.clientSecret : '(as given on the command line)'}`);
    client.redirectUris.forEach((uri, i) => lines.push(`  ${i === 0 ? 'redirect URIs' : '             '}  ${uri}`));
    lines.push('');
  }
  lines.push('Users (sign in with one click, or with email and password)');
  for (const user of emu.users) {
    lines.push(
      `  ${`${user.firstName} ${user.lastName}`.padEnd(16)} ${user.email.padEnd(24)} password: ${user.password}   accounts: ${user.accountIds.join(', ')}`,
    );
  }
  lines.push('', 'Accounts (account_url)');
  for (const account of emu.accounts) lines.push(`  ${account.name.padEnd(18)} ${emu.accountUrl(account.id)}`);
  // Shown as Worksection shows the owner its key (Account → Security → Admin API): the emulator's keys sign only
  // calls to the emulator, and whoever starts it is its owner.
  lines.push('', 'Admin API keys (WorksectionAdminClient apiKey)');
  for (const account of emu.accounts) lines.push(`  ${account.name.padEnd(18)} ${emu.adminApiKey(account.id)}`);
  lines.push('', 'Endpoints');
  for (const path of ['/oauth2/authorize', '/oauth2/token', '/oauth2/refresh', '/oauth2/resource']) lines.push(`  ${emu.url}${path}`);
  lines.push(
    `  {account_url}/api/oauth2?action=me`,
    `  {account_url}/api/admin/v2?action=get_timers   (header Authorization: Admin <unix time>_<HMAC-SHA256>)`,
    `  ${emu.url}/__emulator/faults   (fault injection: POST {"endpoint","fault"}, DELETE clears)`,
    '',
  );
  lines.push('Press Ctrl+C to stop.');
  return lines.join('\n') + '\n';
}
