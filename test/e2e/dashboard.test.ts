/**
 * The Dashboard (看板): created and repaired by Set up, formulas only (built-in functions), evaluated here by
 * HyperFormula as Google Sheets would, on the worked example.
 */
import { Emulator } from '../../src/node/emulator';
import { exampleEmulator, formulaReader } from './harness';

const round = (v: unknown, digits = 4): unknown => (typeof v === 'number' ? Math.round(v * 10 ** digits) / 10 ** digits : v);

/** A date cell as its ISO day (formulas give serial numbers), blank as blank. */
const isoOf = (v: unknown): unknown => (typeof v === 'number' ? new Date(Math.round((v - 25569) * 86_400_000)).toISOString().slice(0, 10) : v);

function tiles(emulator: Emulator): Record<string, unknown[]> {
  const reader = formulaReader(emulator);
  expect(reader.errors()).toEqual([]);
  const grid = reader.values('Dashboard', 'A1:I12');
  const out: Record<string, unknown[]> = {};
  for (const row of grid.slice(6)) if (row[0] !== '') out[String(row[0])] = row.slice(1).map((v) => round(v));
  return out;
}

describe('Dashboard (built bundle)', () => {
  afterEach(() => jest.useRealTimers());

  it('reads the seed figures after the cycle: 90%, 107.5%, 110%, 80%, under budget, 1:7.7', () => {
    jest.useFakeTimers({ now: new Date('2023-10-08T10:00:00+08:00'), doNotFake: ['setTimeout', 'setImmediate', 'setInterval', 'nextTick', 'queueMicrotask'] });
    // TODAY() in the formulas is the emulator's date (test/e2e/harness.formulaReader).
    const emulator = exampleEmulator({ now: new Date('2023-10-08T10:00:00+08:00') });
    expect(emulator.spreadsheet.getSheets()[0]!.getName()).toBe('Dashboard');
    const t = tiles(emulator);
    // After the cycle a target is met or missed.
    expect(t['New customers']!.slice(0, 4)).toEqual([50, 45, 0.9, 'Missed']);
    expect(t['East China revenue']!.slice(0, 4)).toEqual([200, 215, 1.075, 'Met']);
    expect(t['Customer visits']!.slice(0, 4)).toEqual([200, 220, 1.1, 'Met']);
    expect(t['Lead conversion rate']!.slice(0, 4)).toEqual([0.15, 0.12, 0.8, 'Missed']);
    expect(t['Total expansion cost']!.slice(0, 4)).toEqual([30, 28, 1.0714, 'Met']);
    // The ratio is revenue ÷ cost recomputed (215/28), against the typed target 1:6 (not read as a time of day).
    expect(t['Input-output ratio (ROI)']!.slice(0, 3)).toEqual([6, 7.6786, 1.2798]);
    expect(t['New customers']![7]).toBe('▇▇▇▇▇▇▇▇▇▁');
    // Progress by owner: the team targets each owner answers for (the Goals tab's own figures), and open tasks.
    const owners = formulaReader(emulator).values('Dashboard', 'A40:K60').map((r) => r.map((v) => round(v, 3)))
      .filter((r) => ['Zhang*', 'Li*', 'Wang*'].includes(String(r[0])));
    // Overdue: Wang*'s contract follow-up, due on its Next step due (2023-08-10), is not done. No task has an Updated
    // stamp in the example; the last Weekly log is the owner's latest week of the cycle.
    expect(owners.map((r) => r.slice(0, 9))).toEqual([
      ['Wang*', 'New customers (team target)', 50, 45, 50, 0.9, '▇▇▇▇▇▇▇▇▇▁', 1, 1],
      ['Zhang*', 'East China revenue (team target)', 200, 215, 200, 1.075, '▇▇▇▇▇▇▇▇▇▇', 0, 0],
      ['Wang*', 'Customer visits (team target)', 200, 220, 200, 1.1, '▇▇▇▇▇▇▇▇▇▇', '', ''],
    ]);
    expect(owners.map((r) => r.slice(9, 11).map(isoOf))).toEqual([['', '2023-09-25'], ['', '2023-09-18'], ['', '']]);
    // A task shared by two owners cannot be split by a formula: their counts are left blank (never an undercount).
    emulator.spreadsheet.getSheetByName('Tracking')!.appendRow(['Execute', 'Joint visit', 'Zhang*、Wang*', new Date('2023-09-20T00:00:00+08:00'), 'In progress']);
    const after = formulaReader(emulator).values('Dashboard', 'A40:J60').filter((r) => ['Zhang*', 'Wang*'].includes(String(r[0]))).map((r) => r.slice(7, 10));
    expect(after).toEqual([['', '', ''], ['', '', ''], ['', '', '']]);
  });

  it('while the cycle runs, progress is against what is expected by today, and it moves with the Weekly log', () => {
    jest.useFakeTimers({ now: new Date('2023-07-28T10:00:00+08:00'), doNotFake: ['setTimeout', 'setImmediate', 'setInterval', 'nextTick', 'queueMicrotask'] });
    const emulator = exampleEmulator();
    let t = tiles(emulator);
    // 10 new customers by 2023-07-28 against 15 × 28/31 expected (the Goals tab and the summary say the same).
    expect(t['New customers']!.slice(4, 8)).toEqual([10, round(15 * 28 / 31), round(10 / (15 * 28 / 31)), '▇▇▇▇▇▇▇▁▁▁']);
    expect(t['New customers']![3]).toBe('Off track');
    // A person types this week's numbers: the Dashboard follows with no script run.
    emulator.spreadsheet.getSheetByName('Weekly log')!.appendRow([new Date('2023-07-24T00:00:00+08:00'), 'Wang*', 'Online platforms', 4, 6, 4, 9, '', 0, '']);
    t = tiles(emulator);
    expect(t['New customers']!.slice(4, 6)).toEqual([14, round(15 * 28 / 31)]);
    expect(t['New customers']![3]).toBe('On track');

    const reader = formulaReader(emulator);
    const all = reader.values('Dashboard', 'A13:F45').map((row) => row.map((v) => round(v, 3)));
    const find = (label: string): unknown[] => all.find((row) => row[0] === label)!;
    // A month counts every Weekly log row dated in it, as the report's monthly table does (12 + the 4 just typed).
    expect(find('2023-07').slice(1, 4)).toEqual([15, 16, 1.067]);
    expect(find('2023-08').slice(1, 4)).toEqual([18, '', '']); // not started: no bar, never 0
    expect(find('Trade shows').slice(1, 6)).toEqual([10, 18, 0.556, 85, 8.5]);
  });

  it('follows Settings → Pacing as it is typed, with no script run (test/node/dashboard-owners.test.ts: every case)', () => {
    jest.useFakeTimers({ now: new Date('2023-07-28T10:00:00+08:00'), doNotFake: ['setTimeout', 'setImmediate', 'setInterval', 'nextTick', 'queueMicrotask'] });
    const emulator = exampleEmulator();
    const settings = emulator.spreadsheet.getSheetByName('Settings')!;
    const rowOf = (label: string): number => settings.getRange('A:A').getValues().findIndex((r) => r[0] === label) + 1;
    const expectedNewCustomers = (): unknown => round(tiles(emulator)['New customers']![5]);
    expect(expectedNewCustomers()).toBe(round(15 * 28 / 31));
    // Workdays: 20 of July's 21 weekdays have passed by Friday the 28th.
    settings.getRange(rowOf('Pacing'), 2).setValue('Workdays');
    expect(expectedNewCustomers()).toBe(round(15 * 20 / 21));
    settings.getRange(rowOf('Pacing'), 2).setValue('Calendar days');
    expect(expectedNewCustomers()).toBe(round(15 * 28 / 31));
  });

  it('set-up places embedded charts beside the tables; a second set-up changes nothing; a typed cell is kept', () => {
    const emulator = exampleEmulator();
    const sheet = emulator.spreadsheet.getSheetByName('Dashboard')!;
    const charts = sheet.getCharts();
    expect(charts.map((c) => [c.spec.chartType, c.spec.ranges[0]!.a1, c.spec.anchorColumn, c.spec.options.title])).toEqual([
      ['COLUMN', 'A15:C18', 12, 'New customers by month'],
      ['LINE', 'A21:C35', 12, 'Cumulative revenue by week'],
      ['COLUMN', 'A38:B41', 12, 'Costs and acquisition cost by channel'],
    ]);
    // The work calendar's days the formulas read sit in hidden columns T–W.
    expect([19, 20, 23, 24].map((c) => sheet.isColumnHiddenByUser(c))).toEqual([false, true, true, false]);
    emulator.call('menuSetupSheets');
    expect(emulator.ui.alerts.at(-1)!.prompt).toBe('Everything is already set up; nothing was changed.');
    expect(sheet.getCharts()).toHaveLength(3);
    // A note typed over a formula stays; a deleted formula comes back.
    sheet.getRange('B7').setValue('see Q2');
    sheet.getRange('C8').setValue('');
    emulator.call('menuSetupSheets');
    expect(emulator.ui.alerts.at(-1)!.prompt).toBe('Sheets are set up: "Dashboard": updated its formulas; "Dashboard": left 1 typed cell as they are.');
    expect(sheet.getRange('B7').getValue()).toBe('see Q2');
    expect(sheet.getRange('C8').getFormula()).toMatch(/^=IF\(\$A8="","",IF\(/);
  });

  it('a total that would skip a Weekly log or Costs cell is blank, never low: an amount typed with its unit, a Week typed as text', () => {
    const emulator = exampleEmulator();
    const grid = (): unknown[][] => formulaReader(emulator).values('Dashboard', 'A1:K80').map((r) => r.map((v) => (v instanceof Date ? v.getTime() : round(v))));
    const before = grid();
    const weekly = emulator.spreadsheet.getSheetByName('Weekly log')!;
    const headers = weekly.getRange(1, 1, 1, weekly.getLastColumn()).getValues()[0]!;
    const revenue = headers.indexOf('Revenue') + 1;
    const row2 = weekly.getRange(2, 1, 1, headers.length).getValues()[0]!;
    /** The cells that changed since `before`, as [A1 of the cell, what it shows now]. */
    const changed = (): [string, unknown][] => grid().flatMap((r, i) => r.flatMap((v, j): [string, unknown][] =>
      (Object.is(v, before[i]![j]) ? [] : [[`${String.fromCharCode(65 + j)}${i + 1}`, v]])));
    const revenueTile = before.findIndex((r) => r[0] === 'East China revenue') + 1;
    expect(before[revenueTile - 1]!.slice(4, 6)).toEqual(['Off track', 48]);

    // Row 2's revenue, 12 (万元), typed with its unit: SUMIFS would skip it and show 36.
    weekly.getRange(2, revenue).setValue('12万');
    const withUnit = changed();
    expect(withUnit).toContainEqual([`F${revenueTile}`, '']);
    expect(withUnit).toContainEqual([`E${revenueTile}`, 'Check data']);
    // Everything that moved went blank (or says Check data): the weekly revenue totals from that week on, the
    // row's channel, the owner's revenue — and nothing else moved at all.
    expect(withUnit.length).toBeGreaterThan(5);
    expect(withUnit.filter(([, v]) => v !== '' && v !== 'Check data')).toEqual([]);
    weekly.getRange(2, revenue).setValue(12);
    expect(changed()).toEqual([]);

    // A Week that is not a date matches no date criterion: every Weekly log total is blank while it stays.
    weekly.getRange(2, 1).setValue('第1周');
    const textWeek = changed();
    expect(textWeek).toContainEqual([`F${revenueTile}`, '']);
    expect(textWeek.filter(([, v]) => v !== '' && v !== 'Check data')).toEqual([]);
    weekly.getRange(2, 1).setValue(row2[0]);
    expect(changed()).toEqual([]);

    // A Costs amount typed with its unit: the cost by channel is blank, not the sum of the others.
    const costs = emulator.spreadsheet.getSheetByName('Costs')!;
    costs.getRange('C2').setValue('10万');
    const textCost = changed();
    expect(textCost.length).toBeGreaterThan(0);
    expect(textCost.filter(([, v]) => v !== '')).toEqual([]);
  });

  it('on a Chinese sheet it is 看板, in Chinese', () => {
    jest.useFakeTimers({ now: new Date('2023-10-08T10:00:00+08:00'), doNotFake: ['setTimeout', 'setImmediate', 'setInterval', 'nextTick', 'queueMicrotask'] });
    const emulator = exampleEmulator({ locale: 'zh_CN', now: new Date('2023-10-08T10:00:00+08:00') });
    const reader = formulaReader(emulator);
    expect(reader.errors()).toEqual([]);
    expect(reader.value('看板', 'A1')).toBe('看板 — 2023 Q3 华东区域');
    expect(reader.values('看板', 'A6:E7').map((r) => r.map((v) => round(v)))).toEqual([
      ['指标', '目标值', '实际值', '达成率', '状态'], ['新增客户数', 50, 45, 0.9, '未达成'],
    ]);
  });
});
