/**
 * The director's roll-up: several regional trackers as one picture, with the report's own definitions.
 *
 * - Each region contributes its RegionFigures: the figures of its evaluation report (computeFigures, the
 *   same that the report's JSON summary lists), Weekly log totals, tasks, its Check-data problem counts and
 *   its last check-in. Offline they are computed from each workbook; in Google Sheets each regional tracker
 *   keeps them in its Roll-up data tab (rollupFeed.ts) and the roll-up imports that tab.
 * - Totals are sums of counts and money (money converted into the roll-up's currency unit first), and
 *   every rate is recomputed from those sums: a total achievement is Σ actual ÷ Σ target, the input-output
 *   ratio Σ revenue ÷ Σ cost, a conversion rate Σ (rate × leads) ÷ Σ leads, i.e. the customers it implies
 *   over the leads. Percentages are never averaged; a rate whose counts are unknown (satisfaction, market
 *   share) has no total and says why.
 * - A region adds to a total only when it has both the target and the actual (else the total would compare
 *   a part of the actuals with all the targets); the regions left out are named.
 * - A region that cannot be read is named with why; a region on another cycle is left out and named; the
 *   rest still roll up.
 */
import { MetricKey } from './catalogue';
import { checkWorkbook } from './checks';
import { Bilingual, fill } from './i18n';
import { CyclePhase, Status, achievementRate, cyclePhase, inputOutputRatio, netRoi, ratioLabel, statusOf } from './metrics';
import { TimeContext, Workbook } from './model';
import { normalizeLabel } from './options';
import { Problem } from './problems';
import { MetricFigure, ValueKind, computeFigures } from './report';
import { Day, Direction, dayFromIso, isoFromDay, parseNumber } from './values';
import { WorkCalendar, WEEKDAYS, daysLate } from './workCalendar';

// ---------------------------------------------------------------------------------------------
// One region's figures

export interface RegionMetric {
  readonly metric: string;
  readonly metricKey: MetricKey | null;
  readonly dimension: MetricFigure['dimension'];
  readonly unit: string;
  readonly direction: Direction;
  readonly kind: ValueKind;
  readonly target: number | null;
  readonly actual: number | null;
  readonly achievement: number | null;
  readonly status: Status;
}

export type WeeklyTotals = Readonly<Record<WeeklyKey, number | null>>;
export type WeeklyKey = 'visits' | 'leads' | 'newCustomers' | 'revenue' | 'cost' | 'eventParticipants';
export const WEEKLY_KEYS: readonly WeeklyKey[] = ['visits', 'leads', 'newCustomers', 'revenue', 'cost', 'eventParticipants'];

export interface RegionInputOutput {
  readonly totalCost: number | null;
  readonly revenue: number | null;
  readonly budget: number | null;
  readonly newCustomers: number | null;
}

export interface TaskCounts {
  readonly total: number;
  readonly done: number;
  readonly open: number;
  readonly overdue: number;
}

/** What one regional tracker contributes to a roll-up. */
export interface RegionFigures {
  readonly region: string;
  readonly team: string;
  readonly cycle: string;
  readonly cycleStart: string;
  readonly cycleEnd: string;
  /** The day the figures are as of (ISO). */
  readonly asOf: string;
  /** Settings → Currency unit: the unit of every money figure below. */
  readonly currencyUnit: string;
  readonly workCalendar: 'none' | 'cn';
  readonly metrics: readonly RegionMetric[];
  readonly inputOutput: RegionInputOutput;
  readonly weekly: WeeklyTotals;
  readonly tasks: TaskCounts;
  readonly problems: { readonly errors: number; readonly warnings: number };
  /** The latest Tracking "Updated" stamp, else the latest Weekly log week (ISO), or null. */
  readonly lastCheckIn: string | null;
}

function weeklyTotals(workbook: Workbook): WeeklyTotals {
  const totals: Record<WeeklyKey, number | null> = { visits: null, leads: null, newCustomers: null, revenue: null, cost: null, eventParticipants: null };
  for (const entry of workbook.weekly) {
    for (const key of WEEKLY_KEYS) {
      const value = entry[key];
      if (value !== null) totals[key] = (totals[key] ?? 0) + value;
    }
  }
  return totals;
}

