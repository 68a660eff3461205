/**
 * The plan review (方案审核): what is wrong or doubtful in a plan before the cycle starts — the form's 目标设定需合理
 * (targets based on research and history, neither too high nor too low). Every finding is a warning in Check
 * data's one list of problems, never a refusal:
 *
 * - planProblems: the review's own findings — targets with no owner, strategy lines with no budget or owner,
 *   budgets above the cost target, and (with earlier cycles on record) targets far above or below what history
 *   supports, each with the figure it was compared to. checks.ts adds them to Check data's list.
 * - planReview: the plan's part of Check data's list — those findings plus the existing checks on the plan
 *   (monthly targets and owners' shares that do not add up, owners not in Team, unreadable figures in Goals
 *   and Strategy), never computed twice.
 */
import { MetricKey } from './catalogue';
import { formatNumber, formatPercent } from './format';
import { Bilingual, fill } from './i18n';
import { Goal, Workbook } from './model';
import { FinalResult, PreviousCycle, finalCycles, resultOf } from './previousCycles';
import { Problem, ProblemCode } from './problems';
import { formatValue } from './reportFigureText';
import { TabKey, settingSpec } from './schema';
import { TargetGroup, goalTargets } from './targets';
import { ValueKind, convertUnit, kindOf, moneyUnit } from './units';
import { Direction } from './values';

export const PLAN_TEXT = {
  noOwner: { en: 'The target "{metric}" ({period}) has no owner.', zh: '目标“{metric}”（{period}）没有责任人。' },
  noOwnerFix: { en: 'Type the Team member who answers for it in Owner: every target has an owner.', zh: '请在“责任人”中填写对该目标负责的团队成员：每个目标都应明确责任人。' },
  noBudget: { en: 'The strategy line "{line}" has no budget.', zh: '策略“{line}”没有预算。' },
  noBudgetFix: { en: 'Type its budget in Budget{unit}, or 0 when it costs nothing.', zh: '请在“预算”中填写金额{unit}；不需要费用的填 0。' },
  noLineOwner: { en: 'The strategy line "{line}" has no owner.', zh: '策略“{line}”没有责任人。' },
  noLineOwnerFix: { en: 'Type the Team member who carries it out in Owner.', zh: '请在“责任人”中填写负责执行的团队成员。' },
  overBudget: {
    en: 'Strategy budgets add up to {total}, {over} more than the cost target of {target} ({from}){unit}.',
    zh: '各策略预算合计 {total}，比成本目标 {target}（{from}）多 {over}{unit}。',
  },
  overBudgetFix: { en: 'Cut the budgets (Strategy rows {rows}) or raise the cost target so they agree.', zh: '请削减预算（“策略”第 {rows} 行）或调高成本目标，使二者一致。' },
  fromGoals: { en: 'Goals row {row}', zh: '“目标”第 {row} 行' },
  fromEvaluation: { en: 'Evaluation row {row}', zh: '“效果评估”第 {row} 行' },
  inUnit: { en: ', in {unit}', zh: '，单位：{unit}' },
  unitBrackets: { en: ' (in {unit})', zh: '（单位：{unit}）' },
  above: {
    en: 'The target {target} for "{metric}" is {growth} above {cycle}\'s actual of {last}, more than history supports: {best}; with the plan-review margin of {margin}, that allows up to {allowed} above ({ceiling}).',
    zh: '“{metric}”的目标 {target} 比 {cycle} 的实际 {last} 高 {growth}，超出历史数据可支撑的幅度：{best}，加上方案审核容差 {margin}，最多可高 {allowed}（即 {ceiling}）。',
  },
  bestGrowth: { en: 'the best growth of an earlier cycle was {growth} ({from} → {to})', zh: '以往最佳增幅为 {growth}（{from} → {to}）' },
  noGrowthOnRecord: { en: 'no earlier cycle\'s growth is on record', zh: '尚无以往周期的增幅记录' },
  aboveFix: {
    en: 'Check the target against research and history (targets should be neither too high nor too low), or note in Goals → Note what makes this growth possible. The margin is Settings → {setting}.',
    zh: '请结合市场调研和历史数据复核目标，或在“目标”的“备注”中说明实现该增幅的依据。容差在“设置 → {setting}”中调整。',
  },
  below: {
    en: 'The target {target} for "{metric}" is {gap} below {cycle}\'s actual of {last}.',
    zh: '“{metric}”的目标 {target} 比 {cycle} 的实际 {last} 低 {gap}。',
  },
  belowFix: {
    en: 'Raise the target to at least what {cycle} achieved, or note in Goals → Note why it is lower (e.g. a new market). Settings → {setting} sets how far below is accepted.',
    zh: '请将目标调整到不低于 {cycle} 的实际，或在“目标”的“备注”中说明原因（如新市场拓展初期）。可接受的低幅在“设置 → {setting}”中调整。',
  },
  points: { en: '{n} percentage points', zh: '{n} 个百分点' },
} as const satisfies Record<string, Bilingual>;

