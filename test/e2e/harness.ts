import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { achievementRateFormula, pacingFormula, roiFormula, sumAmountsFormula } from '../../src/core/customFunctions';
import { Emulator, EmulatorOptions } from '../../src/node/emulator';
import { zonedParts } from '../../src/node/emulator/format';
import { FormulaReader, evaluateFormulas } from '../../src/node/emulator/formulas';

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

/** The built bundle with the sheets set up and the worked example loaded. */
export function exampleEmulator(opts: EmulatorOptions = {}): Emulator {
  const emulator = bundleEmulator(opts);
  emulator.call('menuSetupSheets');
  emulator.call('menuLoadExample');
  return emulator;
}

/**
 * What the sheet's formulas show, with the project's custom functions as Sheets would run them. TODAY() is the
 * emulator's virtual date in the spreadsheet's time zone, as Sheets computes it (HyperFormula reads Date.now()
 * with the process's local date getters, so Date.now() is pointed at that date's local noon while it evaluates).
 */
export function formulaReader(emulator: Emulator): FormulaReader {
  const { year, month, day } = zonedParts(emulator.clock.now(), emulator.spreadsheet.timeZone);
  const realNow = Date.now;
  Date.now = () => new Date(year, month - 1, day, 12).getTime();
  try {
    return customFormulas(emulator);
  } finally {
    Date.now = realNow;
  }
}

function customFormulas(emulator: Emulator): FormulaReader {
  return evaluateFormulas(emulator.spreadsheet, {
    ACHIEVEMENT_RATE: (a, t, d, u, m, c) => achievementRateFormula(a as never, t as never, d as never, u as never, m as never, c as never),
    PACING: (m, u, d, t, a, c) => pacingFormula(m as never, u as never, d as never, t as never, a as never, c as never),
    SUM_AMOUNTS: (r, u, h) => sumAmountsFormula(r as never, u as never, h as never),
    ROI: (r, c, m) => roiFormula(r as never, c as never, m as never),
  });
}
