import { WorksectionConfigError } from '../../src/errors/config-error';
import { checkOptions, normalizeScope } from '../../src/strategy/options';
import { DEFAULT_TIMEOUT } from '../../src/http/settings';
import { SCOPES } from '../../src/oauth/scopes';

const base = { clientID: 'id', clientSecret: 'secret' };
const verify = (): void => undefined;

describe('normalizeScope', () => {
  it('reads a comma- or space-separated string the way Worksection does, dropping empties and duplicates', () => {
    expect(normalizeScope('projects_read, tasks_read,,projects_read users_read')).toEqual(['projects_read', 'tasks_read', 'users_read']);
  });

  it('takes an array of names', () => {
    expect(normalizeScope(['administrative', 'files_write'])).toEqual(['administrative', 'files_write']);
  });

  it('gives undefined for no scope at all, so no empty scope parameter is sent', () => {
    expect(normalizeScope(undefined)).toBeUndefined();
    expect(normalizeScope('')).toBeUndefined();
    expect(normalizeScope([])).toBeUndefined();
  });

  it('accepts each of the 17 Worksection scopes', () => {
    expect(normalizeScope([...SCOPES])).toEqual([...SCOPES]);
  });

  it('is case-sensitive, as Worksection is', () => {
    expect(() => normalizeScope('Projects_Read')).toThrow(/Unknown Worksection scope "Projects_Read"/);
  });

  it('refuses values that are not strings', () => {
    expect(() => normalizeScope([1])).toThrow(WorksectionConfigError);
    expect(() => normalizeScope({ projects_read: true })).toThrow(/must be an array of scope names or a string/);
  });
});

describe('checkOptions', () => {
  it('maps to passport-oauth2 options: comma separator, state on, endpoints from baseURL', () => {
    const checked = checkOptions({ ...base, baseURL: 'http://127.0.0.1:4000/', scope: 'tasks_read' }, verify);
    expect(checked.base).toMatchObject({
      authorizationURL: 'http://127.0.0.1:4000/oauth2/authorize',
      tokenURL: 'http://127.0.0.1:4000/oauth2/token',
      scope: ['tasks_read'],
      scopeSeparator: ',',
      state: true,
    });
    expect(checked.http.timeout).toBe(DEFAULT_TIMEOUT);
    expect(checked.needsSession).toBe(true);
    expect(checked.http.fetch).toBeUndefined();
  });

  it('needs no session with a custom state store or with state off', () => {
    const store = { store: verify, verify };
    expect(checkOptions({ ...base, store }, verify).needsSession).toBe(false);
    expect(checkOptions({ ...base, state: false }, verify).needsSession).toBe(false);
    expect(checkOptions({ ...base, store: true }, verify).needsSession).toBe(true);
  });

  it('accepts an https: callbackURL on localhost for worksection.com', () => {
    expect(() => checkOptions({ ...base, callbackURL: 'https://localhost:3000/cb' }, verify)).not.toThrow();
  });

  it('refuses a missing options object', () => {
    expect(() => checkOptions(undefined as never, verify)).toThrow(/needs an options object/);
  });
});
