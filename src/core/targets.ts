/**
 * The Goals tab read as targets: for each metric and period (the cycle, or a month), the team's target and the
 * owners' shares of it (DESIGN "Owner targets").
 *
 * Which rows are shares: a row without an owner is the team's target, and the rows with an owner beside it are
 * those owners' shares. When every row of a metric and period names an owner: one row alone is the team's target
 * (the owner is who answers for it, as in the worked example); a row whose target is the sum of the others is the
 * team's and the others are shares; otherwise every row is a share and the team's target is the Evaluation
 * target of the metric (for the cycle), else the shares' sum. Shares that do not add up to the team's target are a
 * Check data problem.
 */
import { MetricKey } from './catalogue';
import { Goal, Period, Workbook } from './model';
import { normalizeLabel } from './options';

export type TeamTargetSource = 'goals' | 'evaluation' | 'shares';

export interface TargetGroup {
  readonly metric: string;
  readonly metricKey: MetricKey | null;
  readonly period: Period;
  /** The team's target row, or null when Goals holds only owners' shares for it. */
  readonly team: Goal | null;
  readonly teamTarget: number | null;
  readonly teamTargetFrom: TeamTargetSource;
  /** Owners' shares (rows with an owner beside the team's target), in sheet order. */
  readonly shares: readonly Goal[];
}

function metricId(goal: { metric: string; metricKey: MetricKey | null }): string {
  return goal.metricKey ?? `text:${normalizeLabel(goal.metric)}`;
}

function periodId(period: Period): string {
  return period.kind === 'month' ? `m:${period.month}` : 'c';
}

const sameSum = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Every metric-and-period of Goals with its team target and owners' shares, in the order Goals first names them. */
export function goalTargets(workbook: Workbook): TargetGroup[] {
  const groups = new Map<string, Goal[]>();
  for (const goal of workbook.goals) {
    if (goal.period === null || goal.metric === '') continue;
    const id = `${metricId(goal)}\u0000${periodId(goal.period)}`;
    groups.set(id, [...(groups.get(id) ?? []), goal]);
  }
  const out: TargetGroup[] = [];
  for (const rows of groups.values()) {
    const first = rows[0]!;
    const unowned = rows.filter((g) => g.owners.length === 0);
    let team: Goal | null = null;
    let shares: Goal[];
    if (unowned.length > 0) {
      team = unowned[0]!;
      shares = rows.filter((g) => g.owners.length > 0);
    } else if (rows.length === 1) {
      team = first;
      shares = [];
    } else if (rows.length === 2) {
      shares = rows;
    } else {
      const total = rows.reduce((sum, g) => sum + (g.target ?? 0), 0);
      team = rows.find((g) => g.target !== null && sameSum(g.target * 2, total)) ?? null;
      shares = rows.filter((g) => g !== team);
    }
    let teamTarget = team?.target ?? null;
    let teamTargetFrom: TeamTargetSource = 'goals';
    if (team === null) {
      const evaluated = first.period!.kind === 'cycle'
        ? workbook.evaluation.find((e) => e.target !== null && (e.metricKey !== null ? e.metricKey === first.metricKey : normalizeLabel(e.metric) === normalizeLabel(first.metric)))
        : undefined;
      if (evaluated) {
        teamTarget = evaluated.target;
        teamTargetFrom = 'evaluation';
      } else {
        const present = shares.filter((g) => g.target !== null);
        teamTarget = present.length > 0 ? present.reduce((sum, g) => sum + g.target!, 0) : null;
        teamTargetFrom = 'shares';
      }
    }
    out.push({ metric: (team ?? first).metric, metricKey: first.metricKey, period: first.period!, team, teamTarget, teamTargetFrom, shares });
  }
  return out;
}

/** The team's monthly targets of a metric (shares left out), in calendar order. */
export function teamMonthlyTargets(groups: readonly TargetGroup[], metric: { metric: string; metricKey: MetricKey | null }): { month: string; target: number; row: number | null }[] {
  const id = metricId(metric);
  return groups
    .filter((g) => g.period.kind === 'month' && metricId(g) === id && g.teamTarget !== null)
    .map((g) => ({ month: (g.period as { month: string }).month, target: g.teamTarget!, row: g.team?.row ?? null }))
    .sort((a, b) => a.month.localeCompare(b.month));
}
