import { checkCoreOptions, normalizeScope } from '../../src/core/options';
import { WorksectionConfigError } from '../../src/errors/config-error';
import { SCOPES } from '../../src/oauth/scopes';

const base = { clientID: 'id', clientSecret: 'secret' };

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

describe('checkCoreOptions', () => {
  it('seals the state cookie with the client secret, or with stateSecret (newest first), refusing a short one', () => {
    expect(checkCoreOptions(base, 'new WorksectionOAuth(options)').stateSecrets).toEqual([base.clientSecret]);
    const secrets = ['a-new-secret-0123456789', 'an-old-secret-0123456789'];
    expect(checkCoreOptions({ ...base, stateSecret: secrets }, 'new WorksectionOAuth(options)').stateSecrets).toEqual(secrets);
    expect(() => checkCoreOptions({ ...base, stateSecret: 'short' }, 'new WorksectionOAuth(options)')).toThrow(WorksectionConfigError);
    expect(() => checkCoreOptions({ ...base, stateSecret: [] }, 'new WorksectionOAuth(options)')).toThrow(WorksectionConfigError);
  });

  it('reads allowedAccounts as account URLs or host names, refusing anything else', () => {
    const checked = checkCoreOptions(
      { ...base, allowedAccounts: ['acme.worksection.com', 'https://Beta.worksection.com/', 'http://127.0.0.1:4000/acc1'] },
      'new WorksectionOAuth(options)',
    );
    expect([...(checked.allowedAccounts ?? [])]).toEqual([
      'https://acme.worksection.com',
      'https://beta.worksection.com',
      'http://127.0.0.1:4000/acc1',
    ]);
    for (const allowedAccounts of [[], ['https://user:pw@acme.worksection.com'], ['acme worksection'], 'acme.worksection.com']) {
      expect(() => checkCoreOptions({ ...base, allowedAccounts: allowedAccounts as never }, 'new WorksectionOAuth(options)')).toThrow(
        /allowedAccounts/,
      );
    }
  });

  it('accepts an https: callbackURL on localhost for worksection.com', () => {
    expect(() => checkCoreOptions({ ...base, callbackURL: 'https://localhost:3000/cb' }, 'new WorksectionOAuth(options)')).not.toThrow();
  });

  it('refuses a missing options object', () => {
    expect(() => checkCoreOptions(undefined as never, 'new WorksectionOAuth(options)')).toThrow(/needs an options object/);
  });
});