function lastCheckIn(workbook: Workbook): string | null {
  const updated = workbook.tasks.map((t) => t.updated).filter((d): d is Day => d !== null);
  const weeks = workbook.weekly.map((w) => w.week).filter((d): d is Day => d !== null);
  const latest = updated.length > 0 ? Math.max(...updated) : weeks.length > 0 ? Math.max(...weeks) : null;
  return latest === null ? null : isoFromDay(latest);
}

/**
 * A region's figures, computed with the report's definitions (computeFigures) from its workbook as read.
 * `problems` is Check data's list (the workbook's own reading problems included); checkWorkbook's when omitted.
 */
export function regionFigures(workbook: Workbook, time: TimeContext, problems?: readonly Problem[]): RegionFigures {
  const f = computeFigures(workbook, time);
  const list = problems ?? checkWorkbook(workbook, time);
  const { settings } = workbook;
  return {
    region: settings.region || settings.team,
    team: settings.team,
    cycle: settings.cycle,
    cycleStart: settings.cycleStart === null ? '' : isoFromDay(settings.cycleStart),
    cycleEnd: settings.cycleEnd === null ? '' : isoFromDay(settings.cycleEnd),
    asOf: f.asOf,
    currencyUnit: settings.currencyUnit.trim(),
    workCalendar: settings.workCalendar,
    metrics: f.metrics.map((m) => ({
      metric: m.metric, metricKey: m.metricKey, dimension: m.dimension, unit: m.unit.trim(), direction: m.direction, kind: m.kind,
      target: m.target, actual: m.actual, achievement: m.achievement, status: m.status,
    })),
    inputOutput: { totalCost: f.inputOutput.totalCost, revenue: f.inputOutput.revenue, budget: f.inputOutput.budget, newCustomers: f.inputOutput.newCustomers },
    weekly: weeklyTotals(workbook),
    tasks: f.tasks,
    problems: { errors: list.filter((p) => p.severity === 'error').length, warnings: list.filter((p) => p.severity !== 'error').length },
    lastCheckIn: lastCheckIn(workbook),
  };
}

// ---------------------------------------------------------------------------------------------
// Money in one unit

const CURRENCIES: readonly { code: string; pattern: RegExp }[] = [
  { code: 'CNY', pattern: /元|cny|rmb|¥|￥|人民币|yuan/i },
  { code: 'USD', pattern: /usd|\$|美元|dollar/i },
  { code: 'EUR', pattern: /eur|€|欧元/i },
  { code: 'GBP', pattern: /gbp|£|英镑/i },
];

interface MoneyUnit {
  readonly currency: string | null;
  /** How many base units (元, $) one of these is: 万元 10,000, 10k CNY 10,000, 元 1. */
  readonly scale: number;
}

/** A money unit as written ('万元', '10k CNY', '元'), or null when it does not read as one. */
export function moneyUnit(text: string): MoneyUnit | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const currency = CURRENCIES.find((c) => c.pattern.test(trimmed))?.code ?? null;
  const amount = parseNumber(/^\d/.test(trimmed) ? trimmed : `1${trimmed}`);
  if (!amount.ok || amount.value === null || amount.value <= 0) return null;
  return { currency, scale: amount.value };
}

/**
 * The factor that brings amounts in `from` into `to`, or why it cannot: both blank (the same unknown unit)
 * is 1; one blank, different currencies or an unreadable unit cannot be converted.
 */
export function moneyFactor(from: string, to: string): { factor: number } | { reason: 'unit_blank' | 'unit_unknown' | 'currency' } {
  if (normalizeLabel(from) === normalizeLabel(to)) return { factor: 1 };
  if (from.trim() === '' || to.trim() === '') return { reason: 'unit_blank' };
  const a = moneyUnit(from);
  const b = moneyUnit(to);
  if (a === null || b === null) return { reason: 'unit_unknown' };
  if (a.currency !== null && b.currency !== null && a.currency !== b.currency) return { reason: 'currency' };
  return { factor: a.scale / b.scale };
}

