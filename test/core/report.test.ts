import { formatNumber, formatPercent } from '../../src/core/format';
import fc from 'fast-check';
import { Lang, pick } from '../../src/core/i18n';
import { checkWorkbook } from '../../src/core/checks';
import { RawWorkbook, TimeContext, readWorkbook } from '../../src/core/model';
import type { ChartModel } from '../../src/core/chart';
import { CHART_METRICS_SHOWN } from '../../src/core/reportCharts';
import {
  ReportBlock, ReportModel, ReportSection, SECTION_ORDER, SUMMARY_SENTENCES_SHOWN, folderIdFrom,
  hasProjectTabs, reportSummaryJson, versionedName,
} from '../../src/core/report';
import { columnSpec, tabSpec } from '../../src/core/schema';
import { CellValue, dayFromIso, utcDayOf } from '../../src/core/values';
import { AFTER_CYCLE, exampleRaw, reportOf } from './reportFixture';

function chartsOf(section: ReportSection): ChartModel[] {
  return section.blocks.flatMap((b) => (b.kind === 'chart' ? [b.chart] : []));
}

const section = (model: ReportModel, id: ReportSection['id']): ReportSection => {
  const s = model.sections.find((x) => x.id === id);
  if (!s) throw new Error(`no section ${id}`);
  return s;
};

type TableBlock = Extract<ReportBlock, { kind: 'table' }>;
const table = (model: ReportModel, id: string): TableBlock => {
  for (const s of model.sections) for (const b of s.blocks) if (b.kind === 'table' && b.id === id) return b;
  throw new Error(`no table ${id}`);
};
const texts = (b: TableBlock): string[][] => b.rows.map((r) => r.map((c) => c.text));
const pickHeader = (key: string, lang: Lang): string => pick(columnSpec('evaluation', key).header, lang);
const paragraphs = (s: ReportSection): string[] => s.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));

