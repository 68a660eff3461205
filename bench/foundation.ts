import { readFileSync, statSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { achievementRateFormula } from '../src/core/customFunctions';
import { BUNDLE_PATH, addTrackingRows, exampleEmulator, measure, table } from './common';

/** Bundle size, cold evaluation of the bundle (Apps Script does it on every custom-function call), core CPU. */
export async function benchFoundation(): Promise<void> {
  const code = readFileSync(BUNDLE_PATH, 'utf8');
  const evalTimes: number[] = [];
  for (let i = 0; i < 20; i++) {
    const start = process.hrtime.bigint();
    runInNewContext(code, {});
    evalTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  evalTimes.sort((a, b) => a - b);
  const column = (f: (i: number) => unknown) => Array.from({ length: 10_000 }, (_, i) => [f(i)]);
  const actual = column((i) => (i % 50 === 0 ? '' : `${40 + (i % 20)}家`));
  const target = column(() => 50);
  const cpu: number[] = [];
  for (let i = 0; i < 10; i++) {
    const start = process.cpuUsage();
    achievementRateFormula(actual as never, target as never, 'higher');
    const used = process.cpuUsage(start);
    cpu.push((used.user + used.system) / 1000);
  }
  cpu.sort((a, b) => a - b);
  table('Bundle (dist/Code.js)', ['figure', 'value'], [
    ['size (KiB)', (statSync(BUNDLE_PATH).size / 1024).toFixed(1)],
    ['evaluate in a fresh context, median of 20 (ms)', evalTimes[10]!.toFixed(2)],
    ['ACHIEVEMENT_RATE over 10,000 rows, CPU median of 10 (ms)', cpu[5]!.toFixed(2)],
  ]);

  const rows: (string | number)[][] = [];
  for (const n of [10, 1_000, 10_000]) {
    const emulator = exampleEmulator();
    addTrackingRows(emulator, n);
    const setup = measure(emulator, 'menuSetupSheets');
    const check = measure(emulator, 'menuCheckData');
    const open = measure(emulator, 'onOpen');
    rows.push([n, setup.reads, setup.writes, setup.modelledMs, check.reads, check.writes, check.dateLookups, check.modelledMs, open.reads, open.writes, open.modelledMs]);
  }
  table('Set-up (second run), Check data and opening the sheet (menu + Goals progress): service calls as tracking rows grow (flat = good)',
    ['tracking rows', 'setup reads', 'setup writes', 'setup ms*', 'check reads', 'check writes', 'check date look-ups†', 'check ms*', 'open reads', 'open writes', 'open ms*'], rows);
  console.log('* modelled Apps Script time in the emulator (per-call latency model), not wall time');
  console.log('† Utilities.formatDate for the time zone: the zone\'s offset on 1 January and 1 July of each half-year the');
  console.log('  data spans (plus a bisection where they differ), found once per run: never per row nor per distinct day');
}