/** Catalogue metrics that are amounts of money (in Settings → Currency unit, or the row's money unit). */
const MONEY_KEYS: ReadonlySet<MetricKey> = new Set<MetricKey>([
  'revenue', 'total_cost', 'marketing_spend', 'personnel_cost', 'channel_commission', 'acquisition_cost', 'avg_order_value',
]);
/** Catalogue metrics that add up across regions. */
const SUMMABLE_KEYS: ReadonlySet<MetricKey> = new Set<MetricKey>([
  'new_customers', 'revenue', 'visits', 'leads', 'event_participants', 'total_cost', 'marketing_spend', 'personnel_cost', 'channel_commission',
]);
/** Units that name a duration or a score: such a figure is an average or a level, and never adds up. */
const NOT_SUMMABLE_UNIT = /天|日|周|月|小时|分钟|分|星|级|day|week|month|hour|minute|score|point|star|level/i;

/** How a metric's total is made from the regions' figures. */
type TotalRule =
  | { readonly kind: 'sum' }
  /** A rate or ratio: its total is Σ(value × weight) ÷ Σ weight, the weight being the figure it is a rate of. */
  | { readonly kind: 'weighted'; readonly weight: (r: RegionFigures) => number | null }
  | { readonly kind: 'none'; readonly reason: 'rate_without_counts' | 'not_summable' };

const newCustomersOf = (r: RegionFigures): number | null => r.inputOutput.newCustomers ?? r.weekly.newCustomers;

function totalRule(m: RegionMetric): TotalRule {
  switch (m.metricKey) {
    case 'lead_conversion': return { kind: 'weighted', weight: (r) => r.weekly.leads };
    case 'roi': return { kind: 'weighted', weight: (r) => r.inputOutput.totalCost };
    case 'acquisition_cost':
    case 'avg_order_value': return { kind: 'weighted', weight: newCustomersOf };
    default: break;
  }
  if (m.metricKey !== null && SUMMABLE_KEYS.has(m.metricKey)) return { kind: 'sum' };
  if (m.kind !== 'number') return { kind: 'none', reason: 'rate_without_counts' };
  if (m.metricKey !== null || NOT_SUMMABLE_UNIT.test(m.unit)) return { kind: 'none', reason: 'not_summable' };
  return { kind: 'sum' };
}

/** An amount of money: a catalogue money metric, or a number in a unit that names a currency (万元, CNY, $). */
function isMoney(m: RegionMetric): boolean {
  if (m.kind !== 'number') return false;
  if (m.metricKey !== null && MONEY_KEYS.has(m.metricKey)) return true;
  return m.unit !== '' && (moneyUnit(m.unit)?.currency ?? null) !== null;
}

// ---------------------------------------------------------------------------------------------
// The roll-up

export type UnreadableReason =
  | { readonly code: 'file'; readonly detail: string }
  | { readonly code: 'no_url' }
  | { readonly code: 'bad_url'; readonly detail: string }
  | { readonly code: 'no_access' }
  | { readonly code: 'loading' }
  | { readonly code: 'no_feed' }
  | { readonly code: 'bad_feed'; readonly detail: string };

/** One region as listed (a file offline, a Regions row in the sheet), read or not. */
export interface RegionInput {
  /** The name in the Regions tab or the file name; the figures' own region name is used when this is blank. */
  readonly name: string;
  readonly source: string;
  readonly owner: string;
  /** Regions row (sheet), or the position on the command line (1-based). */
  readonly row: number;
  readonly figures: RegionFigures | null;
  readonly unreadable?: UnreadableReason;
}

export type RegionState = 'ok' | 'stale' | 'problems' | 'unreadable' | 'excluded';

export type RegionNote =
  | { readonly code: 'unreadable'; readonly reason: UnreadableReason }
  | { readonly code: 'other_cycle'; readonly cycle: string; readonly expected: string }
  | { readonly code: 'stale'; readonly lastCheckIn: string | null; readonly days: number | null }
  | { readonly code: 'old_figures'; readonly asOf: string; readonly days: number }
  | { readonly code: 'problems'; readonly errors: number; readonly warnings: number }
  | { readonly code: 'money'; readonly unit: string; readonly expected: string; readonly reason: 'unit_blank' | 'unit_unknown' | 'currency' };

