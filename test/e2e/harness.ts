import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Emulator, EmulatorOptions, EmulatorSnapshot } from '../../src/node/emulator';
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

/**
 * The built bundle with the sheets set up and the worked example loaded, the slow way: set-up and the example run
 * in this emulator. For the tests that count or time set-up's own calls; others use exampleEmulator.
 */
export function setUpExample(opts: EmulatorOptions = {}): Emulator {
  const emulator = bundleEmulator(opts);
  emulator.call('menuSetupSheets');
  emulator.call('menuLoadExample');
  return emulator;
}

/**
 * The state setUpExample leaves, per set of options. Jest gives each test file its own module registry, so this
 * cache lives as long as one test file: each file sets up once per set of options instead of once per test.
 */
const exampleSnapshots = new Map<string, EmulatorSnapshot>();

/** Every option, as one key: any option may change what set-up does (clock, users, language, zone, bounds …). */
function optionsKey(opts: EmulatorOptions): string {
  const now = opts.now ?? new Date('2023-07-28T09:00:00+08:00');
  const entries = Object.entries({ ...opts, now: now.toISOString() }).filter(([, v]) => v !== undefined);
  return JSON.stringify(entries.sort(([a], [b]) => a.localeCompare(b)));
}

/** The snapshot of setUpExample(opts), made once per test file and set of options. */
export function exampleSnapshot(opts: EmulatorOptions = {}): EmulatorSnapshot {
  const key = optionsKey(opts);
  let cached = exampleSnapshots.get(key);
  if (!cached) {
    cached = setUpExample(opts).snapshot();
    exampleSnapshots.set(key, cached);
  }
  return cached;
}

/**
 * The built bundle with the sheets set up and the worked example loaded: a new emulator restored from the snapshot
 * of that state (Emulator.snapshot; test/e2e/snapshot.test.ts proves it the same as setUpExample's), its bundle
 * loaded afresh and its call counters at zero.
 */
export function exampleEmulator(opts: EmulatorOptions = {}): Emulator {
  return exampleSnapshot(opts).restore();
}

/** What the sheet's formulas show, with the bundle's own custom functions run as Sheets runs them (CUSTOM_FUNCTION mode). */
export function formulaReader(emulator: Emulator): FormulaReader {
  return emulator.recalculate();
}
