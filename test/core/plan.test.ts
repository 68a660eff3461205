import { checkWorkbook } from '../../src/core/checks';
import { DocBlock } from '../../src/core/document';
import { Lang } from '../../src/core/i18n';
import { RawWorkbook, TimeContext, readWorkbook } from '../../src/core/model';
import { PlanModel, buildPlan } from '../../src/core/planDocument';
import { planProblems, planReview } from '../../src/core/planReview';
import { PreviousCycle, archivedEvaluationCycle, previousCycles } from '../../src/core/previousCycles';
import { CellValue, dayFromIso, utcDayOf } from '../../src/core/values';
import { exampleRaw } from './reportFixture';

const BEFORE_CYCLE: TimeContext = { today: dayFromIso('2023-06-26'), dayOf: utcDayOf };

function planOf(lang: Lang, raw: RawWorkbook = exampleRaw(lang), previous: readonly PreviousCycle[] = []): PlanModel {
  const workbook = readWorkbook(raw, BEFORE_CYCLE);
  return buildPlan(workbook, BEFORE_CYCLE, lang, checkWorkbook(workbook, BEFORE_CYCLE, previous), previous);
}

type Table = Extract<DocBlock, { kind: 'table' }>;
const blocks = (plan: PlanModel): DocBlock[] => plan.sections.flatMap((s) => [...s.blocks]);
const table = (plan: PlanModel, id: string): string[][] => {
  const found = blocks(plan).find((b): b is Table => b.kind === 'table' && b.id === id);
  if (!found) throw new Error(`no table ${id}`);
  return [found.header.map(String), ...found.rows.map((r) => r.map((c) => c.text))];
};

/** Sets cells of a tab by column header (row 1 = first data row). */
function edit(raw: RawWorkbook, tab: keyof RawWorkbook, row: number, header: string, value: CellValue): void {
  const grid = raw[tab]!;
  const col = grid[0]!.indexOf(header);
  if (col < 0) throw new Error(`no column ${header}`);
  while (grid.length <= row) grid.push(grid[0]!.map(() => ''));
  grid[row]![col] = value;
}

describe('strategy plan on the worked example (2023 Q3)', () => {
  it('names the cycle, region and team, and splits 50 new customers 15 / 18 / 17 with their owner', () => {
    const plan = planOf('en');
    expect(plan.documentName).toBe('2023 Q3 East China — Market expansion strategy plan');
    expect(plan.sections.map((s) => s.title)).toEqual([
      'Overview', 'Targets and their breakdown', 'Strategy by channel', 'Lessons carried from the previous cycle', 'Plan review',
    ]);
    expect(plan.subtitle).toBe('East China sales team · cycle 2023 Q3 (2023-07-01 – 2023-09-30) · as of 2023-06-26');
    expect(table(plan, 'plan-targets')).toEqual([
      ['Metric', 'Target', 'Owner', 'Set in'],
      ['New customers', '50', 'Wang*', 'Goals row 2'],
      ['East China revenue', '200', 'Zhang*', 'Goals row 6'],
      ['Customer visits', '200', 'Wang*', 'Goals row 7'],
      ['Lead conversion rate', '15%', 'Li*', 'Goals row 8'],
      ['Total expansion cost', '30', '—', 'Evaluation row 6'],
      ['Input-output ratio (ROI)', '1:6', '—', 'Evaluation row 7'],
    ]);
    expect(table(plan, 'plan-monthly-new_customers')).toEqual([
      ['Month', 'Target', 'Owner', 'Share of the cycle'],
      ['2023-07', '15', 'Wang*', '30%'], ['2023-08', '18', 'Wang*', '36%'], ['2023-09', '17', 'Wang*', '34%'],
      ['Total', '50', 'Wang*', '100%'],
    ]);
    const chart = blocks(plan).find((b): b is Extract<DocBlock, { kind: 'chart' }> => b.kind === 'chart')!.chart;
    expect(chart.categories).toEqual(['2023-07', '2023-08', '2023-09']);
    expect(chart.series.map((s) => s.values)).toEqual([[15, 18, 17]]);
    expect(plan.figures.targets[0]!.months.map((m) => [m.month, m.target, m.owners])).toEqual([
      ['2023-07', 15, ['Wang*']], ['2023-08', 18, ['Wang*']], ['2023-09', 17, ['Wang*']],
    ]);
    expect(blocks(plan).some((b) => b.kind === 'paragraph' && b.text === 'Objective: Q3: grow East China revenue by 30% and win 50 new customers')).toBe(true);
  });

  it('lists the strategy lines by channel with budgets, totalled against the cost target', () => {
    const plan = planOf('en');
    expect(table(plan, 'plan-strategy')).toEqual([
      ['Channel', 'Action', 'Budget (10k CNY)', 'Staffing', 'Differentiator', 'Owner'],
      ['Trade shows', 'Exhibit at 3 industry trade shows in July', '10', '2 sales + 1 marketing', 'Customised service', 'Li*'],
      ['Online platforms', 'Targeted ads for manufacturing SMEs', '8', '1 marketing', 'Price advantage', 'Li*'],
      ['Partner referrals', 'Visit 20 key accounts with partners', '5', '3 sales', 'Customised service', 'Wang*'],
      ['Total', '', '23', '', '', ''],
    ]);
    expect(blocks(plan)).toContainEqual({
      kind: 'paragraph', style: 'normal',
      text: 'Budgets add up to 23 of the cost target 30 (Evaluation row 6): 76.7% planned, 7 left unallocated, in 10k CNY.',
    });
    expect(plan.figures.budgetTotal).toBe(23);
    expect(plan.figures.costTarget).toBe(30);
    expect(plan.review).toEqual([]);
  });

  it('reads as Chinese in Chinese, with the form\'s words', () => {
    const plan = planOf('zh-CN');
    expect(plan.documentName).toBe('2023 Q3 华东区域 — 市场拓展策略方案');
    expect(plan.sections.map((s) => s.title)).toEqual(['方案概述', '拓展目标与目标拆解', '策略与资源投入', '上一周期的经验与教训', '方案审核']);
    expect(table(plan, 'plan-monthly-new_customers').slice(1, 4)).toEqual([
      ['2023-07', '15', '王*', '30%'], ['2023-08', '18', '王*', '36%'], ['2023-09', '17', '王*', '34%'],
    ]);
    expect(table(plan, 'plan-strategy')[0]).toEqual(['渠道', '行动方案', '预算（万元）', '人员配置', '差异化卖点', '责任人']);
    expect(blocks(plan)).toContainEqual({
      kind: 'paragraph', style: 'normal', text: '预算合计 23万元，占成本目标 30万元（“效果评估”第 6 行）的 76.7%，尚有 7万元未分配。',
    });
    expect(table(plan, 'plan-carried')[1]).toEqual(['团队协作', '客户跟进信息不同步，导致重复沟通', '引入CRM系统，统一客户跟进记录', '张、赵', '2023-08-20', '待办']);
  });
});