export interface RegionResult {
  readonly name: string;
  readonly source: string;
  readonly owner: string;
  readonly row: number;
  readonly state: RegionState;
  /** The figures with money in the roll-up's currency unit (null when unreadable). */
  readonly figures: RegionFigures | null;
  /** Whether the region counts in the totals (read, and on the roll-up's cycle). */
  readonly counted: boolean;
  /** Whether its Settings → Currency unit could be brought into the roll-up's (else its amounts are left out of money totals). */
  readonly moneyCounted: boolean;
  /** Metric rows (indices into figures.metrics) whose amounts are in a unit that cannot be converted: left out of their totals. */
  readonly unconverted: readonly number[];
  /** 1 = best on the ranking metric; null when it cannot be ranked. */
  readonly rank: number | null;
  readonly notes: readonly RegionNote[];
}

/** A metric over all regions: its total figures (recomputed from the sums) and each region's. */
export interface TotalMetric extends Omit<RegionMetric, 'dimension'> {
  /** Regions whose target and actual are in the total. */
  readonly regions: readonly string[];
  /** Regions that have the metric but are left out of its total (no target, no actual, no weight, or money in another unit). */
  readonly missing: readonly string[];
  /** Why there is no total at all. */
  readonly noTotal: 'rate_without_counts' | 'not_summable' | 'directions_differ' | 'no_regions' | null;
  /** Each counted region's own figures, in region order (for the per-region table). */
  readonly byRegion: readonly { readonly region: string; readonly target: number | null; readonly actual: number | null; readonly achievement: number | null; readonly status: Status; readonly rank: number | null }[];
}

export interface RollupTotals {
  readonly metrics: readonly TotalMetric[];
  readonly inputOutput: {
    readonly totalCost: number | null; readonly revenue: number | null; readonly ratio: number | null; readonly ratioLabel: string;
    readonly netRoi: number | null; readonly budget: number | null; readonly newCustomers: number | null; readonly acquisitionCost: number | null;
  };
  readonly weekly: WeeklyTotals;
  readonly tasks: TaskCounts;
  readonly problems: { readonly errors: number; readonly warnings: number };
}

export interface Rollup {
  readonly cycle: string;
  readonly asOf: string;
  readonly currencyUnit: string;
  readonly regions: readonly RegionResult[];
  readonly total: RollupTotals;
  /** The total metric regions are ranked by, or null when no metric has a rate in two regions. */
  readonly rankedBy: TotalMetric | null;
}

export interface RollupOptions {
  readonly today: Day;
  /** The roll-up's cycle label; '' takes the most common cycle of the regions read. */
  readonly cycle: string;
  /** The roll-up's currency unit; '' takes the first readable region's. */
  readonly currencyUnit: string;
  readonly atRiskThreshold: number;
  /** The work calendar stale check-ins are counted in. */
  readonly calendar?: WorkCalendar;
}

/** A check-in older than this (calendar days; workdays with a calendar on) makes a region's data stale. */
export const STALE_CHECK_IN_DAYS = 7;
export const STALE_CHECK_IN_WORKDAYS = 5;
/** Figures computed more than this many days before the roll-up's day are old (the region's sheet has not refreshed them). */
export const OLD_FIGURES_DAYS = 2;

const sameCycle = (a: string, b: string): boolean => a.replace(/\s+/g, '').toLowerCase() === b.replace(/\s+/g, '').toLowerCase();

function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) if (v.trim() !== '') counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = '';
  let n = 0;
  for (const [v, c] of counts) if (c > n) { best = v; n = c; }
  return best;
}

/**
 * A region's figures with every amount of money in the roll-up's unit: its Settings amounts (costs,
 * revenue, budget, Weekly log money) by its currency unit, each money metric by its own row unit (else the
 * currency unit). `unconverted` lists the metric rows whose unit cannot be converted.
 */
