import fc from 'fast-check';
import { MAX_RATE } from '../../src/core/metrics';
import { readWorkbook } from '../../src/core/model';
import { RegionFigures, RegionInput, RegionMetric, moneyFactor, regionFigures, rollUp } from '../../src/core/rollup';
import { feedRows, readFeed } from '../../src/core/rollupFeed';
import { rollupJson } from '../../src/core/rollupJson';
import { buildRollupReport, renderRollupSummary } from '../../src/core/rollupReport';
import { dayFromIso, utcDayOf } from '../../src/core/values';
import { CHINA } from '../../src/core/workCalendar';
import { AFTER_CYCLE, exampleRaw } from './reportFixture';

const d = dayFromIso;
const OPTIONS = { today: d('2023-09-30'), cycle: '', currencyUnit: '', atRiskThreshold: 0.8 };

function metric(metric: string, key: RegionMetric['metricKey'], target: number | null, actual: number | null, extra: Partial<RegionMetric> = {}): RegionMetric {
  const achievement = target !== null && actual !== null && target !== 0 ? actual / target : null;
  return { metric, metricKey: key, dimension: 'result', unit: '', direction: 'higher', kind: 'number', target, actual, achievement, status: 'no_data', ...extra };
}

function region(name: string, extra: Partial<RegionFigures> = {}): RegionFigures {
  return {
    region: name, team: `${name} team`, cycle: '2023 Q3', cycleStart: '2023-07-01', cycleEnd: '2023-09-30', asOf: '2023-09-30',
    currencyUnit: '万元', workCalendar: 'none', metrics: [], inputOutput: { totalCost: null, revenue: null, budget: null, newCustomers: null },
    weekly: { visits: null, leads: null, newCustomers: null, revenue: null, cost: null, eventParticipants: null },
    tasks: { total: 0, done: 0, open: 0, overdue: 0 }, problems: { errors: 0, warnings: 0 }, lastCheckIn: '2023-09-28', ...extra,
  };
}

const input = (figures: RegionFigures | null, row: number, extra: Partial<RegionInput> = {}): RegionInput =>
  ({ name: figures?.region ?? `Region ${row}`, source: `r${row}.xlsx`, owner: '', row, figures, ...extra });

