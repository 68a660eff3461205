/**
 * Progress against today (DESIGN "Status"): each cycle target of Goals — the team's and each owner's share —
 * against what is expected by today, with the run-rate projection and the rate still needed per week. The Goals
 * tab's progress columns, the managers' summary and the report all show these figures.
 *
 * - Actual to date: the Weekly log up to today (weeks starting on or before it, inside the cycle), for an owner's
 *   share only the rows that owner is on; a rate (conversion, average order value…) is derived from those rows
 *   (derived.ts). A Weekly log cell that cannot be read makes the figure "check data".
 * - Expected by today: the team's monthly targets (completed months in full, the running month pro rata), else the
 *   cycle target pro rata, by the days Settings → Pacing counts (calendar days or workdays); an owner's share pro
 *   rata; a rate compared as it stands.
 * - Status: metrics.statusOf with the cycle's phase (on track / at risk / off track while it runs, met / missed after).
 */
import { MetricKey, defaultDirection, metricInfo } from './catalogue';
import { Funnel, funnelFigure, weeklyFunnel } from './derived';
import { formatPercent } from './format';
import { Lang, pick } from './i18n';
import {
  Status, achievementRate, cyclePhase, expectedToDate, proRataExpected, requiredPerWeek, runRateProjection, statusOf,
} from './metrics';
import { RawWorkbook, Workbook } from './model';
import { METRIC_STATUS, optionLabel } from './options';
import { findPerson } from './people';
import { tabSpec } from './schema';
import { CellWrite, mapHeaders } from './table';
import { TargetGroup, goalTargets, teamMonthlyTargets } from './targets';
import { COUNT, PERCENT, RATIO, Unit, convertUnit, moneyUnit } from './units';
import { CellValue, Day, Direction } from './values';
import { pacingOf, workCalendar } from './workCalendar';

export interface TargetProgress {
  /** The Goals row the figures belong to (the team's target row, or the owner's share row); null for a team target Goals has no row for. */
  readonly goalRow: number | null;
  /** The owner of a share, as Team names them; null for the team's target. */
  readonly owner: string | null;
  /** Rates (conversion, share, satisfaction…) are compared with their target as they stand, not pro rata. */
  readonly isRate: boolean;
  readonly metric: string;
  readonly metricKey: MetricKey | null;
  readonly direction: Direction;
  /** The cycle target (the team's, or the owner's share). */
  readonly target: number | null;
  /** What is expected by today (see the module comment). */
  readonly expected: number | null;
  /** From the Weekly log, weeks up to today; null when the metric has no Weekly log figure. */
  readonly actual: number | null;
  /** Achievement of actual against expected. */
  readonly rate: number | null;
  readonly status: Status;
  /** Run-rate projection to the end of the cycle. */
  readonly projection: number | null;
  readonly perWeek: number | null;
}

/** The unit a funnel figure of a catalogue metric is in. */
function funnelUnitOf(key: MetricKey, money: Unit): Unit {
  if (key === 'roi') return RATIO;
  const kind = metricInfo(key).unit;
  return kind === 'money' ? money : kind === 'percent' ? PERCENT : COUNT;
}

