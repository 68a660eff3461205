/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The LibreOffice checks run separately (npm run test:office), after npm test, where LibreOffice is installed.
  testPathIgnorePatterns: ['/node_modules/', '/test/office/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json', diagnostics: false }],
  },
  globalSetup: '<rootDir>/test/globalSetup.js',
  testTimeout: 60000,
};
