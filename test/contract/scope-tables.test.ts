import { ACTION_SCOPES as LIBRARY_ACTIONS } from '../../src/oauth/action-scopes';
import { SCOPES as LIBRARY_SCOPES } from '../../src/oauth/scopes';
import { ACTION_SCOPES as EMULATOR_ACTIONS } from '../../emulator/src/account-api/action-scopes';
import { SCOPES as EMULATOR_SCOPES } from '../../emulator/src/oauth/scopes';
import { ADMIN_ONLY_ACTIONS, OAUTH_ONLY_ACTIONS } from '../../emulator/src/admin-api/admin-actions';

// The library and the emulator each keep their own tables of Worksection's scopes and of the scope each action needs,
// written from Worksection's material separately, so that each checks the other. Differences the sources cannot
// settle yet are listed here, each with why; live answers will settle them. Any other difference fails, and so does
// a listed one that has gone away (remove it from the list).
const KNOWN_DIFFERENCES = new Set<string>([]);

type Actions = Record<string, { scope: string | null }>;
interface Tables {
  scopes: readonly string[];
  actions: Actions;
}

const library: Tables = { scopes: LIBRARY_SCOPES, actions: LIBRARY_ACTIONS };
const emulator: Tables = { scopes: EMULATOR_SCOPES, actions: EMULATOR_ACTIONS };

/** Every difference between the two tables, one line each. */
function differences({ scopes: lib, actions: libActions }: Tables, { scopes: emu, actions: emuActions }: Tables): string[] {
  const lines: string[] = [];
  for (const scope of lib) if (!emu.includes(scope)) lines.push(`scope ${scope}: the library lists it, the emulator does not`);
  for (const scope of emu) if (!lib.includes(scope)) lines.push(`scope ${scope}: the emulator lists it, the library does not`);
  if (lines.length === 0 && lib.join() !== emu.join()) lines.push(`scope order: library ${lib.join()}; emulator ${emu.join()}`);

  for (const action of Object.keys(libActions)) {
    if (!Object.hasOwn(emuActions, action)) lines.push(`action ${action}: the library lists it, the emulator does not serve it`);
    else if (libActions[action]!.scope !== emuActions[action]!.scope)
      lines.push(
        `action ${action}: the library says ${String(libActions[action]!.scope)}, the emulator ${String(emuActions[action]!.scope)}`,
      );
  }
  for (const action of Object.keys(emuActions)) {
    if (!Object.hasOwn(libActions, action)) lines.push(`action ${action}: the emulator serves it, the library does not list it`);
  }
  return lines;
}

describe("the library's and the emulator's scope tables", () => {
  it('differ only where the sources are known to leave the question open', () => {
    const found = differences(library, emulator);
    const unexpected = found.filter((line) => !KNOWN_DIFFERENCES.has(line));
    const gone = [...KNOWN_DIFFERENCES]
      .filter((line) => !found.includes(line))
      .map((line) => `no longer differs (remove it from KNOWN_DIFFERENCES): ${line}`);
    // One line per difference, all of them, so a failure shows the whole picture at once.
    expect([...unexpected, ...gone].join('\n')).toBe('');
  });

  it("agree on which actions are the admin API's alone and which need a user's token", () => {
    // The library keeps the admin-only actions (get_timers, stop_timer) off its OAuth table and types them on the admin
    // client; the emulator keeps them in a table of their own. The OAuth-only ones are on both OAuth tables.
    expect(Object.keys(ADMIN_ONLY_ACTIONS).filter((action) => Object.hasOwn(LIBRARY_ACTIONS, action))).toEqual([]);
    expect(Object.keys(ADMIN_ONLY_ACTIONS).filter((action) => Object.hasOwn(EMULATOR_ACTIONS, action))).toEqual([]);
    expect(Object.keys(OAUTH_ONLY_ACTIONS).filter((action) => !Object.hasOwn(LIBRARY_ACTIONS, action))).toEqual([]);
  });

  it('reports every difference, one line each', () => {
    // The comparison itself, on tables that differ in several places at once.
    const lines = differences(
      { scopes: ['a_read', 'b_read'], actions: { one: { scope: 'a_read' }, two: { scope: null }, three: { scope: 'a_read' } } },
      { scopes: ['a_read', 'c_read'], actions: { one: { scope: 'b_read' }, two: { scope: null }, four: { scope: 'c_read' } } },
    );
    expect(lines).toEqual([
      'scope b_read: the library lists it, the emulator does not',
      'scope c_read: the emulator lists it, the library does not',
      'action one: the library says a_read, the emulator b_read',
      'action three: the library lists it, the emulator does not serve it',
      'action four: the emulator serves it, the library does not list it',
    ]);
  });
});