function convertMoney(r: RegionFigures, unit: string): { figures: RegionFigures; moneyCounted: boolean; unconverted: number[]; reason: RegionNote | null } {
  const settings = moneyFactor(r.currencyUnit, unit);
  const factor = 'factor' in settings ? settings.factor : null;
  const scale = (v: number | null): number | null => (v === null || factor === null ? v : v * factor);
  const unconverted: number[] = [];
  const metrics = r.metrics.map((m, i) => {
    if (!isMoney(m)) return m;
    const own = m.unit !== '' && moneyUnit(m.unit) !== null ? moneyFactor(m.unit, unit) : settings;
    if (!('factor' in own)) {
      unconverted.push(i);
      return m;
    }
    const times = (v: number | null): number | null => (v === null ? null : v * own.factor);
    return { ...m, unit: unit === '' ? m.unit : unit, target: times(m.target), actual: times(m.actual) };
  });
  const figures: RegionFigures = {
    ...r,
    currencyUnit: factor === null ? r.currencyUnit : unit,
    metrics,
    inputOutput: { ...r.inputOutput, totalCost: scale(r.inputOutput.totalCost), revenue: scale(r.inputOutput.revenue), budget: scale(r.inputOutput.budget) },
    weekly: { ...r.weekly, revenue: scale(r.weekly.revenue), cost: scale(r.weekly.cost) },
  };
  const reason: RegionNote | null = 'reason' in settings ? { code: 'money', unit: r.currencyUnit, expected: unit, reason: settings.reason } : null;
  return { figures, moneyCounted: factor !== null, unconverted, reason };
}

/** Metric rows of every region, grouped by catalogue metric (else by name), in first-seen order. */
type MetricRow = { region: RegionResult; metric: RegionMetric; convertible: boolean };

function groupMetrics(regions: readonly RegionResult[]): { key: string; rows: MetricRow[] }[] {
  const groups = new Map<string, MetricRow[]>();
  for (const region of regions) {
    if (!region.counted || region.figures === null) continue;
    region.figures.metrics.forEach((metric, i) => {
      const key = metric.metricKey ?? `name:${normalizeLabel(metric.metric)}`;
      const list = groups.get(key) ?? [];
      // A region lists a metric once: a second row of the same metric is its own figure, not another region.
      if (list.some((r) => r.region === region)) return;
      list.push({ region, metric, convertible: !region.unconverted.includes(i) });
      groups.set(key, list);
    });
  }
  return [...groups].map(([key, rows]) => ({ key, rows }));
}

function sumOrNull(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0);
}

function totalMetric(rows: readonly MetricRow[], threshold: number, phase: CyclePhase): TotalMetric {
  const first = rows[0]!.metric;
  const direction = first.direction;
  const byRegion = rows.map(({ region, metric }) => ({
    region: region.name, target: metric.target, actual: metric.actual, achievement: metric.achievement, status: metric.status, rank: null as number | null,
  }));
  // Rank regions on this metric: higher achievement first.
  const rated = byRegion.filter((r) => r.achievement !== null).sort((a, b) => b.achievement! - a.achievement!);
  rated.forEach((r, i) => { r.rank = i > 0 && rated[i - 1]!.achievement === r.achievement ? rated[i - 1]!.rank : i + 1; });
  const base = {
    metric: first.metric, metricKey: first.metricKey, unit: first.unit, direction, kind: first.kind, byRegion,
  };
  const empty = (noTotal: TotalMetric['noTotal'], missing: string[] = []): TotalMetric => ({
    ...base, target: null, actual: null, achievement: null, status: 'no_data', regions: [], missing, noTotal,
  });
  if (rows.some((r) => r.metric.direction !== direction)) return empty('directions_differ');
  const rule = totalRule(first);
  if (rule.kind === 'none') return empty(rule.reason);
  const included: string[] = [];
  const missing: string[] = [];
  let targetSum = 0;
  let actualSum = 0;
  let weightSum = 0;
  for (const { region, metric, convertible } of rows) {
    // A weight in money (cost for the ratio) must be in the roll-up's unit too.
    const weight = rule.kind === 'weighted' ? (region.moneyCounted || metric.metricKey === 'lead_conversion' ? rule.weight(region.figures!) : null) : 1;
    if (metric.target === null || metric.actual === null || weight === null || weight <= 0 || !convertible) {
      missing.push(region.name);
      continue;
    }
    included.push(region.name);
    targetSum += metric.target * weight;
    actualSum += metric.actual * weight;
    weightSum += weight;
  }
  if (included.length === 0) return empty('no_regions', missing);
  const target = rule.kind === 'weighted' ? targetSum / weightSum : targetSum;
  const actual = rule.kind === 'weighted' ? actualSum / weightSum : actualSum;
  const achievement = achievementRate(actual, target, direction);
  return { ...base, target, actual, achievement, status: statusOf(achievement, phase, threshold), regions: included, missing, noTotal: null };
}