describe('totals are recomputed from sums, never averaged', () => {
  it('sums counts and money, then divides: 45/50 and 60/50 are 105/100 = 105%, not the mean of 90% and 120%', () => {
    const east = region('East', { metrics: [metric('New customers', 'new_customers', 50, 45)] });
    const south = region('South', { metrics: [metric('新增客户数', 'new_customers', 50, 60)] });
    const r = rollUp([input(east, 1), input(south, 2)], OPTIONS);
    const total = r.total.metrics[0]!;
    expect([total.target, total.actual, total.achievement]).toEqual([100, 105, 1.05]);
    expect(total.regions).toEqual(['East', 'South']);
    // Different sizes: 10/20 and 90/100 are 100/120, not (50% + 90%) / 2 = 70%.
    const small = region('Small', { metrics: [metric('New customers', 'new_customers', 20, 10)] });
    const big = region('Big', { metrics: [metric('New customers', 'new_customers', 100, 90)] });
    expect(rollUp([input(small, 1), input(big, 2)], OPTIONS).total.metrics[0]!.achievement).toBeCloseTo(100 / 120, 12);
  });

  it('property: a summed metric\'s total achievement is Σ actual ÷ Σ target over the regions that have both', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ target: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: null }), actual: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }) }), { minLength: 1, maxLength: 12 }),
      (list) => {
        const inputs = list.map((x, i) => input(region(`R${i}`, { metrics: [metric('Visits', 'visits', x.target, x.actual)] }), i + 1));
        const total = rollUp(inputs, OPTIONS).total.metrics[0]!;
        const both = list.filter((x) => x.target !== null && x.actual !== null);
        if (both.length === 0) {
          expect(total.achievement).toBeNull();
          expect(total.noTotal).toBe('no_regions');
          return;
        }
        const t = both.reduce((s, x) => s + x.target!, 0);
        const a = both.reduce((s, x) => s + x.actual!, 0);
        expect(total.target).toBe(t);
        expect(total.actual).toBe(a);
        // Beyond 100,000% a rate is no figure (metrics.MAX_RATE): a unit typed wrong, never a result.
        if (a / t > MAX_RATE) expect(total.achievement).toBeNull();
        else expect(total.achievement).toBeCloseTo(a / t, 12);
        expect(total.missing).toHaveLength(list.length - both.length);
      },
    ));
  });

  it('a conversion rate is the customers it implies over the leads: 12% of 375 and 20% of 125 are 70/500 = 14%', () => {
    const east = region('East', { metrics: [metric('Lead conversion rate', 'lead_conversion', 0.15, 0.12, { kind: 'percent', unit: '%' })], weekly: { ...region('x').weekly, leads: 375 } });
    const south = region('South', { metrics: [metric('线索转化率', 'lead_conversion', 0.15, 0.2, { kind: 'percent', unit: '%' })], weekly: { ...region('x').weekly, leads: 125 } });
    const total = rollUp([input(east, 1), input(south, 2)], OPTIONS).total.metrics[0]!;
    expect(total.actual).toBeCloseTo((0.12 * 375 + 0.2 * 125) / 500, 12);
    expect(total.actual).toBeCloseTo(0.14, 12);
    expect(total.target).toBeCloseTo(0.15, 12);
    expect(total.actual).not.toBeCloseTo((0.12 + 0.2) / 2, 3);
  });

  it('the input-output ratio is total revenue ÷ total cost (215/28 and 100/50 are 315/78 = 1:4)', () => {
    const east = region('East', { inputOutput: { totalCost: 28, revenue: 215, budget: 30, newCustomers: 45 } });
    const south = region('South', { inputOutput: { totalCost: 50, revenue: 100, budget: 40, newCustomers: 20 } });
    const io = rollUp([input(east, 1), input(south, 2)], OPTIONS).total.inputOutput;
    expect(io.revenue).toBe(315);
    expect(io.totalCost).toBe(78);
    expect(io.ratio).toBeCloseTo(315 / 78, 12);
    expect(io.ratioLabel).toBe('1:4');
    expect(io.netRoi).toBeCloseTo((315 - 78) / 78, 12);
    expect(io.acquisitionCost).toBeCloseTo(78 / 65, 12);
  });

  it('a rate without its counts (satisfaction) has no total, and says why', () => {
    const a = region('A', { metrics: [metric('Customer satisfaction', 'satisfaction', 0.9, 0.92, { kind: 'percent', unit: '%' })] });
    const b = region('B', { metrics: [metric('客户满意度', 'satisfaction', 0.9, 0.8, { kind: 'percent', unit: '%' })] });
    const total = rollUp([input(a, 1), input(b, 2)], OPTIONS).total.metrics[0]!;
    expect(total.achievement).toBeNull();
    expect(total.noTotal).toBe('rate_without_counts');
    expect(total.byRegion.map((x) => x.achievement)).toEqual([0.92 / 0.9, 0.8 / 0.9]);
  });
});

describe('money in one unit', () => {
  it('converts 万元, 元 and 10k CNY, refuses another currency or a blank unit beside a set one', () => {
    expect(moneyFactor('元', '万元')).toEqual({ factor: 0.0001 });
    expect(moneyFactor('10k CNY', '万元')).toEqual({ factor: 1 });
    expect(moneyFactor('万元', '元')).toEqual({ factor: 10_000 });
    expect(moneyFactor('USD', '万元')).toEqual({ reason: 'currency' });
    expect(moneyFactor('', '万元')).toEqual({ reason: 'unit_blank' });
    expect(moneyFactor('', '')).toEqual({ factor: 1 });
  });

  it('adds a region that counts in 元 to one in 万元 correctly (2,150,000元 is 215万元)', () => {
    const east = region('East', {
      currencyUnit: '万元', metrics: [metric('销售额', 'revenue', 200, 215, { unit: '万元' })], inputOutput: { totalCost: 28, revenue: 215, budget: 30, newCustomers: 45 },
    });
    const south = region('South', {
      currencyUnit: '元', metrics: [metric('Revenue', 'revenue', 1_000_000, 1_500_000, { unit: '元' })], inputOutput: { totalCost: 200_000, revenue: 1_500_000, budget: null, newCustomers: 20 },
    });
    const r = rollUp([input(east, 1), input(south, 2)], OPTIONS);
    expect(r.currencyUnit).toBe('万元');
    const revenue = r.total.metrics[0]!;
    expect([revenue.target, revenue.actual]).toEqual([300, 365]);
    expect(r.total.inputOutput.totalCost).toBe(48);
    expect(r.total.inputOutput.revenue).toBe(365);
  });

  it('leaves out, and names, a region whose amounts are in another currency', () => {
    const east = region('East', { metrics: [metric('Revenue', 'revenue', 200, 215, { unit: '万元' })], inputOutput: { totalCost: 28, revenue: 215, budget: 30, newCustomers: 45 } });
    const hk = region('Hong Kong', { currencyUnit: 'USD', metrics: [metric('Revenue', 'revenue', 100, 120, { unit: 'USD' })], inputOutput: { totalCost: 10, revenue: 120, budget: null, newCustomers: 3 } });
    const r = rollUp([input(east, 1), input(hk, 2)], OPTIONS);
    expect(r.total.metrics[0]!.regions).toEqual(['East']);
    expect(r.total.metrics[0]!.missing).toEqual(['Hong Kong']);
    expect(r.total.inputOutput.revenue).toBe(215);
    expect(r.regions[1]!.notes).toContainEqual({ code: 'money', unit: 'USD', expected: '万元', reason: 'currency' });
  });
});

