import { chartWords, statusBarColor } from '../../src/core/chart';
import { readWorkbook } from '../../src/core/model';
import { computeFigures } from '../../src/core/report';
import { costsChart, pacingChart, targetVsActualChart } from '../../src/core/reportCharts';
import { STATUS_COLORS } from '../../src/core/colors';
import { dayFromIso, utcDayOf } from '../../src/core/values';
import { AFTER_CYCLE, exampleRaw } from './reportFixture';

const figuresOf = (lang: 'en' | 'zh-CN', time = AFTER_CYCLE) => {
  const workbook = readWorkbook(exampleRaw(lang), time);
  return { workbook, f: computeFigures(workbook, time) };
};

describe('report charts as models', () => {
  it('target vs actual: % of target, bars coloured by status, a legend entry per status shown', () => {
    const { f } = figuresOf('en');
    const { chart } = targetVsActualChart(f, 'en')!;
    expect(chart.series[1]!.values).toEqual([90, 107.5, 110, 80, 107.1, 128.3]);
    expect(chart.series[1]!.pointLegend!.map((e) => e.name)).toEqual(['Actual: met', 'Actual: missed']);
    expect(chartWords(chart)).toEqual(expect.arrayContaining(['Target vs actual per metric', 'Metric', 'Achievement (% of target)', 'Target']));
  });

  it('the pacing line adds up the Weekly log week by week against the expected pace, nothing after today', () => {
    const { workbook, f } = figuresOf('en');
    const chart = pacingChart(workbook, f, AFTER_CYCLE, 'en')!;
    expect(chart.categories.slice(0, 3)).toEqual(['07-01', '07-03', '07-10']);
    const actual = chart.series.find((s) => s.role === 'actual')!.values;
    const expected = chart.series.find((s) => s.role === 'expected')!.values;
    expect(actual.at(-1)).toBe(45);
    // The week of 07-31 ends on 08-06: July's 15 in full plus 6/31 of August's 18 = 18.5; by the cycle's end all 50.
    expect(expected[chart.categories.indexOf('07-31')]).toBe(18.5);
    expect(expected.at(-1)).toBe(50);
    expect(chart.referenceLine).toEqual({ value: 50, label: 'Cycle target 50' });
    const mid = { today: dayFromIso('2023-07-28'), dayOf: utcDayOf };
    const running = figuresOf('en', mid);
    const partial = pacingChart(running.workbook, running.f, mid, 'en')!.series.find((s) => s.role === 'actual')!.values;
    expect(partial.filter((v) => v !== null)).toHaveLength(5);
  });

  it('costs by channel with the acquisition cost of each channel on a second axis', () => {
    const { workbook, f } = figuresOf('zh-CN');
    const { chart, unattributed } = costsChart(workbook, f, 'zh-CN')!;
    expect(chart.categories).toEqual(['行业展会', '线上获客平台', '合作伙伴转介绍']);
    expect(chart.series.map((s) => s.values)).toEqual([[10, 8, 3], [0.56, 0.62, 0.21]]);
    expect(chart.secondaryAxis).toEqual({ title: '获客成本（万元）' });
    expect(unattributed).toBe(7);
  });

  it('status colours are the sheet\'s status hues, deep enough for a bar', () => {
    for (const status of Object.keys(STATUS_COLORS) as (keyof typeof STATUS_COLORS)[]) {
      const color = statusBarColor(status);
      expect(color).toMatch(/^#[0-9a-f]{6}$/);
      expect(color).not.toBe(STATUS_COLORS[status]);
    }
    expect(statusBarColor('no_data')).toBe('#737373');
  });
});