/** Problem codes the plan review shows: its own, and Check data's existing checks on the plan. */
export const PLAN_REVIEW_CODES: readonly ProblemCode[] = [
  'monthly_sum_mismatch', 'owner_sum_mismatch', 'target_without_owner', 'owner_not_in_team', 'strategy_without_budget',
  'strategy_without_owner', 'budget_over_cost_target', 'target_above_history', 'target_below_history', 'bad_number', 'bad_date',
  'missing_value', 'ambiguous_value', 'negative_amount',
];
const PLAN_TABS: readonly TabKey[] = ['goals', 'strategy'];

/** The plan's part of Check data's list (in its order): the review's findings and the checks on Goals and Strategy. */
export function planReview(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => PLAN_REVIEW_CODES.includes(p.code) && (PLAN_TABS.includes(p.tab) || p.code === 'budget_over_cost_target'));
}

// ---------------------------------------------------------------------------------------------
// The plan's targets

export interface PlanTarget {
  readonly metric: string;
  readonly metricKey: MetricKey | null;
  readonly kind: ValueKind;
  readonly direction: Direction;
  readonly target: number;
  /** Where the team's target is typed: a Goals row, or the Evaluation row when Goals has none for the metric. */
  readonly tab: 'goals' | 'evaluation';
  readonly row: number | null;
  readonly owners: readonly string[];
  /** The Goals group (metric and cycle) behind it, or null for an Evaluation target. */
  readonly group: TargetGroup | null;
}

const sameId = (a: { metric: string; metricKey: MetricKey | null }, b: { metric: string; metricKey: MetricKey | null }): boolean =>
  a.metricKey !== null || b.metricKey !== null ? a.metricKey === b.metricKey : a.metric.trim().toLowerCase() === b.metric.trim().toLowerCase();

function groupOwners(group: TargetGroup): string[] {
  const rows: Goal[] = [...(group.team ? [group.team] : []), ...group.shares];
  return [...new Set(rows.flatMap((g) => g.owners))];
}

/** The cycle's headline targets: Goals' cycle targets, then Evaluation targets of metrics Goals does not set. */
export function planTargets(workbook: Workbook): PlanTarget[] {
  const out: PlanTarget[] = [];
  const directionOf = (m: { metric: string; metricKey: MetricKey | null }): Direction | null =>
    workbook.evaluation.find((e) => sameId(e, m))?.direction ?? null;
  for (const group of goalTargets(workbook)) {
    if (group.period.kind !== 'cycle' || group.teamTarget === null) continue;
    const first = group.team ?? group.shares[0]!;
    out.push({
      metric: group.metric, metricKey: group.metricKey, kind: kindOf(first.unit), direction: directionOf(group) ?? defaultDirectionOf(group),
      target: group.teamTarget, tab: 'goals', row: group.team?.row ?? first.row, owners: groupOwners(group), group,
    });
  }
  for (const e of workbook.evaluation) {
    if (e.target === null || e.metric === '' || e.invalid.length > 0 || out.some((t) => sameId(t, e))) continue;
    out.push({ metric: e.metric, metricKey: e.metricKey, kind: e.kind, direction: e.direction, target: e.target, tab: 'evaluation', row: e.row, owners: [], group: null });
  }
  return out;
}

function defaultDirectionOf(m: { metric: string; metricKey: MetricKey | null }): Direction {
  return m.metricKey === 'total_cost' || m.metricKey === 'acquisition_cost' || m.metricKey === 'marketing_spend'
    || m.metricKey === 'personnel_cost' || m.metricKey === 'channel_commission' ? 'lower' : 'higher';
}

