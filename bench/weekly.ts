// The weekly loop: a My week check-in, a progress-history append and opening a sheet with a Dashboard, as the
// sheet grows. Service calls from the built bundle in the emulator.
import { readFileSync } from 'node:fs';
import { Emulator } from '../src/node/emulator';
import { BUNDLE_PATH, addTrackingRows, measure, table } from './common';

function example(userEmail = 'director@example.com'): Emulator {
  const emulator = new Emulator({ now: new Date('2023-07-28T09:00:00+08:00'), userEmail });
  emulator.loadBundle(readFileSync(BUNDLE_PATH, 'utf8'));
  emulator.call('menuSetupSheets');
  emulator.call('menuLoadExample');
  return emulator;
}

/** Service calls of one server function called with arguments (as google.script.run calls it). */
function measureCall(emulator: Emulator, fn: string, ...args: unknown[]): { reads: number; writes: number; setValues: number } {
  emulator.calls.reset();
  emulator.call(fn, ...args);
  const sheetCall = (key: string): boolean => !/^(Ui|Menu|HtmlService|HtmlOutput|Utilities)\./.test(key);
  const writes = emulator.calls.writes(sheetCall);
  return { reads: emulator.calls.total(sheetCall) - writes, writes, setValues: emulator.calls.count('Range.setValues') };
}

/** Fills the progress history with n earlier snapshot rows (one write, before measuring). */
function addHistoryRows(emulator: Emulator, n: number): void {
  const sheet = emulator.spreadsheet.getSheetByName('Progress history')!;
  const monday = new Date('2023-07-17T00:00:00+08:00');
  const rows = Array.from({ length: n }, (_, i) => [monday, monday, '2023 Q3', `Metric ${i % 40}`, '', 100, i % 100, 50, 0.5, 'Off target', monday]);
  // Headroom, as an append leaves it (it grows the tab a thousand rows at a time).
  if (sheet.getMaxRows() < n + 1001) sheet.insertRowsAfter(sheet.getMaxRows(), n + 1001 - sheet.getMaxRows());
  if (n > 0) sheet.getRange(2, 1, n, rows[0]!.length).setValues(rows);
}

export async function benchWeekly(): Promise<void> {
  const checkIn: (string | number)[][] = [];
  for (const n of [10, 1_000, 10_000]) {
    const emulator = example('wang@example.com');
    addTrackingRows(emulator, n);
    const load = measureCall(emulator, 'myWeekLoad', { owner: 'Wang*' });
    const view = emulator.call('myWeekLoad', { owner: 'Wang*' }) as { tasks: { row: number; key: string; values: { problem: string } }[]; weekly: { row: number | null; key: string; channel: string }[] };
    const task = view.tasks[0]!;
    const save = measureCall(emulator, 'myWeekSave', {
      owner: 'Wang*', week: '2023-07-24',
      tasks: [{ row: task.row, key: task.key, changes: { problem: { from: task.values.problem, to: 'Two customers on hold' } } }],
      weekly: view.weekly.slice(0, 2).map((w, i) => ({ row: w.row, key: w.key, channel: w.channel, changes: { visits: { from: w.row === null ? '' : '16', to: String(20 + i) } } })),
    });
    checkIn.push([n, load.reads, load.writes, save.reads, save.writes, save.setValues]);
  }
  table('My week check-in (myWeekLoad, then myWeekSave of 1 task and 2 weekly rows): service calls as tracking rows grow (flat = good)',
    ['tracking rows', 'load reads', 'load writes', 'save reads', 'save writes', 'save setValues'], checkIn);

  const history: (string | number)[][] = [];
  for (const n of [10, 10_000]) {
    const emulator = example();
    addHistoryRows(emulator, n);
    const sheet = emulator.spreadsheet.getSheetByName('Progress history')!;
    const before = sheet.getLastRow();
    // Writes that land on the history tab, counted by wrapping the emulator's Range writes for this run.
    const proto = Object.getPrototypeOf(sheet.getRange(1, 1)) as { setValues: (...a: unknown[]) => unknown; sheet?: unknown };
    const original = proto.setValues;
    let onHistory = 0;
    proto.setValues = function (this: { sheet: unknown }, ...a: unknown[]) {
      if (this.sheet === sheet) onHistory++;
      return original.apply(this, a);
    };
    const run = measure(emulator, 'menuCheckData');
    proto.setValues = original;
    history.push([n, sheet.getLastRow() - before, onHistory, run.reads, run.writes]);
  }
  table('Progress history append (during Check data): writes to the history tab at 10 and 10,000 history rows (one = good)',
    ['history rows', 'rows appended', 'writes to the tab', 'Check data reads', 'Check data writes'], history);

  const open: (string | number)[][] = [];
  for (const dashboard of [true, false]) {
    const emulator = example();
    if (!dashboard) emulator.spreadsheet.deleteSheet(emulator.spreadsheet.getSheetByName('Dashboard')!);
    const sheet = emulator.spreadsheet.getSheetByName('Dashboard');
    const formulas = sheet ? sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getFormulas().flat().filter((f) => f !== '') : [];
    const custom = formulas.filter((f) => /ACHIEVEMENT_RATE|ROI\(/.test(f)).length;
    const run = measure(emulator, 'onOpen');
    open.push([dashboard ? 'with the Dashboard' : 'without it', formulas.length, custom, run.reads, run.writes]);
  }
  table('Opening the sheet (onOpen) with and without the Dashboard: its formulas are built-ins, recalculated by Sheets with no script run',
    ['sheet', 'Dashboard formulas', 'custom-function calls in them', 'open reads', 'open writes'], open);
}