describe('regions that cannot be rolled up', () => {
  it('an unreadable region is named with why, the rest still roll up; another cycle is left out and named', () => {
    const east = region('East', { metrics: [metric('New customers', 'new_customers', 50, 45)] });
    const q4 = region('West', { cycle: '2023 Q4', metrics: [metric('New customers', 'new_customers', 50, 10)] });
    const r = rollUp([input(east, 1), input(null, 2, { name: 'North', unreadable: { code: 'no_access' } }), input(q4, 3)], OPTIONS);
    expect(r.regions.map((x) => [x.name, x.state, x.counted])).toEqual([['East', 'ok', true], ['North', 'unreadable', false], ['West', 'excluded', false]]);
    expect(r.total.metrics[0]!.actual).toBe(45);
    const json = rollupJson(r, 'en', false) as { unreadable: { region: string; reason: string }[]; excluded: { reason: string }[] };
    expect(json.unreadable[0]!.region).toBe('North');
    expect(json.unreadable[0]!.reason).toMatch(/^its sheet cannot be read \(#REF!\): open the hidden Region imports tab and click Allow access/);
    expect(json.excluded[0]!.reason).toBe('its cycle is 2023 Q4, not 2023 Q3: left out of the totals');
    const zh = rollupJson(r, 'zh-CN', false) as { excluded: { reason: string }[] };
    expect(zh.excluded[0]!.reason).toBe('其周期为 2023 Q4，不是 2023 Q3：未计入合计');
  });

  it('flags stale check-ins (in workdays with the China calendar) and regions with errors', () => {
    const asOf = '2023-10-08';
    const fresh = region('Fresh', { lastCheckIn: '2023-09-27', asOf });
    const stale = region('Stale', { lastCheckIn: '2023-09-15', asOf });
    const never = region('Never', { lastCheckIn: null, asOf });
    const broken = region('Broken', { problems: { errors: 3, warnings: 1 }, lastCheckIn: '2023-10-06', asOf });
    const r = rollUp([input(fresh, 1), input(stale, 2), input(never, 3), input(broken, 4)], { ...OPTIONS, today: d('2023-10-08') });
    // 27 September is 11 calendar days before 8 October: stale without a calendar.
    expect(r.regions.map((x) => x.state)).toEqual(['stale', 'stale', 'stale', 'problems']);
    expect(r.regions[3]!.notes).toEqual([{ code: 'problems', errors: 3, warnings: 1 }]);
    // With the China calendar, 28 September to 8 October is 3 workdays: still fresh.
    const calendar = rollUp([input(region('Fresh', { lastCheckIn: '2023-09-28', asOf }), 1)], { ...OPTIONS, today: d('2023-10-08'), calendar: CHINA });
    expect(calendar.regions[0]!.state).toBe('ok');
    const text = rollupJson(rollUp([input(stale, 1)], { ...OPTIONS, today: d('2023-10-08') }), 'en', false) as { regions: { notes: string[] }[] };
    // Figures computed on 30 September, seen on 8 October: also old.
    expect(rollUp([input(region('Old'), 1)], { ...OPTIONS, today: d('2023-10-08') }).regions[0]!.notes).toContainEqual({ code: 'old_figures', asOf: '2023-09-30', days: 8 });
    expect(text.regions[0]!.notes).toEqual(['no check-in for 23 days (last 2023-09-15)']);
  });
});

describe('the worked example through the roll-up', () => {
  const figures = (lang: 'en' | 'zh-CN'): RegionFigures => regionFigures(readWorkbook(exampleRaw(lang), AFTER_CYCLE), AFTER_CYCLE);

  it('a region\'s figures are its report\'s: 90%, 107.5%, 110%, 80%, 1:7.7', () => {
    const f = figures('en');
    expect(f.metrics.map((m) => [m.metricKey, m.achievement])).toEqual([
      ['new_customers', 0.9], ['revenue', 1.075], ['visits', 1.1], ['lead_conversion', expect.closeTo(0.8, 12)], ['total_cost', 30 / 28], ['roi', expect.closeTo(7.7 / 6, 12)], // the typed 1:7.7, as the sheet reads it
    ]);
    expect(f.inputOutput).toEqual({ totalCost: 28, revenue: 215, budget: 30, newCustomers: 45 });
  });

  it('the Roll-up data tab round-trips every figure exactly, in either language', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const f = figures(lang);
      const rows = feedRows(f, lang);
      // As Sheets gives them back through IMPORTRANGE: the apostrophe of a text date is not part of the value.
      const imported = rows.map((r) => r.map((c) => (typeof c === 'string' ? c.replace(/^'/, '') : c)));
      expect(readFeed(imported, { dayOf: utcDayOf })).toEqual({ figures: f });
      // A column moved by a person still reads.
      const moved = imported.map((r) => [...r.slice(3), ...r.slice(0, 3)]);
      expect(readFeed(moved, { dayOf: utcDayOf })).toEqual({ figures: f });
    }
  });

  it('says what is wrong with a feed that is not one', () => {
    expect(readFeed([], { dayOf: utcDayOf })).toEqual({ empty: true });
    expect(readFeed([['Hello']], { dayOf: utcDayOf })).toEqual({ error: { en: 'no "Record" column in its first row', zh: '第一行没有“记录”列' } });
    const rows = feedRows(figures('en'), 'en');
    rows[1]![2] = 99;
    expect(readFeed(rows, { dayOf: utcDayOf })).toMatchObject({ error: { en: expect.stringMatching(/^it was written by another version of the tracker \(format 99, expected 1\)/) } });
  });

  it('two copies of the example double every count and amount and keep every rate', () => {
    const r = rollUp([input(figures('en'), 1), input(figures('zh-CN'), 2)], { ...OPTIONS, today: AFTER_CYCLE.today });
    expect(r.total.metrics.map((m) => [m.metricKey, m.target, m.actual, m.achievement])).toEqual([
      ['new_customers', 100, 90, 0.9], ['revenue', 400, 430, 1.075], ['visits', 400, 440, 1.1],
      ['lead_conversion', expect.closeTo(0.15, 12), expect.closeTo(0.12, 12), expect.closeTo(0.8, 12)], ['total_cost', 60, 56, 60 / 56],
      // Each region's typed 1:7.7 (weighted by its cost); the input-output figures are 430 ÷ 56.
      ['roi', 6, expect.closeTo(7.7, 12), expect.closeTo(7.7 / 6, 12)],
    ]);
    expect(r.total.inputOutput.ratioLabel).toBe('1:7.7');
  });

  it('writes the report and the managers\' summary in both languages', () => {
    const r = rollUp([input(figures('en'), 1), input(null, 2, { name: 'North China', unreadable: { code: 'loading' } })], { ...OPTIONS, today: AFTER_CYCLE.today });
    const en = buildRollupReport(r, { name: 'China', workdays: false }, 'en');
    expect(en.documentName).toBe('2023 Q3 China — regional roll-up');
    const zh = buildRollupReport(r, { name: '中国', workdays: false }, 'zh-CN');
    expect(zh.documentName).toBe('2023 Q3 中国 — 区域汇总报告');
    expect(zh.sections.map((s) => s.title)).toEqual(['总体概述', '各区域情况', '分区域指标', '分区域投入产出', '需关注事项', '合计口径说明']);
    const attention = zh.sections[4]!.blocks.map((b) => (b.kind === 'paragraph' ? b.text : ''));
    expect(attention).toEqual(['East China（未及时更新）：已 13 天未更新（上次 2023-09-25）', 'North China（无法读取）：数据仍在加载：请稍后再次刷新']);
    const mail = renderRollupSummary(r, { name: 'China', workdays: false }, 'en', 'https://docs.google.com/spreadsheets/d/x/edit');
    expect(mail.subject).toBe('[China] Regional roll-up, 2023 Q3, 2023-10-08');
    expect(mail.text).toContain('China: 1 of 2 regions, cycle 2023 Q3, figures as of 2023-10-08.');
    expect(mail.text).toContain('- North China (Cannot be read): its data is still loading: refresh again in a minute');
    expect(mail.html).toContain('<a href="https://docs.google.com/spreadsheets/d/x/edit">Open the roll-up</a>');
  });
});