/**
 * The metric regions are ranked by: revenue, else new customers, else the first metric with a rate in at
 * least two regions.
 */
function rankingMetric(metrics: readonly TotalMetric[]): TotalMetric | null {
  const rated = metrics.filter((m) => m.byRegion.filter((r) => r.achievement !== null).length >= 2);
  return rated.find((m) => m.metricKey === 'revenue') ?? rated.find((m) => m.metricKey === 'new_customers') ?? rated[0] ?? null;
}

export function rollUp(inputs: readonly RegionInput[], options: RollupOptions): Rollup {
  const calendar = options.calendar ?? WEEKDAYS;
  const readable = inputs.filter((i) => i.figures !== null);
  const cycle = options.cycle.trim() !== '' ? options.cycle.trim() : mostCommon(readable.map((i) => i.figures!.cycle));
  const onCycle = readable.filter((i) => cycle === '' || sameCycle(i.figures!.cycle, cycle));
  const currencyUnit = options.currencyUnit.trim() !== '' ? options.currencyUnit.trim() : (onCycle[0]?.figures?.currencyUnit ?? '');
  const staleAfter = calendar.key === 'none' ? STALE_CHECK_IN_DAYS : STALE_CHECK_IN_WORKDAYS;

  const results: RegionResult[] = inputs.map((input) => {
    const name = input.name.trim() !== '' ? input.name.trim() : (input.figures?.region || input.source);
    const notes: RegionNote[] = [];
    const base = { name, source: input.source, owner: input.owner, row: input.row, rank: null, notes, unconverted: [] as number[] };
    if (input.figures === null) {
      notes.push({ code: 'unreadable', reason: input.unreadable ?? { code: 'no_feed' } });
      return { ...base, state: 'unreadable', figures: null, counted: false, moneyCounted: false };
    }
    const f = input.figures;
    if (cycle !== '' && !sameCycle(f.cycle, cycle)) {
      notes.push({ code: 'other_cycle', cycle: f.cycle, expected: cycle });
      return { ...base, state: 'excluded', figures: f, counted: false, moneyCounted: false };
    }
    const { figures, moneyCounted, unconverted, reason } = convertMoney(f, currencyUnit);
    if (reason !== null) notes.push(reason);
    const checkIn = f.lastCheckIn === null ? null : daysLate(calendar, dayFromIso(f.lastCheckIn), options.today);
    if (checkIn === null || checkIn > staleAfter) notes.push({ code: 'stale', lastCheckIn: f.lastCheckIn, days: checkIn });
    const age = options.today - dayFromIso(f.asOf);
    if (age > OLD_FIGURES_DAYS) notes.push({ code: 'old_figures', asOf: f.asOf, days: age });
    if (f.problems.errors > 0) notes.push({ code: 'problems', errors: f.problems.errors, warnings: f.problems.warnings });
    const state: RegionState = notes.some((n) => n.code === 'stale' || n.code === 'old_figures') ? 'stale' : f.problems.errors > 0 ? 'problems' : 'ok';
    return { ...base, state, figures, counted: true, moneyCounted, unconverted };
  });

  // The roll-up's totals are met or missed once every counted region's cycle has ended, else paced like a region's.
  const ends = results.filter((r) => r.counted && r.figures !== null).map((r) => r.figures!.cycleEnd);
  const phase: CyclePhase = ends.some((end) => end === '' || cyclePhase(dayFromIso(end), options.today) === 'running') ? 'running' : 'ended';
  const metrics = groupMetrics(results).map((g) => totalMetric(g.rows, options.atRiskThreshold, phase));
  const ranking = rankingMetric(metrics);
  const ranked = results.map((r) => ({ ...r, rank: ranking?.byRegion.find((b) => b.region === r.name)?.rank ?? null }));

  const counted = ranked.filter((r) => r.counted && r.figures !== null);
  const money = counted.filter((r) => r.moneyCounted);
  const sum = (pick: (r: RegionFigures) => number | null, from: readonly RegionResult[] = counted): number | null => sumOrNull(from.map((r) => pick(r.figures!)));
  // Revenue and cost over the same regions (those with both), so the ratio compares like with like.
  const paired = money.filter((r) => r.figures!.inputOutput.revenue !== null && r.figures!.inputOutput.totalCost !== null);
  const revenue = sum((r) => r.inputOutput.revenue, paired);
  const totalCost = sum((r) => r.inputOutput.totalCost, paired);
  const costedCustomers = paired.filter((r) => newCustomersOf(r.figures!) !== null);
  const acquisitionCost = (() => {
    const cost = sum((r) => r.inputOutput.totalCost, costedCustomers);
    const customers = sum(newCustomersOf, costedCustomers);
    return cost !== null && customers !== null && customers > 0 ? cost / customers : null;
  })();
  const ratio = inputOutputRatio(revenue, totalCost);
  const weekly = Object.fromEntries(WEEKLY_KEYS.map((key) => [key, sum((r) => r.weekly[key], key === 'revenue' || key === 'cost' ? money : counted)])) as Record<WeeklyKey, number | null>;
  return {
    cycle,
    asOf: isoFromDay(options.today),
    currencyUnit,
    regions: ranked,
    rankedBy: ranking,
    total: {
      metrics,
      inputOutput: {
        totalCost, revenue, ratio, ratioLabel: ratioLabel(ratio), netRoi: netRoi(revenue, totalCost), budget: sum((r) => r.inputOutput.budget, money),
        newCustomers: sum(newCustomersOf), acquisitionCost,
      },
      weekly,
      tasks: {
        total: counted.reduce((n, r) => n + r.figures!.tasks.total, 0), done: counted.reduce((n, r) => n + r.figures!.tasks.done, 0),
        open: counted.reduce((n, r) => n + r.figures!.tasks.open, 0), overdue: counted.reduce((n, r) => n + r.figures!.tasks.overdue, 0),
      },
      problems: { errors: counted.reduce((n, r) => n + r.figures!.problems.errors, 0), warnings: counted.reduce((n, r) => n + r.figures!.problems.warnings, 0) },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Words

export const ROLLUP_NOTE = {
  file: { en: '{detail}', zh: '{detail}' },
  no_url: { en: 'no sheet URL in Regions', zh: '“区域”中没有表格链接' },
  bad_url: { en: '"{detail}" is not a Google Sheets link: paste the region sheet\'s address (https://docs.google.com/spreadsheets/d/…)', zh: '“{detail}”不是 Google 表格链接：请粘贴区域表格的地址（https://docs.google.com/spreadsheets/d/…）' },
  no_access: {
    en: 'its sheet cannot be read (#REF!): open the hidden Region imports tab and click Allow access on its cell, and make sure you can open the region\'s sheet (Viewer is enough) and that it has run Set up (it needs its Roll-up data tab)',
    zh: '无法读取其表格（#REF!）：请打开隐藏的“区域导入”工作表，在对应单元格点击“允许访问”，并确认您能打开该区域表格（查看权限即可）且该表格已运行“创建或修复工作表”（需要其“汇总数据”工作表）',
  },
  loading: { en: 'its data is still loading: refresh again in a minute', zh: '数据仍在加载：请稍后再次刷新' },
  no_feed: { en: 'its Roll-up data tab is empty: run Check data in the region\'s sheet once (or turn its reminders on)', zh: '其“汇总数据”工作表为空：请在该区域表格中运行一次“检查数据”（或开启其提醒）' },
  bad_feed: { en: 'its Roll-up data tab cannot be read: {detail}', zh: '无法读取其“汇总数据”工作表：{detail}' },
  other_cycle: { en: 'its cycle is {cycle}, not {expected}: left out of the totals', zh: '其周期为 {cycle}，不是 {expected}：未计入合计' },
  stale: { en: 'no check-in for {days} days (last {last})', zh: '已 {days} 天未更新（上次 {last}）' },
  staleWorkdays: { en: 'no check-in for {days} workdays (last {last})', zh: '已 {days} 个工作日未更新（上次 {last}）' },
  neverCheckedIn: { en: 'no check-in yet (no Updated stamps or Weekly log rows)', zh: '尚无更新记录（没有更新时间或周报记录）' },
  old_figures: { en: 'its figures are from {asOf}: run Check data in its sheet (or turn its reminders on) so they refresh', zh: '其数据停留在 {asOf}：请在该区域表格中运行“检查数据”（或开启其提醒）以刷新' },
  problems: { en: '{errors} errors and {warnings} warnings in Check data', zh: '“检查数据”中有 {errors} 个错误、{warnings} 个警告' },
  money_unit_blank: { en: 'its Settings → Currency unit is empty, so its amounts cannot be added to {expected}: set it in the region\'s sheet', zh: '其“设置 → 金额单位”为空，金额无法按 {expected} 合计：请在该区域表格中填写' },
  money_unit_unknown: { en: 'its currency unit "{unit}" cannot be converted into {expected}: amounts left out of the totals', zh: '其金额单位“{unit}”无法换算为 {expected}：金额未计入合计' },
  money_currency: { en: 'its amounts are in {unit}, another currency than {expected}: left out of the money totals', zh: '其金额单位为 {unit}，与 {expected} 币种不同：未计入金额合计' },
} as const satisfies Record<string, Bilingual>;

export const NO_TOTAL = {
  rate_without_counts: { en: 'a rate: it cannot be added up across regions without the counts behind it', zh: '比率指标：没有其背后的数量，无法跨区域合计' },
  not_summable: { en: 'not a count or an amount: it does not add up across regions', zh: '不是数量或金额：不能跨区域相加' },
  directions_differ: { en: 'regions disagree on whether higher or lower is better', zh: '各区域对该指标“越高越好/越低越好”的设置不一致' },
  no_regions: { en: 'no region has both a target and an actual', zh: '没有区域同时有目标值和实际值' },
} as const satisfies Record<string, Bilingual>;

/** A region's note in words. */
export function noteText(note: RegionNote, workdays: boolean): Bilingual {
  switch (note.code) {
    case 'unreadable': {
      const reason = note.reason;
      return fill(ROLLUP_NOTE[reason.code], 'detail' in reason ? { detail: reason.detail } : {});
    }
    case 'other_cycle': return fill(ROLLUP_NOTE.other_cycle, { cycle: note.cycle || '—', expected: note.expected });
    case 'stale':
      return note.lastCheckIn === null || note.days === null ? ROLLUP_NOTE.neverCheckedIn
        : fill(workdays ? ROLLUP_NOTE.staleWorkdays : ROLLUP_NOTE.stale, { days: note.days, last: note.lastCheckIn });
    case 'old_figures': return fill(ROLLUP_NOTE.old_figures, { asOf: note.asOf });
    case 'problems': return fill(ROLLUP_NOTE.problems, { errors: note.errors, warnings: note.warnings });
    case 'money': return fill(ROLLUP_NOTE[`money_${note.reason}`], { unit: note.unit, expected: note.expected || '—' });
  }
}

/** The metric names the catalogue ties to one key, so "East China revenue" and "华南销售额" are one row. */
export function totalMetricName(m: TotalMetric, lang: 'en' | 'zh-CN'): string {
  if (m.metricKey === null) return m.metric;
  const NAMES: Partial<Record<MetricKey, Bilingual>> = {
    revenue: { en: 'Revenue', zh: '销售额' }, new_customers: { en: 'New customers', zh: '新增客户数' }, visits: { en: 'Customer visits', zh: '客户拜访量' },
    leads: { en: 'Leads', zh: '线索量' }, lead_conversion: { en: 'Lead conversion rate', zh: '线索转化率' }, total_cost: { en: 'Total expansion cost', zh: '拓展总成本' },
    roi: { en: 'Input-output ratio', zh: '投入产出比' }, event_participants: { en: 'Event participants', zh: '活动参与人数' },
    acquisition_cost: { en: 'Acquisition cost', zh: '获客成本' }, avg_order_value: { en: 'Average order value', zh: '客单价' },
    market_share: { en: 'Market share', zh: '市场份额' }, satisfaction: { en: 'Customer satisfaction', zh: '客户满意度' },
    repeat_rate: { en: 'Repeat purchase rate', zh: '重复购买率' }, referral_rate: { en: 'Referral rate', zh: '转介绍率' },
  };
  const name = NAMES[m.metricKey];
  return name ? (lang === 'zh-CN' ? name.zh : name.en) : m.metric;
}

