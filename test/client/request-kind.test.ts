import { sendsJsonBody } from '../../src/client/request-kind';
import { ACTION_SCOPES, type ActionName } from '../../src/client';

describe('sendsJsonBody', () => {
  const actions = Object.keys(ACTION_SCOPES) as ActionName[];

  it('sends the reads (me, get_*, search_tasks) as GET, and every other action as a JSON POST', () => {
    const reads = actions.filter((action) => !sendsJsonBody(action, {}));
    expect(reads).toEqual(actions.filter((action) => action === 'me' || action === 'search_tasks' || action.startsWith('get_')));
    // me, search_tasks and 24 get_* (get_timers is on the admin API).
    expect(reads).toHaveLength(26);
    expect(sendsJsonBody('post_task', {})).toBe(true);
    expect(sendsJsonBody('complete_task', { id_task: '1' })).toBe(true);
  });

  it('sends a read as JSON when a parameter is a list or an object, which a query string cannot carry', () => {
    expect(sendsJsonBody('get_users_schedule', { users: ['a@b.c'] })).toBe(true);
    expect(sendsJsonBody('get_tasks', { id_project: '1', extra: undefined })).toBe(false);
  });

  it('sends a read as JSON when its query would be too long for a URL (Worksection fails GETs over about 8 kB)', () => {
    expect(sendsJsonBody('search_tasks', { filter: `name has '${'x'.repeat(3900)}'` })).toBe(false);
    expect(sendsJsonBody('search_tasks', { filter: `name has '${'x'.repeat(4100)}'` })).toBe(true);
    // Counted as sent: percent-encoded.
    expect(sendsJsonBody('search_tasks', { filter: 'é'.repeat(1000) })).toBe(true);
  });
});
