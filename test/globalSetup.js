// The end-to-end tests run the built Apps Script bundle, so build it once before any test file runs.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async () => {
  execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'build.mjs')], { stdio: 'ignore' });
};
