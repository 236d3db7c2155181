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
    expect(checked.stateMode).toBe('cookie');
    expect(checked.http.fetch).toBeUndefined();
  });

  it("keeps the state in a cookie by default, in the session with state: 'session' or store: true, and in a custom store", () => {
    const store = { store: verify, verify };
    expect(checkOptions({ ...base, state: true }, verify).stateMode).toBe('cookie');
    expect(checkOptions({ ...base, store }, verify).stateMode).toBe('custom');
    expect(checkOptions({ ...base, state: 'session' }, verify).stateMode).toBe('session');
    expect(checkOptions({ ...base, store: true }, verify).stateMode).toBe('session');
    expect(() => checkOptions({ ...base, state: false }, verify)).toThrow(/Worksection requires the OAuth state/);
    expect(() => checkOptions({ ...base, store: { store: verify } }, verify)).toThrow(/store\(\) and verify\(\)/);
  });

  it('seals the state cookie with the client secret, or with stateSecret (newest first), refusing a short one', () => {
    expect(checkOptions(base, verify).stateSecrets).toEqual([base.clientSecret]);
    const secrets = ['a-new-secret-0123456789', 'an-old-secret-0123456789'];
    expect(checkOptions({ ...base, stateSecret: secrets }, verify).stateSecrets).toEqual(secrets);
    expect(() => checkOptions({ ...base, stateSecret: 'short' }, verify)).toThrow(WorksectionConfigError);
    expect(() => checkOptions({ ...base, stateSecret: [] }, verify)).toThrow(WorksectionConfigError);
  });

  it('reads allowedAccounts as account URLs or host names, refusing anything else', () => {
    const checked = checkOptions(
      { ...base, allowedAccounts: ['acme.worksection.com', 'https://Beta.worksection.com/', 'http://127.0.0.1:4000/acc1'] },
      verify,
    );
    expect([...(checked.allowedAccounts ?? [])]).toEqual([
      'https://acme.worksection.com',
      'https://beta.worksection.com',
      'http://127.0.0.1:4000/acc1',
    ]);
    for (const allowedAccounts of [[], ['https://user:pw@acme.worksection.com'], ['acme worksection'], 'acme.worksection.com']) {
      expect(() => checkOptions({ ...base, allowedAccounts: allowedAccounts as never }, verify)).toThrow(/allowedAccounts/);
    }
  });

  it('accepts an https: callbackURL on localhost for worksection.com', () => {
    expect(() => checkOptions({ ...base, callbackURL: 'https://localhost:3000/cb' }, verify)).not.toThrow();
  });

  it('refuses a missing options object', () => {
    expect(() => checkOptions(undefined as never, verify)).toThrow(/needs an options object/);
  });
});
