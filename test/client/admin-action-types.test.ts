// What TypeScript accepts of the admin client's typed surface, and what moved off the OAuth client. Compile-time
// assertions checked by `npm run typecheck`; the calls are inside functions Jest never runs.
import type { ActionMap, ActionName, WorksectionClient, WorksectionTask } from '../../src/client';
import type { WorksectionAdminClient } from '../../src/client/admin/admin-client';
import type { AdminActionMap, AdminActionName, AdminActionResult } from '../../src/client/admin/admin-actions';
import type { WorksectionTimer } from '../../src/client/actions/timers';

/** `true` when A and B are the same type (mutually assignable, and neither is `any`). */
type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? (0 extends 1 & A ? false : 0 extends 1 & B ? false : true) : false) : false;

type OAuthOnly = 'me' | 'get_my_timer' | 'start_my_timer' | 'stop_my_timer' | 'delete_my_timer';
type AdminOnly = 'get_timers' | 'stop_timer';

const facts = {
  adminActions: true satisfies Equal<AdminActionName, Exclude<ActionName, OAuthOnly> | AdminOnly>,
  everyAdminActionIsMapped: true satisfies Equal<keyof AdminActionMap, AdminActionName>,
  timersOnlyOnAdmin: true satisfies Equal<Extract<keyof ActionMap, AdminOnly>, never>,
  folderActionSingular: true satisfies Equal<Extract<ActionName, 'add_project_groups' | 'add_project_group'>, 'add_project_group'>,
  // The admin client has no user's own timer; the OAuth client no account's timers.
  noOwnTimerOnAdmin: true satisfies Equal<Extract<keyof WorksectionAdminClient['timers'], 'mine' | 'start'>, never>,
  noAccountTimersOnOAuth: true satisfies Equal<Extract<keyof WorksectionClient['timers'], 'list' | 'stop'>, never>,
  getTimersResult: true satisfies Equal<AdminActionResult<'get_timers'>, WorksectionTimer[]>,
};

async function adminCalls(admin: WorksectionAdminClient): Promise<void> {
  const timers: WorksectionTimer[] = await admin.timers.list();
  await admin.timers.stop({ timer: '2918' });
  const task: WorksectionTask = await admin.tasks.create({ id_project: '1', title: 'T', email_user_from: 'a@b.example' });
  await admin.comments.post({ id_task: '1', text: 'hi', email_user_from: 'a@b.example', todo: ['x'] });
  await admin.projects.create({ title: 'P', email_user_from: 'a@b.example' });
  await admin.costs.add({ id_task: '1', time: '1:30', email_user_from: 'a@b.example' });
  // @ts-expect-error with the API key, whose entry it is must be named.
  await admin.costs.add({ id_task: '1', time: '1:30' });
  const raw = await admin.call('get_timers');
  const first: string | undefined = raw[0]?.time;
  // `me` needs a user's token: on the admin client it is an action this package does not type.
  const me: unknown = await admin.call('me');
  expect([timers, task, first, me]).toBeDefined();
}

const countOf = (list: string[]): number => list.length;

async function oauthCalls(client: WorksectionClient): Promise<void> {
  // get_timers is no OAuth action any more: call() still sends it, untyped.
  const timers: unknown = await client.call('get_timers');
  // @ts-expect-error with a token, the author is the token's user: no email_user_from.
  await client.costs.add({ id_task: '1', time: '1:30', email_user_from: 'a@b.example' });
  // The old, plural folder action is no action any more (an unknown one, answered unknown).
  const old = await client.call('add_project_groups', { title: 'x' });
  // @ts-expect-error its answer is not typed.
  countOf(old);
  const task: WorksectionTask | undefined = await client.tasks.complete({ id_task: '1' });
  expect([timers, task]).toBeDefined();
}

describe('the admin client’s types', () => {
  it('hold (checked by tsc; these are the facts it computed)', () => {
    expect(Object.values(facts).every(Boolean)).toBe(true);
    expect([adminCalls, oauthCalls]).toHaveLength(2);
  });
});