/** The cycle's cost target in Settings → Currency unit: a Goals cycle target for total cost, else the Evaluation target. */
export function costTarget(workbook: Workbook): { value: number; from: Bilingual } | null {
  const currency = moneyUnit(workbook.settings.currencyUnit);
  const goal = goalTargets(workbook).find((g) => g.metricKey === 'total_cost' && g.period.kind === 'cycle' && g.teamTarget !== null);
  if (goal) {
    const unit = (goal.team ?? goal.shares[0]!).unit;
    const value = convertUnit(goal.teamTarget!, unit, currency);
    if (value !== null) return { value, from: fill(PLAN_TEXT.fromGoals, { row: goal.team?.row ?? goal.shares[0]!.row }) };
  }
  const row = workbook.evaluation.find((e) => e.metricKey === 'total_cost' && e.target !== null && e.invalid.length === 0);
  if (!row) return null;
  const value = convertUnit(row.target!, row.unitOf, currency);
  return value === null ? null : { value, from: fill(PLAN_TEXT.fromEvaluation, { row: row.row }) };
}

// ---------------------------------------------------------------------------------------------
// The review's own findings

function warning(code: ProblemCode, tab: TabKey, row: number | null, column: string | undefined, value: string, message: Bilingual, fix: Bilingual): Problem {
  return column === undefined ? { code, severity: 'warning', tab, row, value, message, fix } : { code, severity: 'warning', tab, row, column, value, message, fix };
}

function periodText(group: TargetGroup): string {
  return group.period.kind === 'month' ? group.period.month : group.period.label;
}

function ownerProblems(workbook: Workbook): Problem[] {
  const out: Problem[] = [];
  for (const group of goalTargets(workbook)) {
    if (groupOwners(group).length > 0) continue;
    const row = group.team?.row ?? group.shares[0]?.row ?? null;
    out.push(warning('target_without_owner', 'goals', row, 'owner', '', fill(PLAN_TEXT.noOwner, { metric: group.metric, period: periodText(group) }), PLAN_TEXT.noOwnerFix));
  }
  return out;
}

function strategyProblems(workbook: Workbook): Problem[] {
  const out: Problem[] = [];
  const unit = workbook.settings.currencyUnit.trim();
  const unitText = unit === '' ? { en: '', zh: '' } : fill(PLAN_TEXT.unitBrackets, { unit });
  for (const line of workbook.strategy) {
    const name = line.channel || line.action || `#${line.row}`;
    // A budget that could not be read is reported as a bad number already.
    if (line.budget === null && !line.invalid.includes('budget')) {
      out.push(warning('strategy_without_budget', 'strategy', line.row, 'budget', '', fill(PLAN_TEXT.noBudget, { line: name }),
        { en: fill(PLAN_TEXT.noBudgetFix, { unit: unitText.en }).en, zh: fill(PLAN_TEXT.noBudgetFix, { unit: unitText.zh }).zh }));
    }
    if (line.owners.length === 0) {
      out.push(warning('strategy_without_owner', 'strategy', line.row, 'owner', '', fill(PLAN_TEXT.noLineOwner, { line: name }), PLAN_TEXT.noLineOwnerFix));
    }
  }
  const budgeted = workbook.strategy.filter((s) => s.budget !== null);
  const target = costTarget(workbook);
  if (budgeted.length === 0 || target === null) return out;
  const total = budgeted.reduce((sum, s) => sum + s.budget!, 0);
  if (total <= target.value + 1e-9 * Math.max(1, target.value)) return out;
  const unitClause = unit === '' ? { en: '', zh: '' } : fill(PLAN_TEXT.inUnit, { unit });
  const params = { total: formatNumber(total), over: formatNumber(total - target.value), target: formatNumber(target.value) };
  out.push(warning('budget_over_cost_target', 'strategy', null, 'budget', formatNumber(total), {
    en: fill(PLAN_TEXT.overBudget, { ...params, from: target.from.en, unit: unitClause.en }).en,
    zh: fill(PLAN_TEXT.overBudget, { ...params, from: target.from.zh, unit: unitClause.zh }).zh,
  }, fill(PLAN_TEXT.overBudgetFix, { rows: budgeted.map((s) => s.row).join(', ') })));
  return out;
}

/** A relative change as words: +25% for counts and money, percentage points for rates. */
function changeText(from: number, to: number, kind: ValueKind): Bilingual {
  if (kind === 'percent') return fill(PLAN_TEXT.points, { n: formatNumber(Math.abs(to - from) * 100) });
  const text = formatPercent(Math.abs(to / from - 1));
  return { en: text, zh: text };
}

