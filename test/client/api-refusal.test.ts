import { apiRefusal } from '../../src/client/api-refusal';
import { API_ERROR, WorksectionApiError } from '../../src';

describe('apiRefusal', () => {
  it('names the scope Worksection named in message_details, and says to ask for it at sign-in', () => {
    const err = apiRefusal('get_users', 403, 'Access denied: the token was not granted the scope this action needs', 'users_read', 200);
    expect(err).toBeInstanceOf(WorksectionApiError);
    expect(err).toMatchObject({ code: API_ERROR, action: 'get_users', statusCode: 403, details: 'users_read', scope: 'users_read' });
    expect(err.message).toBe(
      'Access denied: the token was not granted the scope this action needs. Ask for the users_read scope at sign-in.',
    );
  });

  it('takes a scope named in the message when the details name none', () => {
    const err = apiRefusal('get_costs', 403, 'Insufficient scope: costs_read required', '', 200);
    expect(err.scope).toBe('costs_read');
  });

  it('falls back to the table’s scope for the action, saying it is our guess (every row is inferred)', () => {
    const inferred = apiRefusal('post_task', 403, 'Scope missing.', '', 200);
    expect(inferred).toMatchObject({ scope: 'tasks_write' });
    expect(inferred.message).toBe(
      'Scope missing. Ask for the tasks_write scope at sign-in (our guess: Worksection does not document the scope of this action).',
    );
    const read = apiRefusal('get_comments', 403, 'Scope missing', '', 200);
    expect(read.message).toBe(
      'Scope missing. Ask for the comments_read scope at sign-in (our guess: Worksection does not document the scope of this action).',
    );
  });

  it('names no scope for an action needing none, or one the table does not know, when Worksection names none', () => {
    expect(apiRefusal('me', 403, 'Scope missing', '', 200).scope).toBeUndefined();
    expect(apiRefusal('get_something_new', 403, 'Scope missing', '', 200).scope).toBeUndefined();
    expect(apiRefusal('get_something_new', 403, 'Scope missing', '', 200).message).toBe('Scope missing');
  });

  it('leaves other refusals as Worksection said them, without scope or limit', () => {
    for (const [code, message, details] of [
      [403, 'Access token does not belong to this account', 'The token was issued for another account'],
      [10, 'Field is required', 'id_project'],
      [5, 'Task is invalid', ''],
    ] as const) {
      const err = apiRefusal('get_task', code, message, details, 200);
      expect(err).toMatchObject({ message, details, statusCode: code });
      expect(err.scope).toBeUndefined();
      expect(err.limit).toBeUndefined();
      expect(Object.keys(err.toJSON())).not.toEqual(expect.arrayContaining(['scope']));
    }
  });

  it('reads the record cap of "Too many tasks (10000 max)" into limit, with what to do', () => {
    const err = apiRefusal('get_all_tasks', 9, 'Too many tasks (10000 max)', '', 200);
    expect(err).toMatchObject({ limit: 10000, statusCode: 9 });
    expect(err.message).toBe(
      'Too many tasks (10000 max). Worksection answers at most 10000 records: narrow the query (one project, a filter, a date range).',
    );
    expect(err.toJSON()).toMatchObject({ limit: 10000 });
    expect(apiRefusal('get_costs', 9, 'Too many costs (5000 max)', '', 200).limit).toBe(5000);
  });

  it('is not fooled by words that only look alike', () => {
    expect(apiRefusal('get_tasks', 1, 'Too many requests', '', 200).limit).toBeUndefined();
    expect(apiRefusal('get_tasks', 1, 'Microscopes are not tasks', '', 200).scope).toBeUndefined();
  });
});
