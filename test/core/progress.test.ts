import { exampleGrids } from '../../src/core/example';
import { readWorkbook } from '../../src/core/model';
import { planProgress } from '../../src/core/progress';
import { tabSpec } from '../../src/core/schema';
import { CellValue, dayFromIso, utcDayOf } from '../../src/core/values';

/** The example as set-up leaves it: Goals with its progress columns (the last six), still empty. */
function example(lang: 'en' | 'zh-CN') {
  const raw = exampleGrids(lang);
  expect(raw.goals![0]!.length).toBe(tabSpec('goals').columns.length);
  return raw;
}

const at = (iso: string) => ({ today: dayFromIso(iso), dayOf: utcDayOf });

describe('Goals progress columns', () => {
  it('fill each cycle target with its progress against what is expected by today (2023-07-28)', () => {
    const raw = example('en');
    const time = at('2023-07-28');
    const writes = planProgress(readWorkbook(raw, time), raw, time.today, 'en');
    expect(writes).toHaveLength(1);
    const [write] = writes;
    expect([write!.tab, write!.row, write!.column]).toEqual(['goals', 2, 6]);
    const rows = write!.values;
    // New customers (row 2): 10 signed in the weeks to 28 July; 15 × 28/31 expected from the monthly targets.
    expect(rows[0]!.slice(0, 2)).toEqual([10, 13.55]);
    expect(rows[0]![2] as number).toBeCloseTo(10 / (15 * 28 / 31), 10);
    expect(rows[0]!.slice(3)).toEqual(['Off track', 32.86, 4.38]);
    // Monthly rows (3-5) stay blank.
    expect(rows.slice(1, 4).every((r) => r.every((v) => v === ''))).toBe(true);
    // Revenue (row 6): 48 against 200 × 28/92 pro rata; visits (row 7) ahead.
    expect(rows[4]!.slice(0, 2)).toEqual([48, 60.87]);
    expect(rows[4]![3]).toBe('Off track');
    expect(rows[5]![3]).toBe('On track');
    // Lead conversion (row 8) is derived from the Weekly log: 10 new customers of 120 leads so far, against 15% as it stands.
    expect(rows[6]!.slice(0, 2)).toEqual(['8.3%', '15%']);
    expect(rows[6]![2] as number).toBeCloseTo((10 / 120) / 0.15, 10);
    expect(rows[6]![3]).toBe('Off track');
  });

  it('writes nothing when the sheet already shows today\'s figures', () => {
    const raw = example('zh-CN');
    const time = at('2023-07-28');
    const [write] = planProgress(readWorkbook(raw, time), raw, time.today, 'zh-CN');
    write!.values.forEach((values, i) => values.forEach((v, j) => { raw.goals![i + 1]![write!.column - 1 + j] = v as CellValue; }));
    expect(planProgress(readWorkbook(raw, time), raw, time.today, 'zh-CN')).toEqual([]);
    expect(write!.values[0]![3]).toBe('进度落后');
  });

  it('needs the progress columns: a sheet without them gets no writes', () => {
    const raw = exampleGrids('en');
    const kept = tabSpec('goals').columns.filter((c) => !c.computed).length;
    raw.goals = raw.goals!.map((row) => row.slice(0, kept));
    const time = at('2023-07-28');
    expect(planProgress(readWorkbook(raw, time), raw, time.today, 'en')).toEqual([]);
  });
});