describe('report model — the worked example (East China, 2023 Q3)', () => {
  const en = reportOf('en');
  const zh = reportOf('zh-CN');

  it('names the document <cycle> <region> — <title>, in each language', () => {
    expect(en.documentName).toBe('2023 Q3 East China — Market expansion evaluation report');
    expect(zh.documentName).toBe('2023 Q3 华东区域 — 市场拓展效果评估报告');
    expect(versionedName(en.documentName, 1)).toBe(en.documentName);
    expect(versionedName(en.documentName, 2)).toBe('2023 Q3 East China — Market expansion evaluation report v2');
  });

  it('has every section, in the order DESIGN lists them', () => {
    expect(en.sections.map((s) => s.id)).toEqual(SECTION_ORDER);
    expect(en.sections.map((s) => s.title)).toEqual([
      'Summary', 'Result metrics', 'Process metrics', 'Customer feedback', 'Input and output', 'Target analysis', 'Charts',
      'Trends and comparison', 'Execution summary', 'Resources and escalations', 'Highlights, problems and improvement suggestions',
      'Conclusion and proposals for the next cycle', 'Data-quality notes',
    ]);
    expect(zh.sections.map((s) => s.title)).toEqual([
      '总体概述', '结果指标', '过程指标', '客户反馈', '投入产出评估', '目标达成率分析', '图表', '趋势与对比', '执行情况汇总', '资源协调与上报', '亮点、问题与优化建议',
      '结论与下一周期建议', '数据质量说明',
    ]);
  });

  it('reproduces every figure of the seed evaluation table (90%, 107.5%, 110%, 80%)', () => {
    expect(texts(table(en, 'metrics-result'))).toEqual([
      ['New customers', '50', '45', '90%', 'Missed', "A competitor's August promotion delayed 5 customers' signing"],
      ['East China revenue (10k CNY)', '200', '215', '107.5%', 'Met', 'Key-industry breakthroughs beat expectations: 2 new major accounts'],
    ]);
    expect(texts(table(en, 'metrics-process'))).toEqual([
      ['Customer visits', '200', '220', '110%', 'Met', 'Visited prospects more often to lift conversion'],
      ['Lead conversion rate (%)', '15%', '12%', '80%', 'Missed', 'Over-strict lead screening lost good leads'],
    ]);
    expect(texts(table(zh, 'metrics-result'))[0]).toEqual(['新增客户数（家）', '50', '45', '90%', '未达成', '受竞品8月促销活动影响，5家客户延迟签约']);
    expect(table(en, 'metrics-result').rows[1]![4]!.status).toBe('met');
    const json = reportSummaryJson(en);
    expect(json.metrics.map((m) => m.achievement)).toEqual([
      expect.closeTo(0.9, 12), expect.closeTo(1.075, 12), expect.closeTo(1.1, 12), expect.closeTo(0.8, 12),
      expect.closeTo(30 / 28, 12), expect.closeTo(7.7 / 6, 12), // the typed 1:7.7 against 1:6, as the sheet's formula reads it
    ]);
  });

  it('shows the cost line as under budget (28 of 30), the ratio 1:7.7 and net ROI (215−28)/28', () => {
    const io = table(en, 'io-figures');
    // Money figures carry Settings → Currency unit (10k CNY / 万元), as the form labels them: 拓展总成本（万元）.
    expect(texts(io)).toEqual([
      ['Total cost (10k CNY)', '28', 'Evaluation actual'],
      ['Budget (10k CNY)', '30', 'Evaluation target of the total cost; under budget: 28 of 30 (93.3% of the budget used, 2 left)'],
      ['Revenue (10k CNY)', '215', 'Evaluation actual'],
      ['Input-output ratio', '1:7.7', 'revenue ÷ cost = 215 ÷ 28'],
      ['Net ROI', '667.9%', '(revenue − cost) ÷ cost = (215 − 28) ÷ 28'],
      ['Acquisition cost per new customer (10k CNY)', '0.62', 'cost ÷ new customers = 28 ÷ 45'],
    ]);
    expect(io.rows[0]![1]!.status).toBe('met');
    expect(paragraphs(section(en, 'inputOutput'))).toContain('Total cost (10k CNY): under budget: 28 of 30 (93.3% of the budget used, 2 left).');
    expect(texts(table(en, 'metrics-inputOutput'))).toEqual([
      ['Total expansion cost (10k CNY)', '30', '28', '107.1%', 'Met', 'Optimised online ads; acquisition cost down 5%'],
      ['Input-output ratio (ROI) (1:X)', '1:6', '1:7.7', '128.3%', 'Met', 'Revenue beat target; returns clearly up'],
    ]);
    expect(texts(table(zh, 'io-figures'))[1]).toEqual(['预算（万元）', '30', '“效果评估”总成本目标值；低于预算：28 / 30（使用预算 93.3%，结余 2）']);
    expect(texts(table(zh, 'io-figures'))[5]!.slice(0, 2)).toEqual(['单个新客户获客成本（万元）', '0.62']);
    expect(reportSummaryJson(en).inputOutput.acquisitionCost).toBeCloseTo(28 / 45, 12);
    const json = reportSummaryJson(en).inputOutput;
    expect(json.totalCost).toBe(28);
    expect(json.revenue).toBe(215);
    expect(json.ratioLabel).toBe('1:7.7');
    expect(json.ratio).toBeCloseTo(215 / 28, 12);
    expect(json.netRoi).toBeCloseTo((215 - 28) / 28, 12);
    expect(json.budget).toBe(30);
  });

  it('breaks the cost down by category and by channel', () => {
    expect(texts(table(en, 'costs-category'))).toEqual([
      ['Marketing', '18', '64.3%'], ['Personnel', '7', '25%'], ['Channel commission', '3', '10.7%'], ['Total', '28', '100%'],
    ]);
    expect(texts(table(en, 'costs-channel'))).toEqual([
      ['Trade shows', '10', '35.7%'], ['Online platforms', '8', '28.6%'], ['Partner referrals', '3', '10.7%'], ['(no channel)', '7', '25%'], ['Total', '28', '100%'],
    ]);
    expect(texts(table(zh, 'costs-category'))[0]).toEqual(['营销费用', '18', '64.3%']);
    expect(table(en, 'costs-category').header).toEqual(['Category', 'Amount (10k CNY)', 'Share']);
    expect(table(en, 'costs-channel').header).toEqual(['Channel', 'Amount (10k CNY)', 'Share']);
    expect(table(zh, 'costs-channel').header).toEqual(['渠道', '金额（万元）', '占比']);
  });

  it('writes the summary in plain sentences from the numbers', () => {
    const s = paragraphs(section(en, 'summary'));
    expect(s).toContain('4 of 6 targets met, 2 missed.');
    expect(s).toContain("New customers 45 of 50 (90%): 5 short; a competitor's August promotion delayed 5 customers' signing.");
    expect(s).toContain('East China revenue 215 of 200 (107.5%): 15 above target; key-industry breakthroughs beat expectations: 2 new major accounts.');
    expect(s).toContain('Lead conversion rate 12% of 15% (80%): 3 percentage points short; over-strict lead screening lost good leads.');
    expect(s).toContain('Input-output ratio 1:7.7 (revenue 215 ÷ cost 28, in 10k CNY); net ROI 667.9%.');
    const z = paragraphs(section(zh, 'summary'));
    expect(z).toContain('新增客户数 45/50（达成率 90%）：差 5 家；受竞品8月促销活动影响，5家客户延迟签约。');
    expect(z).toContain('6 项目标中已达成 4 项，未达成 2 项。');
    expect(z).toContain('投入产出比 1:7.7（销售额 215 ÷ 成本 28，单位：万元）；净投资回报率 667.9%。');
    const figures = section(en, 'summary').blocks.find((b) => b.kind === 'keyFigures');
    expect(figures?.kind === 'keyFigures' && figures.figures.map((f) => [f.label, f.value])).toEqual([
      ['New customers', '45 / 50 (90%)'], ['East China revenue (10k CNY)', '215 / 200 (107.5%)'], ['Targets met', '4 of 6'],
      ['Input-output ratio', '1:7.7'], ['Net ROI', '667.9%'],
    ]);
  });

  it('lists each missed target with its reason, and monthly targets 15/18/17 against weekly-log actuals 12/14/19', () => {
    expect(texts(table(en, 'missed'))).toEqual([
      ['New customers', '50', '45', '90%', '5', 'Missed', "A competitor's August promotion delayed 5 customers' signing"],
      ['Lead conversion rate (%)', '15%', '12%', '80%', '3 percentage points', 'Missed', 'Over-strict lead screening lost good leads'],
    ]);
    expect(texts(table(en, 'monthly-new_customers'))).toEqual([
      ['2023-07', '15', '12', '80%', 'Missed'],
      ['2023-08', '18', '14', '77.8%', 'Missed'],
      ['2023-09', '17', '19', '111.8%', 'Met'],
      ['Total', '50', '45', '90%', ''],
    ]);
    expect(texts(table(zh, 'monthly-new_customers'))[1]).toEqual(['2023-08', '18', '14', '77.8%', '未达成']);
  });

  it('summarises execution by owner and lists the open problem with its solution', () => {
    // Each owner's targets, open and overdue tasks (test/core/ownerPerformance.test.ts has the whole table).
    expect(texts(table(en, 'owner-performance')).map((r) => [r[0], r[7], r[8]])).toEqual([
      ['Zhang*', '0', '0'], ['Li*', '0', '0'], ['Wang*', '1', '1'], ['Wang*', '', ''],
    ]);
    expect(texts(table(en, 'open-problems'))).toEqual([[
      'Follow up new-customer contracts', 'Wang*', '3 customers have long decision cycles', 'Weekly progress sync and trial support',
      'Get the remaining 2 signed before 10 August', '2023-08-10',
    ]]);
    expect(paragraphs(section(en, 'execution'))[0]).toBe('Tasks: 3 (2 done, 1 open, 1 overdue).');
  });

  it('carries the three retrospective rows with owner and due date', () => {
    expect(texts(table(en, 'retrospective')).map((r) => [r[0], r[3], r[4], r[5]])).toEqual([
      ['Strategy effectiveness', 'Build a lead-to-customer fit scoring model', 'Li*', '2023-08-15'],
      ['Teamwork', 'Adopt a CRM to unify follow-up records', 'Zhang, Zhao', '2023-08-20'],
      ['Resource use', 'Launch a fast-response package for new customers', 'Wang*', '2023-09-01'],
    ]);
    expect(texts(table(zh, 'retrospective'))[1]).toEqual([
      '团队协作', '销售+市场部联合地推，活动参与人数超目标30%', '客户跟进信息不同步，导致重复沟通', '引入CRM系统，统一客户跟进记录', '张、赵', '2023-08-20', '待办',
    ]);
  });

  it('reports Check data problems as data-quality notes', () => {
    const quality = table(en, 'quality');
    // Team lists Zhang*, Li*, Wang* and Zhao*, so every owner is known: the one problem is the overdue task.
    expect(texts(quality)).toEqual([[
      'Tracking', '4', '"Follow up new-customer contracts" was due 2023-08-10 (Next step due) and is not done (59 days overdue).',
      'Set Status to Done, or agree a new date and update Next step due.',
    ]]);
    expect(en.problemCount).toBe(1);
  });

  it('gives the four charts as data', () => {
    const charts = chartsOf(section(en, 'charts'));
    expect(charts.map((c) => c.id)).toEqual(['targetVsActual', 'monthly', 'pacing', 'costs']);
    expect(charts[0]!.categories).toEqual(['New customers', 'East China revenue', 'Customer visits', 'Lead conversion rate', 'Total expansion cost', 'Input-output ratio (ROI)']);
    expect(charts[0]!.series[1]!.values).toEqual([90, 107.5, 110, 80, 107.1, 128.3]);
    expect(charts[1]!.categories).toEqual(['2023-07', '2023-08', '2023-09']);
    expect(charts[1]!.series.map((s) => s.values)).toEqual([[15, 18, 17], [12, 14, 19]]);
  });

  it('never reads the formula columns: an overwritten Achievement or Status changes nothing', () => {
    const raw = exampleRaw('en');
    const grid = raw.evaluation!;
    const header = grid[0]!;
    const ach = header.indexOf('Achievement');
    const status = header.indexOf('Status');
    grid[1]![ach] = 0.5;
    grid[1]![status] = 'Met';
    expect(texts(table(reportOf('en', raw), 'metrics-result'))[0]!.slice(3, 5)).toEqual(['90%', 'Missed']);
  });

  it('while the cycle runs, totals are judged against the target expected by today', () => {
    const mid: TimeContext = { today: dayFromIso('2023-07-31'), dayOf: utcDayOf };
    const model = reportOf('en', exampleRaw('en'), mid);
    // 45 new customers by the end of July (a third of the cycle) is on track, although 90% of the cycle target.
    expect(texts(table(model, 'metrics-result'))[0]!.slice(3, 5)).toEqual(['90%', 'On track']);
    // A rate is compared as it stands: 12% against 15% is at risk (80%), not paced.
    expect(texts(table(model, 'metrics-process'))[1]!.slice(3, 5)).toEqual(['80%', 'At risk']);
    expect(paragraphs(section(model, 'summary'))).toContain('The cycle runs until 2023-09-30: the status of totals compares them with the target expected by 2023-07-31.');
    expect(texts(table(model, 'monthly-new_customers')).map((r) => r[2])).toEqual(['12', '—', '—', '12']);
  });
});

