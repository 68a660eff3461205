import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Emulator, EmulatorOptions } from '../../src/node/emulator';
import { FormulaReader } from '../../src/node/emulator/formulas';

export const BUNDLE = join(__dirname, '..', '..', 'dist', 'Code.js');
export const MANIFEST = join(__dirname, '..', '..', 'dist', 'appsscript.json');

/**
 * A fresh emulator running the built bundle under its manifest (users can grant only the scopes it asks
 * for), its clock inside the example cycle (Friday 2023-07-28, 09:00 Shanghai).
 */
export function bundleEmulator(opts: EmulatorOptions = {}): Emulator {
  const emulator = new Emulator({ now: new Date('2023-07-28T09:00:00+08:00'), ...opts });
  emulator.loadManifest(JSON.parse(readFileSync(MANIFEST, 'utf8')));
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

/** The built bundle with the sheets set up and the worked example loaded. */
export function exampleEmulator(opts: EmulatorOptions = {}): Emulator {
  const emulator = bundleEmulator(opts);
  emulator.call('menuSetupSheets');
  emulator.call('menuLoadExample');
  return emulator;
}

/** What the sheet's formulas show, with the bundle's own custom functions run as Sheets runs them (CUSTOM_FUNCTION mode). */
export function formulaReader(emulator: Emulator): FormulaReader {
  return emulator.recalculate();
}