describe('plan review: planted problems, each found once with its figure', () => {
  it('monthly targets, owners\' shares, missing owner, owner not in Team, strategy lines, budget above the cost target', () => {
    const raw = exampleRaw('en');
    edit(raw, 'goals', 3, 'Target', 20); // August 18 → 20: months add up to 52
    edit(raw, 'goals', 5, 'Owner', ''); // revenue: no owner
    edit(raw, 'goals', 7, 'Owner', 'Qian*'); // conversion: not in Team
    edit(raw, 'goals', 6, 'Owner', ''); // visits: the team's target, with owners' shares below
    raw.goals!.push(['Customer visits', '2023 Q3', 120, 'Wang*', '', '', '', '', '', '', ''], ['Customer visits', '2023 Q3', 60, 'Li*', '', '', '', '', '', '', '']);
    edit(raw, 'strategy', 2, 'Budget', ''); // online: no budget
    edit(raw, 'strategy', 3, 'Owner', ''); // referrals: no owner
    edit(raw, 'strategy', 1, 'Budget', 30); // trade shows 10 → 30: 35 against 30
    const plan = planOf('en', raw);
    const found = plan.review.map((p) => [p.code, p.tab, p.row, p.message.en]);
    expect(found).toEqual(expect.arrayContaining([
      ['monthly_sum_mismatch', 'goals', 2, 'Monthly targets for "New customers" add up to 52, but the cycle target is 50.'],
      ['target_without_owner', 'goals', 6, 'The target "East China revenue" (2023 Q3) has no owner.'],
      ['owner_not_in_team', 'goals', 8, 'Owner "Qian*" is not in Team.'],
      ['owner_sum_mismatch', 'goals', 9, 'Owners\' shares of "Customer visits" (2023 Q3) add up to 180 (Wang* 120; Li* 60), but the team target is 200 (Goals row 7).'],
      ['strategy_without_budget', 'strategy', 3, 'The strategy line "Online platforms" has no budget.'],
      ['strategy_without_owner', 'strategy', 4, 'The strategy line "Partner referrals" has no owner.'],
      ['budget_over_cost_target', 'strategy', null, 'Strategy budgets add up to 35, 5 more than the cost target of 30 (Evaluation row 6), in 10k CNY.'],
    ]));
    for (const code of ['monthly_sum_mismatch', 'target_without_owner', 'owner_not_in_team', 'owner_sum_mismatch', 'strategy_without_budget', 'strategy_without_owner', 'budget_over_cost_target']) {
      expect(plan.review.filter((p) => p.code === code)).toHaveLength(1);
    }
    // Warnings shown in the document; the plan is still written.
    expect(table(plan, 'plan-review').length).toBe(plan.review.length + 1);
  });

  it('targets against history: growth beyond the best earlier growth, and below the last cycle\'s actual, each with the figure', () => {
    const archive = (cycle: string, customers: number, revenue: number): { name: string; grid: CellValue[][] } => ({
      name: `Archive ${cycle} — Evaluation`,
      grid: [
        ['Dimension', 'Metric', 'Unit', 'Direction', 'Target', 'Actual'],
        ['Result', 'New customers', 'customers', 'Higher', 40, customers],
        ['Result', 'East China revenue', '10k CNY', 'Higher', 200, revenue],
      ],
    });
    const previous = previousCycles('2023 Q3', [archive('2023 Q2', 30, 230), archive('2023 Q1', 25, 180)], [], '10k CNY');
    expect(previous.map((c) => c.cycle)).toEqual(['2023 Q1', '2023 Q2']);
    const raw = exampleRaw('en');
    edit(raw, 'goals', 1, 'Target', 45); // 45 vs 30 last cycle: +50%; best earlier growth 20% + margin 20%
    edit(raw, 'goals', 2, 'Target', 15);
    edit(raw, 'goals', 3, 'Target', 15);
    const workbook = readWorkbook(raw, BEFORE_CYCLE);
    const found = planProblems(workbook, previous).map((p) => [p.code, p.row, p.value, p.message.en]);
    expect(found).toEqual([
      ['target_above_history', 2, '45', 'The target 45 for "New customers" is 50% above 2023 Q2\'s actual of 30, more than history supports: the best growth of an earlier cycle was 20% (2023 Q1 → 2023 Q2); with the plan-review margin of 20%, that allows up to 40% above (42).'],
      ['target_below_history', 6, '200', 'The target 200 for "East China revenue" is 30 (13%) below 2023 Q2\'s actual of 230.'],
    ]);
    // Within the margin: nothing to say.
    edit(raw, 'goals', 1, 'Target', 42);
    edit(raw, 'goals', 5, 'Target', 230);
    expect(planProblems(readWorkbook(raw, BEFORE_CYCLE), previous)).toEqual([]);
  });

  it('the thresholds come from Settings', () => {
    const raw = exampleRaw('en');
    const previous = previousCycles('2023 Q3', [{ name: 'Archive 2023 Q2 — Evaluation', grid: [['Metric', 'Target', 'Actual'], ['New customers', 40, 45]] }], [], '10k CNY');
    // 50 vs 45: +11%, within the default 20% margin.
    expect(planProblems(readWorkbook(raw, BEFORE_CYCLE), previous)).toEqual([]);
    const settings = raw.settings!;
    settings.find((r) => r[0] === 'Plan review: growth margin')![1] = '5%';
    const found = planProblems(readWorkbook(raw, BEFORE_CYCLE), previous);
    expect(found.map((p) => p.code)).toEqual(['target_above_history']);
    expect(found[0]!.message.en).toContain('11.1% above 2023 Q2\'s actual of 45');
    expect(found[0]!.message.zh).toBe('“New customers”的目标 50 比 2023 Q2 的实际 45 高 11.1%，超出历史数据可支撑的幅度：尚无以往周期的增幅记录，加上方案审核容差 5%，最多可高 5%（即 47.25）。');
    expect(found[0]!.severity).toBe('warning');
  });

  it('the review is part of Check data\'s one list', () => {
    const raw = exampleRaw('en');
    edit(raw, 'strategy', 2, 'Owner', '');
    const workbook = readWorkbook(raw, BEFORE_CYCLE);
    const all = checkWorkbook(workbook, BEFORE_CYCLE);
    expect(all.filter((p) => p.code === 'strategy_without_owner').map((p) => p.row)).toEqual([3]);
    expect(planReview(all).map((p) => p.code)).toEqual(['strategy_without_owner']);
  });
});

describe('previous cycles', () => {
  it('recognises archive copies of Evaluation in both languages', () => {
    expect(archivedEvaluationCycle('Archive 2023 Q3 — Evaluation')).toBe('2023 Q3');
    expect(archivedEvaluationCycle('归档 2023 Q3 — 效果评估')).toBe('2023 Q3');
    expect(archivedEvaluationCycle('Archive 2023 Q3 — Tracking')).toBeNull();
    expect(archivedEvaluationCycle('Evaluation')).toBeNull();
  });
});
