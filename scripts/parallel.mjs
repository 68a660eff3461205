// Runs npm scripts at once (npm test: the type checks and the linter are independent and each uses one core),
// prints each one's output when it ends, and fails if any of them fails.
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error('usage: node scripts/parallel.mjs SCRIPT...');
  process.exit(2);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const runs = scripts.map((script) => new Promise((resolve) => {
  const started = Date.now();
  const child = spawn(npm, ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  child.stdout.on('data', (chunk) => output.push(chunk));
  child.stderr.on('data', (chunk) => output.push(chunk));
  child.on('close', (code, signal) => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const text = Buffer.concat(output).toString();
    process.stdout.write(`> ${script}: ${code === 0 ? 'ok' : `failed (${signal ?? `exit ${code}`})`} in ${seconds} s\n${text}`);
    resolve(code === 0);
  });
}));

const results = await Promise.all(runs);
process.exit(results.every(Boolean) ? 0 : 1);