describe('report model — missing and empty data', () => {
  it('an empty workbook still gives a report that says which sections have no data', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const model = reportOf(lang, {});
      expect(model.sections.map((s) => s.id)).toEqual(SECTION_ORDER);
      const empty = model.sections.filter((s) => !s.hasData).map((s) => s.id);
      expect(empty).toEqual(['summary', 'result', 'process', 'feedback', 'inputOutput', 'targets', 'charts', 'trends', 'execution', 'resources', 'retrospective', 'conclusion']);
      expect(model.documentName).toBe(lang === 'en' ? 'Market expansion evaluation report' : '市场拓展效果评估报告');
    }
    const en = reportOf('en', {});
    expect(paragraphs(section(en, 'result'))).toEqual(['No data: the Evaluation tab is missing.']);
    expect(paragraphs(section(en, 'execution'))).toEqual(['No data: the Tracking tab is missing.']);
    expect(paragraphs(section(en, 'summary')).at(-1)).toBe(
      'Sections without data: Summary, Result metrics, Process metrics, Customer feedback, Input and output, Target analysis, Charts, Trends and comparison, Execution summary, Resources and escalations, Highlights, problems and improvement suggestions, Conclusion and proposals for the next cycle.',
    );
    expect(texts(table(en, 'quality')).some((r) => r[2] === 'The tab "Evaluation" is missing.')).toBe(true);
    const zh = reportOf('zh-CN', {});
    expect(paragraphs(section(zh, 'retrospective'))).toEqual(['无数据：缺少“复盘”工作表。']);
  });

  it('a tab with headers only says it has no rows; the feedback section says there are no such rows', () => {
    const raw = exampleRaw('en');
    raw.retrospective = [raw.retrospective![0]!];
    const model = reportOf('en', raw);
    expect(paragraphs(section(model, 'retrospective'))).toEqual(['No data: the Retrospective tab has no rows.']);
    expect(paragraphs(section(model, 'feedback'))).toEqual(['No data: the Evaluation tab has no Customer feedback rows.']);
  });

  it('falls back to the detailed rows when Evaluation actuals are blank, and notes disagreements', () => {
    const raw = exampleRaw('en');
    const header = raw.evaluation![0]!;
    const actual = header.indexOf('Actual');
    raw.evaluation![1]![actual] = ''; // new customers: from the weekly log (45)
    raw.evaluation![2]![actual] = 200; // revenue typed 200, weekly log says 215
    const model = reportOf('en', raw);
    // A blank Actual is computed from the Weekly log and marked so.
    expect(texts(table(model, 'metrics-result')).map((r) => r[2])).toEqual(['45 (computed)', '200']);
    expect(texts(table(model, 'quality')).find((r) => r[2]!.startsWith('Actual: East China revenue'))).toBeUndefined();
    expect(texts(table(model, 'quality')).find((r) => r[2]!.startsWith('East China revenue'))).toEqual([
      'Evaluation', '3', 'East China revenue: Actual says 200 (10k CNY), but the Weekly log adds up to 215 (10k CNY); the report uses the typed 200 (10k CNY).',
      'Correct the Actual or the Weekly log rows so they agree, or empty the Actual to use the Weekly log total.',
    ]);
    // The same note is in Check data's list (one list of problems).
    const workbook = readWorkbook(raw, AFTER_CYCLE);
    expect(checkWorkbook(workbook, AFTER_CYCLE).filter((p) => p.code === 'actual_mismatch').map((p) => [p.tab, p.row])).toEqual([
      ['evaluation', 3], ['evaluation', 7], // the typed 1:7.7 no longer matches 200 ÷ 28 = 1:7.1
    ]);
  });
});

