import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Emulator, EmulatorOptions } from '../../src/node/emulator';

export const BUNDLE = join(__dirname, '..', '..', 'dist', 'Code.js');

/** A fresh emulator running the built bundle, its clock inside the example cycle (Friday 2023-07-28, 09:00 Shanghai). */
export function bundleEmulator(opts: EmulatorOptions = {}): Emulator {
  const emulator = new Emulator({ now: new Date('2023-07-28T09:00:00+08:00'), ...opts });
  emulator.loadBundle(readFileSync(BUNDLE, 'utf8'));
  return emulator;
}

/** Every sheet as a grid of values (what a person sees typed or computed). */
export function snapshot(emulator: Emulator): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const sheet of emulator.spreadsheet.getSheets()) {
    const rows = sheet.getLastRow();
    const columns = sheet.getLastColumn();
    out[sheet.getName()] = rows && columns ? sheet.getRange(1, 1, rows, columns).getValues() : [];
  }
  return out;
}