/** Progress of every cycle target of Goals against what is expected by today: the team's, then each owner's share. */
export function targetProgress(workbook: Workbook, today: Day): TargetProgress[] {
  const { settings } = workbook;
  const { cycleStart, cycleEnd } = settings;
  const phase = cyclePhase(cycleEnd, today);
  // Settings → Pacing: calendar days, or workdays of the work calendar.
  const pacing = pacingOf(settings.pacing, workCalendar(settings.workCalendar));
  const money = moneyUnit(settings.currencyUnit);
  const groups = goalTargets(workbook);
  const out: TargetProgress[] = [];
  const teamFunnel = weeklyFunnel(workbook, { until: today, withinCycle: true });

  const directionOf = (group: TargetGroup): Direction => {
    const row = workbook.evaluation.find((e) => group.metricKey !== null && e.metricKey === group.metricKey);
    if (row) return row.direction;
    return group.metricKey ? metricInfo(group.metricKey).direction : defaultDirection(group.metric);
  };

  const progressOf = (
    group: TargetGroup, target: number | null, unit: Unit, owners: readonly string[] | null, monthly: { month: string; target: number }[],
  ): Omit<TargetProgress, 'goalRow' | 'owner'> => {
    const key = group.metricKey;
    const isRate = key !== null && !metricInfo(key).cumulative;
    const direction = directionOf(group);
    let actual: number | null = null;
    let unreadable = false;
    if (key !== null) {
      const funnel: Funnel = owners ? weeklyFunnel(workbook, { until: today, withinCycle: true, owners }) : teamFunnel;
      const figure = funnelFigure(funnel.cycle, key);
      if (figure) {
        unreadable = figure.unreadable;
        // A total with no rows yet is 0 so far; a rate with no rows has no figure.
        const value = figure.value ?? (isRate || unreadable ? null : 0);
        actual = value === null ? null : convertUnit(value, funnelUnitOf(key, money), unit);
        if (value !== null && actual === null) unreadable = true;
      }
    }
    let expected: number | null = null;
    if (isRate) expected = target;
    else if (monthly.length > 0) expected = expectedToDate(monthly, today, pacing);
    else if (target !== null && cycleStart !== null && cycleEnd !== null) expected = proRataExpected(target, cycleStart, cycleEnd, today, pacing);
    else expected = target;
    const rate = achievementRate(actual, expected, direction);
    const projection = !isRate && actual !== null && cycleStart !== null && cycleEnd !== null ? runRateProjection(actual, cycleStart, cycleEnd, today, pacing) : null;
    const perWeek = !isRate && actual !== null && target !== null && cycleEnd !== null && direction === 'higher' ? requiredPerWeek(target, actual, today, cycleEnd, pacing) : null;
    return {
      isRate, metric: group.metric, metricKey: key, direction, target, expected, actual: unreadable ? null : actual, rate: unreadable ? null : rate,
      status: statusOf(unreadable ? 'unreadable' : rate, phase, settings.atRiskThreshold), projection: unreadable ? null : projection,
      perWeek: unreadable ? null : perWeek,
    };
  };

  for (const group of groups) {
    if (group.period.kind !== 'cycle') continue;
    const unit = (group.team ?? group.shares[0])?.unit ?? COUNT;
    const monthly = teamMonthlyTargets(groups, group);
    out.push({ goalRow: group.team?.row ?? null, owner: null, ...progressOf(group, group.teamTarget, unit, null, monthly) });
  }
  for (const group of groups) {
    if (group.period.kind !== 'cycle') continue;
    for (const share of group.shares) {
      const owner = share.owners.map((name) => findPerson(workbook.team, name)?.name ?? name).join(', ');
      out.push({ goalRow: share.row, owner, ...progressOf(group, share.target, share.unit, share.owners, []) });
    }
  }
  return out;
}

/**
 * The Goals tab's progress columns (Actual to date, Expected by today, Progress, Progress status,
 * Projection, Needed per week), as the writes that bring them up to date for `today`. Each cycle target's
 * row — the team's and each owner's share — gets its figures; other rows are left blank. Writes only what
 * changed, so refreshing an up-to-date sheet writes nothing; one write per run of adjacent progress columns.
 */
export function planProgress(workbook: Workbook, raw: RawWorkbook, today: Day, lang: Lang): CellWrite[] {
  const grid = raw.goals;
  if (!grid || grid.length < 2) return [];
  const spec = tabSpec('goals');
  const header = mapHeaders(spec, grid[0] ?? []);
  const columns = spec.columns.filter((c) => c.computed && header.index.has(c.key)).map((c) => ({ key: c.key, at: header.index.get(c.key)! }));
  if (columns.length === 0) return [];
  const byRow = new Map<number, TargetProgress>();
  for (const p of targetProgress(workbook, today)) if (p.goalRow !== null) byRow.set(p.goalRow, p);
  const round = (n: number | null): CellValue => (n === null || !Number.isFinite(n) ? '' : Math.round(n * 100) / 100);
  const wanted = (row: number): Record<string, CellValue> => {
    const p = byRow.get(row);
    if (!p) return {};
    // A rate (conversion, share…) reads as a percentage in a column formatted for counts and amounts.
    const figure = (n: number | null): CellValue => (p.isRate && n !== null ? formatPercent(n) : round(n));
    return {
      actualToDate: figure(p.actual),
      expectedToDate: figure(p.expected),
      progress: p.rate === null ? '' : p.rate,
      progressStatus: pick(optionLabel(METRIC_STATUS, p.status), lang),
      projection: round(p.projection),
      perWeek: round(p.perWeek),
    };
  };
  const rows = grid.slice(1).map((line, i) => {
    const values = wanted(i + 2);
    return columns.map((c) => ({ at: c.at, now: line[c.at] ?? '', next: values[c.key] ?? '' }));
  });
  const changed = rows.some((cells) => cells.some((cell) => !same(cell.now, cell.next)));
  if (!changed) return [];
  // Adjacent progress columns are written together; the template places all six side by side.
  const ordered = [...columns].sort((a, b) => a.at - b.at);
  const writes: CellWrite[] = [];
  let run: typeof ordered = [];
  const flush = (): void => {
    if (run.length === 0) return;
    const ats = run.map((c) => c.at);
    writes.push({
      tab: 'goals', row: 2, column: ats[0]! + 1,
      values: rows.map((cells) => ats.map((at) => cells.find((cell) => cell.at === at)!.next)),
    });
    run = [];
  };
  for (const column of ordered) {
    if (run.length > 0 && column.at !== run[run.length - 1]!.at + 1) flush();
    run.push(column);
  }
  flush();
  return writes;
}

function same(a: CellValue, b: CellValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9;
  return (a ?? '') === (b ?? '');
}

