import { addTrackingRows, exampleEmulator, measure, table } from './common';

/** Start next cycle on the example plus generated tracking rows: service calls should not grow with the rows. */
export async function benchRollover(): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const n of [10, 1_000, 10_000]) {
    const emulator = exampleEmulator(new Date('2023-10-02T09:00:00+08:00'));
    addTrackingRows(emulator, n);
    emulator.ui.respondNextAlert('YES');
    const wall = process.hrtime.bigint();
    const run = measure(emulator, 'menuStartNextCycle');
    const ms = Number(process.hrtime.bigint() - wall) / 1e6;
    const setValues = emulator.calls.count('Range.setValues');
    const carried = emulator.spreadsheet.getSheetByName('Tracking')!.getLastRow() - 1;
    rows.push([n, carried, run.reads, run.writes, setValues, run.total, run.modelledMs, ms.toFixed(0)]);
  }
  table('Start next cycle: service calls as tracking rows grow (flat = good)',
    ['tracking rows', 'carried', 'reads', 'writes', 'setValues', 'total', 'modelled ms*', 'wall ms'], rows);
  console.log('* modelled Apps Script time in the emulator (per-call latency model), not wall time');
}
