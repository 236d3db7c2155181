import { checkOptions } from '../../src/strategy/options';
import { DEFAULT_TIMEOUT } from '../../src/http/settings';

const base = { clientID: 'id', clientSecret: 'secret' };
const verify = (_args: unknown): void => undefined;

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
    expect(checked.core.http.timeout).toBe(DEFAULT_TIMEOUT);
    expect(checked.stateMode).toBe('cookie');
    expect(checked.core.http.fetch).toBeUndefined();
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
});
