/**
 * The progress history (历史): one snapshot per metric — for the team, and for each owner with a target of
 * their own — per day a reminder run or Check data looks at the sheet. Snapshots are appended, never
 * rewritten, and each names its cycle, so the roll-over keeps them and a later cycle can be compared with
 * an earlier one. This module plans the rows to append (none twice for a day) and reads them back: the
 * week-over-week change of the managers' summary, the report's trend chart and cycle comparison, and
 * "what changed since last week" for anyone else (snapshotBefore / changesSince).
 */
import { MetricKey, metricKeyOf } from './catalogue';
import { TargetProgress, personKey, targetProgress, weekStartOf } from './digest';
import { formatPercent } from './format';
import { Lang, pick } from './i18n';
import { Status } from './metrics';
import { TimeContext, Workbook, cellText } from './model';
import { METRIC_STATUS, matchOption, optionLabel } from './options';
import { tabSpec } from './schema';
import { mapHeaders, readTable } from './table';
import { CellValue, Day, parseDate, parseNumber } from './values';
import { WeekChange } from './weekChange';
import { sameMetric } from './people';

export interface Snapshot {
  /** Sheet row in the history tab. */
  readonly row: number;
  /** Monday of the snapshot's week, and the day it was taken. */
  readonly week: Day;
  readonly date: Day;
  readonly cycle: string;
  readonly metric: string;
  readonly metricKey: MetricKey | null;
  /** '' for the whole team. */
  readonly owner: string;
  readonly target: number | null;
  readonly actual: number | null;
  readonly expected: number | null;
  readonly progress: number | null;
  readonly status: Status | null;
}

/** A figure taken now, for one metric of the team or of one owner. */
export interface SnapshotLine {
  readonly week: Day;
  readonly date: Day;
  readonly cycle: string;
  readonly metric: string;
  readonly owner: string;
  readonly target: number | null;
  readonly actual: number | null;
  readonly expected: number | null;
  readonly progress: number | null;
  readonly status: Status;
  /** A rate (conversion, share…): its figures are written as percentages. */
  readonly isRate: boolean;
}

/** Reads the history tab (header row first); rows that cannot be read are skipped, never guessed. */
export function readSnapshots(grid: readonly (readonly CellValue[])[], time: Pick<TimeContext, 'dayOf'>, firstRow = 1): Snapshot[] {
  if (grid.length === 0) return [];
  const { rows } = readTable(tabSpec('history'), grid);
  const out: Snapshot[] = [];
  const num = (value: CellValue): number | null => {
    const parsed = parseNumber(value);
    return parsed.ok ? parsed.value : null;
  };
  for (const r of rows) {
    const date = parseDate(r.cells.date ?? '', time.dayOf);
    const week = parseDate(r.cells.week ?? '', time.dayOf);
    const metric = cellText(r.cells.metric, time.dayOf);
    const cycle = cellText(r.cells.cycle, time.dayOf);
    const day = date.ok && date.value ? date.value.start : week.ok && week.value ? week.value.start : null;
    if (day === null || metric === '' || cycle === '') continue;
    const status = matchOption(METRIC_STATUS, cellText(r.cells.status, time.dayOf));
    out.push({
      row: r.row + firstRow - 1, week: weekStartOf(day), date: day, cycle, metric, metricKey: metricKeyOf(metric),
      owner: cellText(r.cells.owner, time.dayOf), target: num(r.cells.target), actual: num(r.cells.actual),
      expected: num(r.cells.expected), progress: num(r.cells.progress), status: status as Status | null,
    });
  }
  return out;
}

/** The same metric in two snapshots or a snapshot and a target (people.ts: one definition). */
export { sameMetric };

function lineOf(p: TargetProgress, cycle: string, today: Day, owner: string): SnapshotLine {
  return {
    week: weekStartOf(today), date: today, cycle, metric: p.metric, owner, target: p.target, actual: p.actual, expected: p.expected,
    progress: p.rate, status: p.status, isRate: p.isRate,
  };
}

/**
 * Today's snapshot: one line per cycle target (the team), then per owner target when there are any. Nothing
 * when the cycle is not set, or when `recent` (the last rows of the tab) already holds today's snapshot of
 * this cycle: a retry, a second run or Check data after the reminder run adds no duplicate.
 */
export function planSnapshot(workbook: Workbook, today: Day, recent: readonly Snapshot[], owners: readonly { owner: string; progress: TargetProgress }[] = []): SnapshotLine[] {
  const cycle = workbook.settings.cycle.trim();
  if (cycle === '') return [];
  if (recent.some((s) => s.date === today && s.cycle === cycle)) return [];
  // targetProgress gives the team's targets and each owner's share (p.owner), each recorded under its owner.
  const team = targetProgress(workbook, today).map((p) => lineOf(p, cycle, today, p.owner ?? ''));
  const own = owners.map((o) => lineOf(o.progress, cycle, today, o.owner));
  return [...team, ...own];
}

