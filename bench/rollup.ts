/**
 * The director's roll-up:
 * - offline `market-expansion rollup` of 10 and 50 regional workbooks of 10,000 tracking rows each (time and
 *   the process's peak memory, in a child process of its own so nothing else is counted);
 * - the Apps Script Refresh regions in the emulator: service calls as regions and their rows grow (they grow
 *   with neither: one read of Regions, one of Region imports, a few writes).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Emulator, SheetsWorld } from '../src/node/emulator';
import { BUNDLE_PATH, addTrackingRows, table } from './common';
import { writeBigWorkbook } from './offline';

const ROOT = join(__dirname, '..');

function offlineRun(files: readonly string[], cwd: string): { ms: number; maxRssMb: number; code: number | null } {
  // The built command line in its own process: its peak memory (maxRSS) is the roll-up's alone.
  const script = `const t=Date.now();require(${JSON.stringify(join(ROOT, 'build', 'cli.js'))}).main(${JSON.stringify(['rollup', ...files, '--as-of', '2023-09-30', '--json', 'rollup.json', '--out', 'rollup.docx'])})`
    + '.then((c)=>{process.stderr.write(`\\nBENCH ${Date.now()-t} ${process.resourceUsage().maxRSS}\\n`);process.exitCode=c;});';
  const run = spawnSync(process.execPath, ['-e', script], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8' }, maxBuffer: 64 * 1024 * 1024 });
  const m = /BENCH (\d+) (\d+)/.exec(run.stderr ?? '');
  if (!m) throw new Error(`rollup failed: ${run.stderr}`);
  return { ms: Number(m[1]), maxRssMb: Math.round(Number(m[2]) / 1024), code: run.status };
}

async function benchOfflineRollup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mx-rollup-'));
  try {
    const source = join(dir, 'region.xlsx');
    await writeBigWorkbook(source, 10_000, 2_000);
    const rows: (string | number)[][] = [];
    for (const n of [1, 10, 50]) {
      const files = Array.from({ length: n }, (_, i) => `region-${String(i + 1).padStart(2, '0')}.xlsx`);
      for (const f of files) copyFileSync(source, join(dir, f));
      const run = offlineRun(files, dir);
      const json = JSON.parse(readFileSync(join(dir, 'rollup.json'), 'utf8')) as { regions: unknown[] };
      rows.push([n, n * 10_000, json.regions.length, (run.ms / 1000).toFixed(1), (run.ms / n / 1000).toFixed(2), run.maxRssMb]);
    }
    table('Offline roll-up of regional workbooks of 10,000 tracking rows and 2,000 weekly rows each (one workbook at a time)',
      ['regions', 'tracking rows', 'rolled up', 'seconds', 's per region', 'peak memory MB'], rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A roll-up of `regions` emulated trackers, each with `extraRows` generated tracking rows, ready to refresh. */
export function rollupWorld(regions: number, extraRows: number): Emulator {
  const code = readFileSync(BUNDLE_PATH, 'utf8');
  const world = new SheetsWorld();
  const now = new Date('2023-09-30T12:00:00+08:00');
  const urls: string[] = [];
  for (let i = 0; i < regions; i++) {
    const emulator = new Emulator({ now, spreadsheetId: `1bench${String(i).padStart(4, '0')}${'x'.repeat(30)}` });
    emulator.loadBundle(code);
    emulator.call('menuSetupSheets');
    emulator.call('menuLoadExample');
    addTrackingRows(emulator, extraRows);
    emulator.call('menuCheckData');
    world.add(emulator.spreadsheet, 'director@example.com');
    urls.push(emulator.spreadsheet.getUrl());
  }
  const rollup = new Emulator({ now, spreadsheetId: `1benchrollup${'x'.repeat(30)}` });
  rollup.loadBundle(code);
  rollup.call('menuSetupSheets');
  const settings = rollup.spreadsheet.getSheetByName('Settings')!;
  const labels = settings.getRange(1, 1, settings.getLastRow(), 1).getValues().map((r) => r[0]);
  settings.getRange(labels.indexOf('Mode') + 1, 2).setValue('Regional roll-up');
  rollup.call('menuSetupSheets');
  rollup.spreadsheet.getSheetByName('Regions')!.getRange(2, 1, regions, 2).setValues(urls.map((u, i) => [`Region ${i + 1}`, u]));
  rollup.call('menuSetupSheets');
  for (const url of urls) world.allowAccess(rollup.spreadsheet, url, 'director@example.com');
  world.recalculate(rollup.spreadsheet);
  return rollup;
}

function benchSheetsRollup(): void {
  const rows: (string | number)[][] = [];
  for (const [regions, extra] of [[2, 10], [10, 10], [10, 1_000], [30, 10]] as const) {
    const rollup = rollupWorld(regions, extra);
    rollup.calls.reset();
    rollup.call('menuRefreshRegions');
    const total = rollup.calls.total((k) => !/^(Ui|Menu|HtmlService|HtmlOutput|Utilities)\./.test(k));
    rows.push([regions, extra, rollup.calls.count('Range.getValues'), rollup.calls.writes(), total, Math.round(rollup.modelledMs())]);
  }
  table('Refresh regions in a roll-up: service calls as regions and their tracking rows grow (flat = good)',
    ['regions', 'extra tracking rows each', 'getValues', 'writes', 'total', 'modelled ms'], rows);
}

export async function benchRollup(): Promise<void> {
  benchSheetsRollup();
  await benchOfflineRollup();
}
