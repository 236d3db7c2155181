import { SCOPES, isScope, splitScopes } from '../../src/oauth/scopes';

describe('scopes', () => {
  it('lists exactly the 17 scopes Worksection documents, without duplicates', () => {
    expect(SCOPES).toHaveLength(17);
    expect(new Set(SCOPES).size).toBe(17);
  });

  it('recognises a known scope and rejects unknown or differently cased names', () => {
    expect(isScope('projects_read')).toBe(true);
    expect(isScope('administrative')).toBe(true);
    expect(isScope('Projects_Read')).toBe(false);
    expect(isScope('email')).toBe(false);
  });

  it('splits on commas, spaces and mixes of both, dropping empty pieces', () => {
    expect(splitScopes('projects_read,tasks_read')).toEqual(['projects_read', 'tasks_read']);
    expect(splitScopes('projects_read tasks_read')).toEqual(['projects_read', 'tasks_read']);
    expect(splitScopes(' projects_read, ,tasks_read  ')).toEqual(['projects_read', 'tasks_read']);
    expect(splitScopes('')).toEqual([]);
  });
});
