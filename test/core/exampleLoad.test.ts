import { planExampleLoad } from '../../src/core/exampleLoad';
import { Lang, pick } from '../../src/core/i18n';
import { TABS, TabKey, tabSpec } from '../../src/core/schema';
import { CellValue, Day, isoFromDay } from '../../src/core/values';

/** A freshly set-up workbook: headers in the sheet language, Settings with its labels and defaults. */
function emptyWorkbook(lang: Lang, reorder = false): Partial<Record<TabKey, CellValue[][]>> {
  const raw: Partial<Record<TabKey, CellValue[][]>> = {};
  for (const spec of TABS) {
    const header = spec.columns.map((c) => pick(c.header, lang));
    raw[spec.key] = [reorder ? [...header].reverse() : header];
  }
  raw.settings = [tabSpec('settings').columns.map((c) => pick(c.header, lang)), ...['Team', 'Cycle', 'Cycle start', 'Reminder hour'].map((label) => [label, label === 'Reminder hour' ? 9 : '', ''])];
  return raw;
}

const asDate = (day: Day): CellValue => `DATE(${isoFromDay(day)})`;

describe('Load example data, as a plan', () => {
  it('writes the example under the headers wherever they are, skipping the formula columns', () => {
    const plan = planExampleLoad(emptyWorkbook('en', true), 'en', asDate);
    if (!('writes' in plan)) throw new Error('refused');
    const evaluation = plan.writes.filter((w) => w.tab === 'evaluation');
    const header = [...tabSpec('evaluation').columns.map((c) => c.header.en)].reverse();
    // Reversed: Analysis, Status, Achievement, Actual, ... → Analysis alone, then Actual..Dimension.
    expect(evaluation.map((w) => [w.column, w.values[0]!.length])).toEqual([[1, 1], [4, 6]]);
    expect(evaluation[1]!.values[0]![header.indexOf('Actual') - 3]).toBe(45);
    const tracking = plan.writes.find((w) => w.tab === 'tracking')!;
    const trackingHeader = [...tabSpec('tracking').columns.map((c) => c.header.en)].reverse();
    expect(tracking.values[0]![trackingHeader.indexOf('Planned date')]).toBe('DATE(2023-07-03)');
    expect(tracking.values[1]![trackingHeader.indexOf('Planned date')]).toBe('2023-07-10-12'); // a range stays text
    const settings = plan.writes.find((w) => w.tab === 'settings')!;
    expect(settings.values).toEqual([['East China sales team'], ['2023 Q3'], ['DATE(2023-07-01)'], [9]]);
  });

  it.each<[TabKey, number, number, CellValue]>([
    ['team', 1, 0, 'Chen'],
    ['tracking', 1, 1, 'Call back'],
    ['settings', 1, 1, 'My team'],
  ])('refuses when %s already holds typed data', (tab, row, column, value) => {
    const raw = emptyWorkbook('zh-CN');
    const grid = raw[tab]!;
    while (grid.length <= row) grid.push([]);
    grid[row]![column] = value;
    expect(planExampleLoad(raw, 'zh-CN', asDate)).toEqual({ busy: [tab] });
  });

  it('does not count a default setting or a template formula result as data', () => {
    const raw = emptyWorkbook('en');
    raw.evaluation!.push(['', '', '', '', '', '', '', '', '']);
    expect('writes' in planExampleLoad(raw, 'en', asDate)).toBe(true);
  });
});