describe('JSON summary and helpers', () => {
  it('gives the same summary from the workbook as from the model, with the DESIGN fields', () => {
    const raw = exampleRaw('en');
    const fromWorkbook = reportSummaryJson(readWorkbook(raw, AFTER_CYCLE));
    const fromModel = reportSummaryJson(reportOf('en', raw));
    expect({ ...fromWorkbook, asOf: '' }).toEqual({ ...fromModel, asOf: '' });
    expect(fromWorkbook.asOf).toBe('2023-09-30');
    expect(fromWorkbook.metrics[0]).toEqual({
      row: 2, dimension: 'result', metric: 'New customers', unit: 'customers', direction: 'higher', target: 50, actual: 45,
      achievement: expect.closeTo(0.9, 12), status: 'missed', actualSource: 'typed', kind: 'number',
    });
    expect(fromWorkbook.metrics[3]).toMatchObject({ target: 0.15, actual: 0.12, status: 'missed', kind: 'percent' });
    expect(JSON.parse(JSON.stringify(fromWorkbook)).inputOutput.ratioLabel).toBe('1:7.7');
  });

  it('reads the report folder from an ID or a Drive URL', () => {
    expect(folderIdFrom('')).toBeNull();
    expect(folderIdFrom(' 1AbC-d_9 ')).toBe('1AbC-d_9');
    expect(folderIdFrom('https://drive.google.com/drive/folders/1AbC-d_9?usp=sharing')).toBe('1AbC-d_9');
    expect(folderIdFrom('https://drive.google.com/open?id=1AbC-d_9')).toBe('1AbC-d_9');
  });
});

