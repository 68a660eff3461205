// The end-to-end tests run the built Apps Script bundle: build it once before any test file runs, unless it is
// newer than every source it is built from (npm test has just built it).
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

module.exports = async () => {
  const bundle = join(root, 'dist', 'Code.js');
  const sources = ['src', 'scripts', 'appsscript.json', 'package-lock.json'].map((p) => join(root, p)).filter(existsSync);
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= Math.max(...sources.map(newest))) return;
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'ignore' });
};
