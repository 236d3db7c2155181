/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/emulator/test'],
  testMatch: ['**/*.test.ts'],
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
  testTimeout: 20000,
};
