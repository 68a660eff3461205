import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Emulator } from '../src/node/emulator';

export const BUNDLE_PATH = join(__dirname, '..', 'dist', 'Code.js');

/** The built bundle in a fresh emulator, set up and filled with the example, clock inside the cycle. */
export function exampleEmulator(now = new Date('2023-07-28T09:00:00+08:00')): Emulator {
  const emulator = new Emulator({ now });
  emulator.loadBundle(readFileSync(BUNDLE_PATH, 'utf8'));
  emulator.call('menuSetupSheets');
  emulator.call('menuLoadExample');
  return emulator;
}

/**
 * Appends n generated tracking rows (one write) so service calls can be compared as rows grow. Dates are
 * real Date cells, and every Updated stamp is a distinct instant, as onEdit leaves them.
 */
export function addTrackingRows(emulator: Emulator, n: number): void {
  const sheet = emulator.spreadsheet.getSheetByName('Tracking')!;
  const start = Date.parse('2023-06-30T16:00:00Z'); // 2023-07-01 00:00 in Shanghai
  const rows = Array.from({ length: n }, (_, i) => [
    'Execute', `Generated task ${i + 1}`, ['Zhang*', 'Li*', 'Wang*'][i % 3]!, new Date(start + (i % 92) * 86_400_000),
    i % 4 === 0 ? 'Done' : 'In progress', '', '', '', '', '', 'Weekly', new Date(start + ((i * 7_919_000) % (27 * 86_400_000))),
  ]);
  if (n === 0) return;
  const first = sheet.getLastRow() + 1;
  if (first + n - 1 > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), first + n - 1 - sheet.getMaxRows());
  sheet.getRange(first, 1, n, rows[0]!.length).setValues(rows);
}

/** Service calls of one entry point: reads, writes, total, and the emulator's modelled time. */
export function measure(emulator: Emulator, fn: string): { reads: number; writes: number; total: number; dateLookups: number; modelledMs: number } {
  emulator.calls.reset();
  emulator.call(fn);
  // Menus, alerts and dialogs are not reads or writes of the spreadsheet; time-zone look-ups are counted apart.
  const sheetCall = (key: string): boolean => !/^(Ui|Menu|HtmlService|HtmlOutput|Utilities)\./.test(key);
  const total = emulator.calls.total(sheetCall);
  const writes = emulator.calls.writes(sheetCall);
  const dateLookups = emulator.calls.count('Utilities.formatDate');
  return { reads: total - writes, writes, total, dateLookups, modelledMs: Math.round(emulator.modelledMs()) };
}

export function table(title: string, header: string[], rows: (string | number)[][]): void {
  console.log(`\n${title}`);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: (string | number)[]): string => cells.map((c, i) => String(c).padStart(widths[i]!)).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

/** Replaces the Evaluation rows with n generated metrics (one write), target 100 and actuals 50–149. */
export function setMetrics(emulator: Emulator, n: number): void {
  const sheet = emulator.spreadsheet.getSheetByName('Evaluation')!;
  const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!.map(String);
  const dimensions = ['Result', 'Process', 'Customer feedback', 'Input-output'];
  const rows = Array.from({ length: n }, (_, i) => header.map((h) => {
    switch (h) {
      case 'Dimension': return dimensions[i % dimensions.length]!;
      case 'Metric': return `Metric ${i + 1}`;
      case 'Unit': return 'units';
      case 'Direction': return 'Higher';
      case 'Target': return 100;
      case 'Actual': return 50 + (i % 100);
      case 'Analysis': return `Reason ${i + 1}`;
      default: return '';
    }
  }));
  const dataRows = Math.max(sheet.getLastRow() - 1, 0);
  const analysis = header.indexOf('Analysis');
  // Keep the formula columns as set-up wrote them: write the plain columns only (Dimension … Actual, Analysis).
  const plain = header.indexOf('Actual') + 1;
  if (dataRows > 0) sheet.getRange(2, 1, dataRows, plain).setValues(Array.from({ length: dataRows }, () => new Array(plain).fill('')));
  sheet.getRange(2, 1, n, plain).setValues(rows.map((r) => r.slice(0, plain)));
  sheet.getRange(2, analysis + 1, n, 1).setValues(rows.map((r) => [r[analysis]!]));
}
