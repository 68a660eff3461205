// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'build/**', 'out/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/core/**/*.ts'],
    rules: {
      // src/core is pure: no Apps Script services and no Node modules.
      'no-restricted-globals': ['error', 'SpreadsheetApp', 'DocumentApp', 'MailApp', 'ScriptApp', 'PropertiesService',
        'LockService', 'Session', 'Utilities', 'HtmlService', 'DriveApp', 'Charts', 'Logger', 'process', 'require', 'Buffer'],
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^(?!\\.)', message: 'src/core imports only project files: nothing from npm or Node reaches the Apps Script bundle.' },
        { regex: '^\\.\\./(gas|node)(/|$)', message: 'src/core is pure: it does not import the adapters.' },
      ] }],
    },
  },
  {
    files: ['src/gas/**/*.ts', 'src/main.ts', 'src/client/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^(?!\\.)', message: 'The Apps Script bundle imports only project files: nothing from npm or Node.' },
        { regex: '(^|/)node(/|$)', message: 'Node-only code (src/node) never reaches the Apps Script bundle.' },
      ] }],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
