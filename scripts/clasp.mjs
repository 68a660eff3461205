// npm run deploy / npm run create-sheet: the two clasp steps, with the checks a newcomer needs.
//   push    build dist/ and push it to the script whose id is in .clasp.json
//   create  create a new Google Sheet with its bound script and write its id into .clasp.json
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const claspJson = join(root, '.clasp.json');
const PLACEHOLDER = 'PASTE_YOUR_SCRIPT_ID_HERE';
const clasp = join(root, 'node_modules', '@google', 'clasp', 'build', 'src', 'index.js');

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  return result.status ?? 1;
}

function scriptId() {
  if (!existsSync(claspJson)) return '';
  try {
    return String(JSON.parse(readFileSync(claspJson, 'utf8')).scriptId ?? '');
  } catch {
    return '';
  }
}

const command = process.argv[2];
if (command === 'push') {
  const id = scriptId();
  if (id === '' || id === PLACEHOLDER) {
    console.error([
      '.clasp.json has no script id yet, so there is nothing to push to.',
      '  New Google Sheet:      npx clasp login, then npm run create-sheet',
      '  Existing Google Sheet: Extensions → Apps Script → Project Settings → copy the Script ID into .clasp.json',
      '.clasp.json 中还没有脚本 ID，无法推送。',
      '  新建表格：先运行 npx clasp login，再运行 npm run create-sheet',
      '  已有表格：扩展程序 → Apps Script → 项目设置 → 复制“脚本 ID”填入 .clasp.json',
    ].join('\n'));
    process.exit(1);
  }
  const built = run(process.execPath, [join(root, 'scripts', 'build.mjs')]);
  process.exit(built === 0 ? run(process.execPath, [clasp, 'push', '--force']) : built);
} else if (command === 'create') {
  const id = scriptId();
  if (id !== '' && id !== PLACEHOLDER) {
    console.error(`.clasp.json already points at script ${id}; run npm run deploy. / .clasp.json 已指向脚本 ${id}，请运行 npm run deploy。`);
    process.exit(1);
  }
  // clasp refuses to create a project where a .clasp.json exists, even the placeholder one.
  const aside = `${claspJson}.placeholder`;
  if (existsSync(claspJson)) renameSync(claspJson, aside);
  const status = run(process.execPath, [clasp, 'create-script', '--type', 'sheets', '--title', 'Market Expansion Tracker', '--rootDir', 'dist']);
  if (status !== 0 || !existsSync(claspJson)) {
    if (existsSync(aside)) renameSync(aside, claspJson);
    process.exit(status || 1);
  }
  rmSync(aside, { force: true });
  console.log('Created. Now run npm run deploy, then reload the new Sheet. / 已创建。请运行 npm run deploy，然后刷新新表格。');
  process.exit(run(process.execPath, [join(root, 'scripts', 'clasp.mjs'), 'push']));
} else {
  console.error('Usage: node scripts/clasp.mjs push|create');
  process.exit(2);
}