/** Growth of each final cycle over the one before, for a metric: the best, with the cycles it was between. */
export function bestGrowth(results: readonly FinalResult[]): { growth: number; from: string; to: string } | null {
  let best: { growth: number; from: string; to: string } | null = null;
  for (let i = 1; i < results.length; i++) {
    const before = results[i - 1]!;
    const after = results[i]!;
    if (before.actual <= 0) continue;
    const growth = after.actual / before.actual - 1;
    if (best === null || growth > best.growth) best = { growth, from: before.cycle, to: after.cycle };
  }
  return best;
}

/** A metric's results in the cycles whose figures are final, oldest first. */
export function finalResults(previous: readonly PreviousCycle[], metric: { metric: string; metricKey: MetricKey | null }): FinalResult[] {
  return finalCycles(previous).flatMap((cycle) => {
    const result = resultOf(cycle, metric);
    return result && result.actual !== null ? [{ cycle: cycle.cycle, actual: result.actual }] : [];
  });
}

function historyProblems(workbook: Workbook, previous: readonly PreviousCycle[]): Problem[] {
  const out: Problem[] = [];
  const { planGrowthMargin: margin, planShortfallMargin: shortfall } = workbook.settings;
  for (const target of planTargets(workbook)) {
    // A budget or cost target below history is a saving, above it a choice: only higher-is-better targets are judged.
    if (target.direction !== 'higher') continue;
    const results = finalResults(previous, target);
    const last = results[results.length - 1];
    if (!last || last.actual <= 0) continue;
    const tab = target.tab;
    const show = (v: number): string => formatValue(v, target.kind);
    const common = { metric: target.metric, target: show(target.target), cycle: last.cycle, last: show(last.actual) };
    const growth = target.target / last.actual - 1;
    const best = bestGrowth(results);
    const allowed = Math.max(best?.growth ?? 0, 0) + margin;
    if (growth > allowed + 1e-9) {
      const bestText = best === null ? PLAN_TEXT.noGrowthOnRecord : fill(PLAN_TEXT.bestGrowth, { growth: formatPercent(best.growth), from: best.from, to: best.to });
      const grown = changeText(last.actual, target.target, target.kind);
      const ceiling = show(last.actual * (1 + allowed));
      const params = { ...common, allowed: formatPercent(allowed), ceiling, margin: formatPercent(margin) };
      out.push(warning('target_above_history', tab, target.row, 'target', show(target.target), {
        en: fill(PLAN_TEXT.above, { ...params, growth: target.kind === 'percent' ? `${formatPercent(growth)} (${grown.en})` : grown.en, best: bestText.en }).en,
        zh: fill(PLAN_TEXT.above, { ...params, growth: target.kind === 'percent' ? `${formatPercent(growth)}（${grown.zh}）` : grown.zh, best: bestText.zh }).zh,
      }, {
        en: fill(PLAN_TEXT.aboveFix, { setting: settingSpec('planGrowthMargin').label.en }).en,
        zh: fill(PLAN_TEXT.aboveFix, { setting: settingSpec('planGrowthMargin').label.zh }).zh,
      }));
    } else if (target.target < last.actual * (1 - shortfall) - 1e-9 * Math.max(1, last.actual)) {
      const gap = changeText(last.actual, target.target, target.kind);
      const gapFigure = target.kind === 'percent' ? gap : { en: `${show(last.actual - target.target)} (${gap.en})`, zh: `${show(last.actual - target.target)}（${gap.zh}）` };
      out.push(warning('target_below_history', tab, target.row, 'target', show(target.target), {
        en: fill(PLAN_TEXT.below, { ...common, gap: gapFigure.en }).en,
        zh: fill(PLAN_TEXT.below, { ...common, gap: gapFigure.zh }).zh,
      }, {
        en: fill(PLAN_TEXT.belowFix, { cycle: last.cycle, setting: settingSpec('planShortfallMargin').label.en }).en,
        zh: fill(PLAN_TEXT.belowFix, { cycle: last.cycle, setting: settingSpec('planShortfallMargin').label.zh }).zh,
      }));
    }
  }
  return out;
}

/**
 * The plan review's own findings (Check data adds them to its list): targets without an owner, strategy lines
 * without budget or owner, budgets above the cost target and, given the earlier cycles on record, targets far
 * above or below what history supports.
 */
export function planProblems(workbook: Workbook, previous: readonly PreviousCycle[] = []): Problem[] {
  if (workbook.settings.mode === 'rollup') return [];
  return [...ownerProblems(workbook), ...strategyProblems(workbook), ...historyProblems(workbook, previous)];
}

