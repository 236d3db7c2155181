import * as entry from '../src';

// What `worksection-emulator` offers at run time is a decision: adding or removing a name must change this list.
describe('the package entry', () => {
  it('exports exactly these runtime names', () => {
    expect(Object.keys(entry).sort()).toEqual([
      'AccountStore',
      'AccountStores',
      'DEMO_ACCOUNTS',
      'DEMO_CLIENT',
      'DEMO_USERS',
      'EMULATOR_STATE_VERSION',
      'SCOPE_TEXT',
      'createEmulator',
      'createManualClock',
      'parseEmulatorState',
    ]);
  });
});
