// Every saved success answer of Worksection's Postman collection (test/fixtures/collection-answers.ts, written by
// scripts/collection-answers.mjs) against the result type of its action: `npm run typecheck` fails when a live answer
// does not fit what `call()` promises. The admin-only timer actions go through the admin map. The calls are inside a
// function Jest never runs; Jest only checks that the fixtures name actions the maps know.
import { ACTION_SCOPES, type ActionName, type ActionParams, type ActionResult } from '../../src/client';
import type { AdminActionName, AdminActionResult } from '../../src/client/admin/admin-actions';
import { collectionAnswers } from '../fixtures/collection-answers';

/** What an `as const` literal is without its `readonly`s: `as const` adds them, Worksection's answers have none. */
type DeepMutable<T> = T extends readonly (infer U)[]
  ? DeepMutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: DeepMutable<T[K]> }
    : T;

declare function mutable<T>(value: T): DeepMutable<T>;

/** Type-checks each answer (by example name) as the OAuth client's result of `action`. */
function fits<A extends ActionName>(action: A, answers: Record<string, ActionResult<A>>): [A, unknown] {
  return [action, answers];
}

/** Type-checks each answer (by example name) as the admin client's result of `action`. */
function fitsAdmin<A extends AdminActionName>(action: A, answers: Record<string, AdminActionResult<A>>): [A, unknown] {
  return [action, answers];
}

export function everyAnswerFits(): void {
  fits('me', mutable(collectionAnswers.me));
  fits('get_users', mutable(collectionAnswers.get_users));
  fits('add_user', mutable(collectionAnswers.add_user));
  fits('get_user_groups', mutable(collectionAnswers.get_user_groups));
  fits('add_user_group', mutable(collectionAnswers.add_user_group));
  fits('get_contacts', mutable(collectionAnswers.get_contacts));
  fits('add_contact', mutable(collectionAnswers.add_contact));
  fits('get_contact_groups', mutable(collectionAnswers.get_contact_groups));
  fits('add_contact_group', mutable(collectionAnswers.add_contact_group));
  fits('subscribe', mutable(collectionAnswers.subscribe));
  fits('unsubscribe', mutable(collectionAnswers.unsubscribe));
  fits('get_projects', mutable(collectionAnswers.get_projects));
  fits('get_project', mutable(collectionAnswers.get_project));
  fits('post_project', mutable(collectionAnswers.post_project));
  fits('update_project', mutable(collectionAnswers.update_project));
  fits('close_project', mutable(collectionAnswers.close_project));
  fits('activate_project', mutable(collectionAnswers.activate_project));
  fits('add_project_members', mutable(collectionAnswers.add_project_members));
  fits('delete_project_members', mutable(collectionAnswers.delete_project_members));
  fits('get_project_groups', mutable(collectionAnswers.get_project_groups));
  fits('add_project_group', mutable(collectionAnswers.add_project_group));
  fits('get_events', mutable(collectionAnswers.get_events));
  fits('get_all_tasks', mutable(collectionAnswers.get_all_tasks));
  fits('get_tasks', mutable(collectionAnswers.get_tasks));
  fits('get_task', mutable(collectionAnswers.get_task));
  fits('post_task', mutable(collectionAnswers.post_task));
  fits('update_task', mutable(collectionAnswers.update_task));
  fits('complete_task', mutable(collectionAnswers.complete_task));
  fits('reopen_task', mutable(collectionAnswers.reopen_task));
  fits('search_tasks', mutable(collectionAnswers.search_tasks));
  fits('get_comments', mutable(collectionAnswers.get_comments));
  fits('post_comment', mutable(collectionAnswers.post_comment));
  fits('get_task_tags', mutable(collectionAnswers.get_task_tags));
  fits('add_task_tags', mutable(collectionAnswers.add_task_tags));
  fits('update_task_tags', mutable(collectionAnswers.update_task_tags));
  fits('get_task_tag_groups', mutable(collectionAnswers.get_task_tag_groups));
  fits('add_task_tag_groups', mutable(collectionAnswers.add_task_tag_groups));
  fits('get_project_tags', mutable(collectionAnswers.get_project_tags));
  fits('add_project_tags', mutable(collectionAnswers.add_project_tags));
  fits('update_project_tags', mutable(collectionAnswers.update_project_tags));
  fits('get_project_tag_groups', mutable(collectionAnswers.get_project_tag_groups));
  fits('add_project_tag_groups', mutable(collectionAnswers.add_project_tag_groups));
  fits('get_costs', mutable(collectionAnswers.get_costs));
  fits('get_costs_total', mutable(collectionAnswers.get_costs_total));
  fits('add_costs', mutable(collectionAnswers.add_costs));
  fits('update_costs', mutable(collectionAnswers.update_costs));
  fits('delete_costs', mutable(collectionAnswers.delete_costs));
  fitsAdmin('get_timers', mutable(collectionAnswers.get_timers));
  fitsAdmin('stop_timer', mutable(collectionAnswers.stop_timer));
  fits('get_my_timer', mutable(collectionAnswers.get_my_timer));
  fits('start_my_timer', mutable(collectionAnswers.start_my_timer));
  fits('stop_my_timer', mutable(collectionAnswers.stop_my_timer));
  fits('get_files', mutable(collectionAnswers.get_files));
  fits('get_webhooks', mutable(collectionAnswers.get_webhooks));
  fits('add_webhook', mutable(collectionAnswers.add_webhook));
  fits('delete_webhook', mutable(collectionAnswers.delete_webhook));
}

/** The schedule actions, which the collection has no answers of: their FAQ pages' sample answers (`data`) and parameters. */
export function faqScheduleSamplesFit(): unknown[] {
  // https://worksection.com/en/faq/api/api-user/1923.html
  const user = <const Id extends string>(id: Id) =>
    ({
      id,
      email: 'user@example.com',
      name: 'User Name',
      group: 'Group',
      department: 'Department',
      schedule: { '2021-01-04': 'vacation', '2021-03-13': 'workday', '2021-10-15': 'sick-leave' },
    }) as const;
  fits('get_users_schedule', mutable({ faq: { USER_ID_1: user('USER_ID_1'), USER_ID_2: user('USER_ID_2') } }));
  // https://worksection.com/en/faq/api/api-user/1926.html
  fits('update_users_schedule', { faq: { data: [], message: 'Days added: 2, days updated: 1' } });
  const params: ActionParams<'update_users_schedule'> = {
    data: { 'user@x.com': { '07.06.2021': 'vacation', '08.06.2021': 'vacation' }, '3993': { '2021-06-12': 'unset' } },
  };
  // @ts-expect-error "holiday" is no value the FAQ documents.
  const undocumented: ActionParams<'update_users_schedule'> = { data: { 'user@x.com': { '07.06.2021': 'holiday' } } };
  return [params, undocumented];
}

describe("the collection's live answers", () => {
  it('name only actions the OAuth map or the admin map knows, add_project_group among them', () => {
    const adminOnly: string[] = ['get_timers', 'stop_timer'] satisfies AdminActionName[];
    const unknown = Object.keys(collectionAnswers).filter((action) => !Object.hasOwn(ACTION_SCOPES, action) && !adminOnly.includes(action));
    expect(unknown).toEqual([]);
    expect(Object.keys(collectionAnswers)).toContain('add_project_group');
  });
});
