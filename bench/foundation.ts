import { addTrackingRows, exampleEmulator, measure, table } from './common';

/** Set-up's second run, Check data and opening the sheet as tracking rows grow (the bundle's own figures: bench/summary.ts). */
export async function benchFoundation(): Promise<void> {
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
