// Builds the offline command line: src/node/cli.ts → build/cli.js (one CommonJS file for Node).
// Runtime libraries (exceljs, docx, nodemailer) stay external: they are dependencies, installed by npm.
// bin/market-expansion.js loads build/cli.js (outside dist/, which clasp pushes to Apps Script), so `npx market-expansion …` works after `npm run build`.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = process.argv[2] ?? join(root, 'build', 'cli.js');

await build({
  entryPoints: [join(root, 'src/node/cli.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  charset: 'utf8',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});
console.log(`${outfile.startsWith(root) ? outfile.slice(root.length + 1) : outfile} built`);
