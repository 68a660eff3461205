const { availableParallelism } = require('node:os');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The LibreOffice checks run separately (npm run test:office), after npm test, where LibreOffice is installed.
  testPathIgnorePatterns: ['/node_modules/', '/test/office/'],
  // One worker per core (jest's default leaves one core idle; the emulator suites are CPU-bound).
  maxWorkers: Math.max(1, availableParallelism()),
  transform: {
    // Transpile only: npm run typecheck checks the types (ts-jest's type check per file cost seconds per suite).
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json', diagnostics: false, isolatedModules: true }],
  },
  globalSetup: '<rootDir>/test/globalSetup.js',
  // Time is the benchmark's business (npm run bench), never a test's: a limit only catches a hang. Generous, because
  // the end-to-end suites' first tests (bundle load, set-up, example) run on a machine shared by several test runs.
  testTimeout: 180000,
};
