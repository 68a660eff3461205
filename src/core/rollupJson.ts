/**
 * The roll-up as JSON (`market-expansion rollup --json`): one entry per region (its file or sheet, the
 * metrics as in the report's JSON summary, its problems) and the total, the same metrics recomputed from
 * the regions' sums. The Google Sheet's Roll-up tab shows the same numbers.
 */
import { Lang, pick } from './i18n';
import { Problem } from './problems';
import { NO_TOTAL, RegionFigures, RegionResult, Rollup, TotalMetric, noteText, totalMetricName } from './rollup';
import { tabSpec } from './schema';

export interface RollupJsonMetric {
  readonly dimension: string | null;
  readonly metric: string;
  readonly metricKey: string | null;
  readonly unit: string;
  readonly direction: string;
  readonly kind: string;
  readonly target: number | null;
  readonly actual: number | null;
  readonly achievement: number | null;
  readonly status: string;
}

const metricJson = (m: RegionFigures['metrics'][number]): RollupJsonMetric => ({
  dimension: m.dimension, metric: m.metric, metricKey: m.metricKey, unit: m.unit, direction: m.direction, kind: m.kind,
  target: m.target, actual: m.actual, achievement: m.achievement, status: m.status,
});

function problemJson(p: Problem, lang: Lang): Record<string, unknown> {
  return {
    severity: p.severity, code: p.code, tab: pick(tabSpec(p.tab).name, lang), row: p.row, column: p.column ?? null, value: p.value ?? null,
    message: pick(p.message, lang), fix: pick(p.fix, lang),
  };
}

function regionJson(r: RegionResult, lang: Lang, workdays: boolean, problems: readonly Problem[] | undefined): Record<string, unknown> {
  const f = r.figures;
  return {
    region: r.name,
    file: r.source,
    owner: r.owner === '' ? null : r.owner,
    state: r.state,
    counted: r.counted,
    rank: r.rank,
    notes: r.notes.map((n) => pick(noteText(n, workdays), lang)),
    ...(f === null ? {} : {
      team: f.team, cycle: f.cycle, asOf: f.asOf, currencyUnit: f.currencyUnit, lastCheckIn: f.lastCheckIn,
      metrics: f.metrics.map(metricJson),
      inputOutput: {
        totalCost: f.inputOutput.totalCost, revenue: f.inputOutput.revenue, budget: f.inputOutput.budget, newCustomers: f.inputOutput.newCustomers,
      },
      weekly: f.weekly,
      tasks: f.tasks,
      problemCount: f.problems,
    }),
    problems: (problems ?? []).map((p) => problemJson(p, lang)),
  };
}

function totalJson(m: TotalMetric, lang: Lang): Record<string, unknown> {
  return {
    metric: totalMetricName(m, lang), metricKey: m.metricKey, unit: m.unit, direction: m.direction, kind: m.kind, target: m.target, actual: m.actual,
    achievement: m.achievement, status: m.status, regions: m.regions, missing: m.missing,
    noTotal: m.noTotal === null ? null : pick(NO_TOTAL[m.noTotal], lang),
    byRegion: m.byRegion,
  };
}

/** `problems` holds each region's Check-data list by region name (offline), when known. */
export function rollupJson(rollup: Rollup, lang: Lang, workdays: boolean, problems: ReadonlyMap<string, readonly Problem[]> = new Map()): Record<string, unknown> {
  const { total } = rollup;
  return {
    cycle: rollup.cycle,
    asOf: rollup.asOf,
    currencyUnit: rollup.currencyUnit,
    rankedBy: rollup.rankedBy === null ? null : totalMetricName(rollup.rankedBy, lang),
    regions: rollup.regions.map((r) => regionJson(r, lang, workdays, problems.get(r.name))),
    total: {
      metrics: total.metrics.map((m) => totalJson(m, lang)),
      inputOutput: total.inputOutput,
      weekly: total.weekly,
      tasks: total.tasks,
      problemCount: total.problems,
    },
    ranking: rollup.regions.filter((r) => r.rank !== null).sort((a, b) => a.rank! - b.rank!).map((r) => ({ rank: r.rank, region: r.name })),
    stale: rollup.regions.filter((r) => r.state === 'stale').map((r) => r.name),
    withProblems: rollup.regions.filter((r) => (r.figures?.problems.errors ?? 0) > 0).map((r) => r.name),
    unreadable: rollup.regions.filter((r) => r.state === 'unreadable').map((r) => ({
      region: r.name, file: r.source, reason: r.notes.map((n) => pick(noteText(n, workdays), lang)).join('; '),
    })),
    excluded: rollup.regions.filter((r) => r.state === 'excluded').map((r) => ({
      region: r.name, file: r.source, reason: r.notes.map((n) => pick(noteText(n, workdays), lang)).join('; '),
    })),
  };
}
