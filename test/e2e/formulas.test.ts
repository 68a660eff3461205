/**
 * The sheet's own formulas (set up by the built bundle, evaluated with HyperFormula and the bundle's custom
 * functions, as Sheets runs them) give exactly what the report model gives on the same typed cells: units in the
 * cell, percentages both ways, blanks, bad and huge cells — the same figure and the same status word, or the same
 * "check data" (a custom function's #VALUE text) — and the Costs panel the report's totals.
 */
import { pick } from '../../src/core/i18n';
import { weeklyFunnel } from '../../src/core/derived';
import { readWorkbook } from '../../src/core/model';
import { METRIC_STATUS } from '../../src/core/options';
import { SETTINGS, tabSpec } from '../../src/core/schema';
import { CellValue, dayFromIso, utcDayOf } from '../../src/core/values';
import { CURRENCY, CYCLE, TYPED_ROWS, reportFigures } from '../node/typedCells';
import { bundleEmulator, formulaReader } from './harness';

const TODAY = '2023-07-28'; // the emulator's clock: day 28 of the 92-day cycle

function setUpTyped(): ReturnType<typeof bundleEmulator> {
  const emulator = bundleEmulator();
  emulator.call('menuSetupSheets');
  const settings = emulator.spreadsheet.getSheetByName('Settings')!;
  const set = (key: (typeof SETTINGS)[number]['key'], value: CellValue): void => {
    settings.getRange(SETTINGS.findIndex((s) => s.key === key) + 2, 2).setValue(value);
  };
  set('cycle', '2023 Q3');
  set('cycleStart', new Date(`${CYCLE.start}T00:00:00+08:00`));
  set('cycleEnd', new Date(`${CYCLE.end}T00:00:00+08:00`));
  set('currencyUnit', CURRENCY);
  const evaluation = emulator.spreadsheet.getSheetByName('Evaluation')!;
  const columns = tabSpec('evaluation').columns;
  const rows = TYPED_ROWS.map((r) => columns.filter((c) => !c.formula && c.key !== 'analysis').map((c): CellValue => {
    if (c.key === 'dimension') return 'Result';
    return (r as unknown as Record<string, CellValue>)[c.key] ?? '';
  }));
  // Dimension, Metric, Unit, Direction, Target, Actual: the typed columns, left of the formulas.
  evaluation.getRange(2, 1, rows.length, rows[0]!.length).setValues(rows.map((r) => r.map((v) => (typeof v === 'string' && v !== '' ? `'${v}` : v))));
  return emulator;
}

describe('the Evaluation formulas give the report\'s figures on the same typed cells (2023-07-28)', () => {
  const emulator = setUpTyped();
  const reader = formulaReader(emulator);
  const values = reader.values('Evaluation', `G2:H${TYPED_ROWS.length + 1}`);
  const report = reportFigures('en', dayFromIso(TODAY));
  const label = (key: string): string => pick(METRIC_STATUS.options.find((o) => o.key === key)!.label, 'en');

  test.each(TYPED_ROWS.map((row, i) => [row.what, i] as const))('%s', (_what, i) => {
    const [achievement, status] = values[i]!;
    const core = report[i]!;
    expect(status).toBe(label(core.status));
    if (core.achievement === null) {
      // No figure: blank, or the custom function's #VALUE text naming the cell when it cannot be read.
      if (core.status === 'check_data') expect(String(achievement)).toMatch(/^#VALUE /);
      else expect(achievement).toBe('');
    } else {
      expect(achievement).toEqual(expect.closeTo(core.achievement, 9));
    }
  });

  test('the unit rule reads 215万元 and 2,150,000元 in a 万元 row as 215, 24% against 30 in a % row as 80%', () => {
    expect(values[1]![0]).toBeCloseTo(1.075, 12);
    expect(values[2]![0]).toBeCloseTo(1.075, 12);
    expect(values[4]![0]).toBeCloseTo(0.8, 12);
    expect(values[5]![0]).toBeCloseTo(0.8, 12);
    // "abc" is check data, never On target.
    expect(values[7]).toEqual(['#VALUE "abc"', label('check_data')]);
  });
});

test('the Costs panel adds up amounts typed with units in Settings → Currency unit, as the report does', () => {
  const emulator = setUpTyped();
  const costs = emulator.spreadsheet.getSheetByName('Costs')!;
  costs.getRange(2, 1, 3, 3).setValues([['Marketing', 'Trade shows', "'10万元"], ['Marketing', 'Online', "'8万"], ['Personnel', '', 100000]]);
  // 100000 typed plainly is 100000 万元 — a plain number is in the currency unit; 10万元 and 8万 are 10 and 8.
  const weekly = emulator.spreadsheet.getSheetByName('Weekly log')!;
  weekly.getRange(2, 1, 2, 7).setValues([
    [new Date('2023-07-03T00:00:00+08:00'), 'Wang*', 'Trade shows', 10, 20, 2, "'12万"],
    [new Date('2023-07-10T00:00:00+08:00'), 'Wang*', 'Trade shows', 10, 20, 2, 3],
  ]);
  const reader = formulaReader(emulator);
  const time = { today: dayFromIso(TODAY), dayOf: utcDayOf };
  const raw = Object.fromEntries(['settings', 'evaluation', 'costs', 'weekly'].map((tab) => {
    const sheet = emulator.spreadsheet.getSheetByName(pick(tabSpec(tab as never).name, 'en'))!;
    return [tab, sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getValues()];
  }));
  const funnel = weeklyFunnel(readWorkbook(raw, time)).cycle;
  expect([reader.value('Costs', 'G1'), reader.value('Costs', 'G2')]).toEqual([100018, 15]);
  expect([funnel.cost.value, funnel.revenue.value]).toEqual([100018, 15]);
  expect(reader.value('Costs', 'G4')).toBe('1:0.00015');
  // A count in a money column: the panel says which cell, and the report's total is check data, not a sum without it.
  costs.getRange(4, 3).setValue("'45家");
  const bad = formulaReader(emulator);
  expect(bad.errors().find((e) => e.a1 === 'G1')?.message).toMatch(/"45家" is a count, but this cell is in 万元/);
  const badRaw = { ...raw, costs: costs.getRange(1, 1, costs.getLastRow(), costs.getLastColumn()).getValues() };
  expect(weeklyFunnel(readWorkbook(badRaw, time)).cycle.cost).toMatchObject({ value: null, unreadable: true, unreadableRows: [4] });
});
