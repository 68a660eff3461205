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
    // Transpile only, with esbuild: npm run typecheck checks the types (test/transform.js says why not ts-jest).
    '^.+\\.ts$': '<rootDir>/test/transform.js',
  },
  globalSetup: '<rootDir>/test/globalSetup.js',
  // Time is the benchmark's business (npm run bench), never a test's: a limit only catches a hang. Generous, because
  // the end-to-end suites' first tests (bundle load, set-up, example) run on a machine shared by several test runs.
  testTimeout: 180000,
};