/** A calendar day or the time of the write, for the adapter to turn into a Date in the spreadsheet's zone. */
export type HistoryCell = CellValue | { readonly day: Day } | { readonly now: true };

/** The lines as rows of the tab as it is laid out (its header row), for one write. */
export function snapshotRows(headerRow: readonly CellValue[], lines: readonly SnapshotLine[], lang: Lang): HistoryCell[][] {
  const header = mapHeaders(tabSpec('history'), headerRow);
  const width = Math.max(headerRow.length, 1);
  const figure = (n: number | null): CellValue => (n === null || !Number.isFinite(n) ? '' : Math.round(n * 10_000) / 10_000);
  return lines.map((line) => {
    const row: HistoryCell[] = new Array(width).fill('');
    const put = (key: string, value: HistoryCell): void => {
      const at = header.index.get(key);
      if (at !== undefined) row[at] = value;
    };
    put('week', { day: line.week });
    put('date', { day: line.date });
    put('cycle', `'${line.cycle}`);
    put('metric', `'${line.metric}`);
    put('owner', line.owner === '' ? '' : `'${line.owner}`);
    // A rate reads as a percentage in columns formatted for counts and amounts (as the Goals progress columns do).
    const measure = (n: number | null): CellValue => (line.isRate && n !== null && Number.isFinite(n) ? formatPercent(n) : figure(n));
    put('target', measure(line.target));
    put('actual', measure(line.actual));
    put('expected', measure(line.expected));
    put('progress', figure(line.progress));
    put('status', pick(optionLabel(METRIC_STATUS, line.status), lang));
    put('recorded', { now: true });
    return row;
  });
}

/** The latest snapshot of a metric (team when owner is '') taken on or before `day` in `cycle`, or null. */
export function snapshotBefore(
  snapshots: readonly Snapshot[], cycle: string, metric: { metric: string; metricKey: MetricKey | null }, owner: string, day: Day,
): Snapshot | null {
  let best: Snapshot | null = null;
  for (const s of snapshots) {
    if (s.cycle !== cycle || s.date > day || personKey(s.owner) !== personKey(owner) || !sameMetric(s, metric)) continue;
    if (best === null || s.date > best.date || (s.date === best.date && s.row > best.row)) best = s;
  }
  return best;
}

/** What changed for each metric of the team (and each owner) since the latest snapshot on or before `since`. */
export function changesSince(snapshots: readonly Snapshot[], cycle: string, since: Day): { readonly before: Snapshot; readonly after: Snapshot }[] {
  const latest = new Map<string, Snapshot>();
  for (const s of snapshots) {
    if (s.cycle !== cycle) continue;
    const key = `${s.metricKey ?? personKey(s.metric)}\u0000${personKey(s.owner)}`;
    const best = latest.get(key);
    if (!best || s.date > best.date || (s.date === best.date && s.row > best.row)) latest.set(key, s);
  }
  const out: { before: Snapshot; after: Snapshot }[] = [];
  for (const after of latest.values()) {
    const before = snapshotBefore(snapshots, cycle, after, after.owner, since);
    if (before && before.date < after.date) out.push({ before, after });
  }
  return out;
}

/**
 * Each team target's change over the last seven days. Figures the Weekly log adds up are recomputed as of a
 * week ago (so the change is exactly this week's rows, even after a late correction); the others come from
 * the history's latest snapshot taken on or before that day. Null before the cycle's first full week.
 */
export function weekOverWeek(workbook: Workbook, today: Day, snapshots: readonly Snapshot[]): WeekChange[] {
  const weekAgo = today - 7;
  const start = workbook.settings.cycleStart;
  const cycle = workbook.settings.cycle.trim();
  const then = start !== null && weekAgo < start ? [] : targetProgress(workbook, weekAgo);
  return targetProgress(workbook, today).map((now) => {
    const recomputed = then.find((p) => p.goalRow === now.goalRow && p.owner === now.owner && p.metric === now.metric);
    let before: WeekChange['before'] = null;
    if (recomputed && recomputed.actual !== null) before = { actual: recomputed.actual, rate: recomputed.rate };
    else {
      const snap = snapshotBefore(snapshots, cycle, now, now.owner ?? '', weekAgo);
      if (snap) before = { actual: snap.actual, rate: snap.progress };
    }
    const delta = before !== null && before.actual !== null && now.actual !== null ? now.actual - before.actual : null;
    return { metric: now.metric, metricKey: now.metricKey, isRate: now.isRate, actual: now.actual, rate: now.rate, before, delta };
  });
}
