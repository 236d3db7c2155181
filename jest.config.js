// Two projects: `npm test` runs "fast" (unit and end-to-end tests, in-process), `npm run test:slow` runs "slow"
// (tests that start whole processes: the packed tarball, the emulator's CLI, the example app's server process and its
// restart, the NestJS app, and the real browser). `npx jest <file>` runs a file of either.

/**
 * The slow tests, as globs relative to the repository root: the one list that decides which project a test file is
 * in. A file listed here runs with `npm run test:slow` only; every other `*.test.ts` under the roots with `npm test`.
 */
const SLOW_TESTS = [
  // npm pack, npm install of the tarball, tsc and tsserver on the installed package.
  'test/e2e/package.test.ts',
  // A NestJS app in a process of its own; the README's Next.js sample through next build and next start.
  'test/e2e/nestjs.test.ts',
  'test/e2e/nextjs.test.ts',
  // The emulator: its CLI as a process, a process under NODE_ENV=production, and chromium.
  'emulator/test/cli/cli.test.ts',
  'emulator/test/production-warning.test.ts',
  'emulator/test/browser.test.ts',
  // The example app: its server as a process (how it fails to start, a restart), and chromium.
  'test/example-app/server-process.test.ts',
  'test/example-app/e2e/restart.test.ts',
  'test/example-app/e2e/browser.test.ts',
  'test/example-app/e2e/many-tabs.test.ts',
  'test/example-app/e2e/live-comments.test.ts',
];

const escape = (text) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** `glob` (`*` within a folder, `**` across folders), relative to this folder, as a regular expression of a path. */
function globToRegExp(glob) {
  const pattern = escape(glob).replace(/\*\*\/?|\*/g, (star) => (star === '*' ? '[^/]*' : '.*'));
  return `^${escape(__dirname)}/${pattern}$`;
}

/** What both projects share. */
const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/emulator/test'],
  transform: {
    // isolatedModules in tsconfig.json makes ts-jest transpile only: `npm run typecheck` checks types once.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  // The example app imports the packages by name, as their users do; in tests those names mean the sources.
  moduleNameMapper: {
    '^passport-worksection$': '<rootDir>/src/index.ts',
    '^passport-worksection/client$': '<rootDir>/src/client/index.ts',
    '^worksection-emulator$': '<rootDir>/emulator/src/index.ts',
  },
};

/** @type {import('jest').Config} */
module.exports = {
  // A setting of the whole run, not of a project: inside `common` Jest would ignore it (and time out at 5 s).
  testTimeout: 20000,
  projects: [
    {
      ...common,
      displayName: 'fast',
      testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/emulator/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...SLOW_TESTS.map(globToRegExp)],
    },
    {
      ...common,
      displayName: 'slow',
      testMatch: SLOW_TESTS.map((glob) => `<rootDir>/${glob}`),
    },
  ],
};