describe('number formatting', () => {
  it('formats percentages with at most one decimal and numbers with grouping', () => {
    expect([0.9, 1.075, 1.1, 0.12 / 0.15, 30 / 28].map(formatPercent)).toEqual(['90%', '107.5%', '110%', '80%', '107.1%']);
    expect([45, 1200, 1234567.891, 0.625, -3].map(formatNumber)).toEqual(['45', '1,200', '1,234,567.89', '0.63', '-3']);
  });

  it('formatNumber round-trips to within a cent for any amount', () => {
    fc.assert(fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (n) => {
      const back = Number(formatNumber(n).replace(/,/g, ''));
      return Math.abs(back - n) <= 0.005 + 1e-6 * Math.abs(n);
    }));
  });
});

describe('report model — currency unit, months without data, many metrics, no tabs', () => {
  const setSetting = (raw: RawWorkbook, label: string, value: string): void => {
    const row = raw.settings!.find((r) => r[0] === label);
    if (!row) throw new Error(`no setting ${label}`);
    row[1] = value;
  };

  it('without a currency unit in Settings, money figures are labelled plainly', () => {
    const raw = exampleRaw('en');
    setSetting(raw, 'Currency unit', '');
    const model = reportOf('en', raw);
    expect(texts(table(model, 'io-figures')).map((r) => r[0])).toEqual([
      'Total cost', 'Budget', 'Revenue', 'Input-output ratio', 'Net ROI', 'Acquisition cost per new customer',
    ]);
    expect(table(model, 'costs-category').header[1]).toBe('Amount');
    expect(paragraphs(section(model, 'summary'))).toContain('Input-output ratio 1:7.7 (revenue 215 ÷ cost 28); net ROI 667.9%.');
    expect(model.figures.inputOutput.currencyUnit).toBe('');
  });

  it('takes whatever currency unit Settings gives (千美元)', () => {
    const raw = exampleRaw('zh-CN');
    setSetting(raw, '金额单位', '千美元');
    // The Evaluation cost row is in the same currency (a 万元 row cannot be compared with 千美元 amounts).
    const unit = raw.evaluation![0]!.indexOf('单位');
    raw.evaluation!.forEach((row, i) => { if (i > 0 && row[unit] === '万元') row[unit] = '千美元'; });
    const model = reportOf('zh-CN', raw);
    expect(texts(table(model, 'io-figures'))[0]!.slice(0, 2)).toEqual(['拓展总成本（千美元）', '28']);
    expect(paragraphs(section(model, 'inputOutput'))[0]).toBe('拓展总成本（千美元）：低于预算：28 / 30（使用预算 93.3%，结余 2）。');
  });

  it('a month without any Weekly log rows is missing (no data, no bar), never 0', () => {
    const raw = exampleRaw('en');
    raw.weekly = raw.weekly!.filter((r) => !String(r[0]).startsWith('2023-09'));
    const model = reportOf('en', raw);
    const group = model.figures.monthly[0]!;
    expect(group.months.map((m) => [m.month, m.actual, m.logged, m.status])).toEqual([
      ['2023-07', 12, true, 'missed'], ['2023-08', 14, true, 'missed'], ['2023-09', null, false, 'no_data'],
    ]);
    expect(texts(table(model, 'monthly-new_customers'))).toEqual([
      ['2023-07', '15', '12', '80%', 'Missed'],
      ['2023-08', '18', '14', '77.8%', 'Missed'],
      ['2023-09', '17', '—', '—', 'No data'],
      ['Total', '50', '26', '52%', ''],
    ]);
    const charts = section(model, 'charts');
    const monthly = chartsOf(charts).find((c) => c.id === 'monthly')!;
    expect(monthly.series.map((s) => s.values)).toEqual([[15, 18, 17], [12, 14, null]]);
    expect(paragraphs(charts)).toContain('No bar for 2023-09: the Weekly log has no rows in these months yet.');
    expect(paragraphs(section(reportOf('zh-CN', (() => {
      const zhRaw = exampleRaw('zh-CN');
      zhRaw.weekly = zhRaw.weekly!.filter((r) => !String(r[0]).startsWith('2023-09'));
      return zhRaw;
    })()), 'charts'))).toContain('2023-09 在“周报”中尚无记录，图中不绘制。');
  });

  it('a month with Weekly rows but no new customers is a real 0', () => {
    const raw = exampleRaw('en');
    const column = raw.weekly![0]!.indexOf('New customers');
    for (const row of raw.weekly!.slice(1)) if (String(row[0]).startsWith('2023-09')) row[column] = 0;
    const months = reportOf('en', raw).figures.monthly[0]!.months;
    expect(months.map((m) => [m.actual, m.logged, m.status])).toEqual([[12, true, 'missed'], [14, true, 'missed'], [0, true, 'missed']]);
  });

  /** The example with its Evaluation replaced by 30 Result metrics, target 100, actual 100 − i (even i) or 100 + 3i (odd i). */
  function manyMetrics(lang: 'en' | 'zh-CN'): ReportModel {
    const raw = exampleRaw(lang);
    const header = raw.evaluation![0]!.map(String);
    const col = (key: string): number => header.indexOf(pickHeader(key, lang));
    const rows = Array.from({ length: 30 }, (_, i) => {
      const row: CellValue[] = header.map(() => '');
      row[col('dimension')] = lang === 'en' ? 'Result' : '结果指标';
      row[col('metric')] = `M${i + 1}`;
      row[col('target')] = 100;
      row[col('actual')] = i % 2 === 0 ? 100 - i : 100 + 3 * i;
      return row;
    });
    raw.evaluation = [header, ...rows];
    return reportOf(lang, raw);
  }

  it('charts at most 20 metrics, those furthest from target, and says so', () => {
    const model = manyMetrics('en');
    const chart = chartsOf(section(model, 'charts')).find((c) => c.id === 'targetVsActual')!;
    const shown = [5, 7, 9, 11, 13, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29];
    expect(CHART_METRICS_SHOWN).toBe(20);
    expect(chart.categories).toEqual(shown.map((i) => `M${i + 1}`));
    expect(chart.series[1]!.values).toEqual(shown.map((i) => (i % 2 === 0 ? 100 - i : 100 + 3 * i)));
    expect(paragraphs(section(model, 'charts'))).toContain(
      'The chart shows the 20 metrics furthest from their target, of 30; every metric is in the tables above.',
    );
    // The tables still hold every metric.
    expect(table(model, 'metrics-result').rows).toHaveLength(30);
    expect(paragraphs(section(manyMetrics('zh-CN'), 'charts'))).toContain('图中仅显示距离目标最远的 20 项指标（共 30 项）；全部指标见上文表格。');
  });

  it('writes at most 10 metric sentences in the summary, those furthest from target, and says how many more', () => {
    const model = manyMetrics('en');
    const bullets = section(model, 'summary').blocks.flatMap((b) => (b.kind === 'paragraph' && b.style === 'bullet' && /^M\d+ /.test(b.text) ? [b.text] : []));
    expect(SUMMARY_SENTENCES_SHOWN).toBe(10);
    expect(bullets.map((b) => b.split(' ')[0])).toEqual([11, 13, 15, 17, 19, 21, 23, 25, 27, 29].map((i) => `M${i + 1}`));
    expect(bullets[0]).toBe('M12 133 of 100 (133%): 33 above target.');
    expect(paragraphs(section(model, 'summary'))).toContain('… and 20 more metrics, nearer their target: see the metric tables below.');
    expect(paragraphs(section(manyMetrics('zh-CN'), 'summary'))).toContain('……另有 20 项指标更接近目标，见下文各指标表。');
    // The worked example (4 sentences) is not capped.
    expect(paragraphs(section(reportOf('en'), 'summary')).some((p) => p.includes('more metrics'))).toBe(false);
  });

  it('knows when the spreadsheet has none of the tracker tabs (nothing to report) and when it is only partly set up', () => {
    expect(hasProjectTabs(readWorkbook({}, AFTER_CYCLE))).toBe(false);
    expect(hasProjectTabs(readWorkbook({ log: [['Time', 'Action', 'By', 'Detail']] }, AFTER_CYCLE))).toBe(false);
    expect(hasProjectTabs(readWorkbook(exampleRaw('en', ['evaluation', 'costs', 'weekly', 'goals']), AFTER_CYCLE))).toBe(true);
    expect(hasProjectTabs(readWorkbook({ tracking: exampleRaw('en').tracking! }, AFTER_CYCLE))).toBe(true);
  });
});

