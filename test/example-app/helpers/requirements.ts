import { existsSync } from 'node:fs';

/** Set by `.ci/run`: a missing binary then fails the end-to-end files instead of skipping them. */
export const REQUIRE_E2E = process.env.WS_REQUIRE_E2E === '1';

/**
 * `describe` when `binary` exists; otherwise `describe.skip` with the reason printed, or, under
 * `WS_REQUIRE_E2E=1`, a suite that fails saying what is missing.
 */
export function describeIfInstalled(binary: string, installHint: string): jest.Describe {
  if (existsSync(binary)) return describe;
  const reason = `${binary} is not installed (${installHint})`;
  if (REQUIRE_E2E) {
    return ((name: string) =>
      describe(name, () => {
        test('has what it needs to run', () => {
          throw new Error(`WS_REQUIRE_E2E=1 but ${reason}.`);
        });
      })) as unknown as jest.Describe;
  }
  console.warn(`Skipping: ${reason}. Set WS_REQUIRE_E2E=1 to make this a failure.`);
  return describe.skip;
}
