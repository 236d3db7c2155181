import { AppError } from '../../example-app/errors/app-error';
import { ConfigError } from '../../example-app/errors/config-error';
import { CsrfError } from '../../example-app/errors/csrf-error';
import { EmulatorStateFileError } from '../../example-app/errors/emulator-state-file-error';
import { SessionDestroyedError } from '../../example-app/errors/session-destroyed-error';
import { SessionStoreOpenError } from '../../example-app/errors/session-store-open-error';
import { SessionStoreUnavailableError } from '../../example-app/errors/session-store-unavailable-error';
import { SymlinkRefusedError } from '../../example-app/errors/symlink-refused-error';
import { UnusableSessionError } from '../../example-app/errors/unusable-session-error';

const errors: Array<[AppError, string]> = [
  [new ConfigError('PORT must be a number.'), 'CONFIG_INVALID'],
  [new CsrfError(), 'CSRF_REJECTED'],
  [new EmulatorStateFileError('/tmp/state.json', 'not JSON'), 'EMULATOR_STATE_FILE_UNUSABLE'],
  [new SessionDestroyedError(), 'SESSION_DESTROYED'],
  [new SessionStoreOpenError('SESSION_DB cannot be used.'), 'SESSION_STORE_OPEN_FAILED'],
  [new SessionStoreUnavailableError('get', 'no answer within 3000 ms'), 'SESSION_STORE_UNAVAILABLE'],
  [new SymlinkRefusedError('/tmp/sessions.sqlite-secret'), 'SYMLINK_REFUSED'],
  [new UnusableSessionError('tokens'), 'SESSION_UNUSABLE'],
];

describe("the example app's errors", () => {
  it.each(errors)('%s has a stable code and is named after its class, also in the stack', (err, code) => {
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe(code);
    expect(err.name).toBe(err.constructor.name);
    expect(err.stack?.split('\n')[0]).toBe(`${err.constructor.name}: ${err.message}`);
    expect(Object.keys(err)).not.toContain('name');
  });

  it('keep the facts a handler needs in fields of their own', () => {
    expect(new CsrfError()).toMatchObject({ status: 403 });
    expect(new EmulatorStateFileError('/tmp/state.json', 'not JSON')).toMatchObject({ file: '/tmp/state.json' });
    expect(new SessionStoreUnavailableError('get', 'timeout')).toMatchObject({ operation: 'get' });
  });
});