describe('Target analysis says "every metric met it" only when every metric with a target has a figure and met it', () => {
  const col = (key: string): number => tabSpec('evaluation').columns.findIndex((c) => c.key === key);
  const targetSentences = (raw: RawWorkbook, lang: Lang = 'en'): string[] => paragraphs(section(reportOf(lang, raw), 'targets'));

  it('no actuals yet (Evaluation actuals and Weekly log empty): never "met"', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const raw = exampleRaw(lang);
      raw.evaluation = raw.evaluation!.map((r, i) => (i === 0 ? r : r.map((v, j) => (j === col('actual') ? '' : v))));
      raw.weekly = raw.weekly!.slice(0, 1);
      raw.costs = raw.costs!.slice(0, 1);
      const text = targetSentences(raw, lang).join('\n');
      expect(text).not.toContain('Every metric with a target met it');
      expect(text).not.toContain('所有设定目标的指标均已达成');
    }
  });

  it('no Evaluation metric has a target (only monthly goals): no sentence about every metric', () => {
    const raw = exampleRaw('en');
    raw.evaluation = raw.evaluation!.map((r, i) => (i === 0 ? r : r.map((v, j) => (j === col('target') ? '' : v))));
    const text = targetSentences(raw).join('\n');
    expect(text).not.toContain('Every metric with a target');
    expect(text).toContain('no metric has both a target and an actual');
  });

  it('every metric with a target met it: then it is said', () => {
    const raw = exampleRaw('en');
    // Missed ones (new customers 45 of 50, conversion 12% of 15%) typed as met.
    raw.evaluation![1]![col('actual')] = 50;
    raw.evaluation![4]![col('actual')] = '15%';
    expect(targetSentences(raw)).toContain('Every metric with a target met it.');
  });
});
