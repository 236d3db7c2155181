/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // isolatedModules in tsconfig.json makes ts-jest transpile only: `npm run typecheck` checks types once.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  // The example app imports the package by name, as its users do; in tests that name means the sources.
  moduleNameMapper: {
    '^passport-worksection$': '<rootDir>/src/index.ts',
    '^passport-worksection/client$': '<rootDir>/src/client/index.ts',
    '^passport-worksection/emulator$': '<rootDir>/src/emulator/index.ts',
  },
  testTimeout: 20000,
};
