/**
 * What earlier cycles achieved, for the strategy plan's "lessons carried over" and the plan review's
 * history checks. Two sources, best first:
 *
 * - an archive of the cycle's Evaluation tab (Start next cycle copies it as `Archive 2023 Q3 — Evaluation`):
 *   the final targets and actuals as the team typed them;
 * - the progress history (历史): the cycle's last team snapshot per metric. Snapshots are taken while a cycle
 *   runs, so a cycle's figures count as its results only when that snapshot expected the whole target
 *   (taken at or after the cycle's end); earlier ones are shown as "to date" and never compared with.
 */
import { MetricKey, defaultDirection, metricInfo } from './catalogue';
// Types only from history.ts: it reaches the digest, which runs Check data, which runs the plan review (no cycle).
import type { Snapshot } from './history';
import { sameMetric } from './people';
import { RawWorkbook, readWorkbook } from './model';
import { normalizeLabel } from './options';
import { SETTINGS_TAB, TABS, settingSpec, tabSpec } from './schema';
import type { ValueKind } from './units';
import { CellValue, Day, Direction, utcDayOf } from './values';

export interface CycleResult {
  readonly metric: string;
  readonly metricKey: MetricKey | null;
  readonly kind: ValueKind;
  readonly direction: Direction;
  readonly target: number | null;
  readonly actual: number | null;
}

/** A metric's final result in one cycle. */
export interface FinalResult {
  readonly cycle: string;
  readonly actual: number;
}

export type CycleSource =
  | { readonly kind: 'archive'; readonly sheet: string }
  | { readonly kind: 'history'; readonly date: Day; readonly final: boolean };

export interface PreviousCycle {
  readonly cycle: string;
  readonly source: CycleSource;
  readonly results: readonly CycleResult[];
}

/** A sheet of the spreadsheet that is none of the tracker's tabs: its name and cells (header row first). */
export interface ExtraSheet {
  readonly name: string;
  readonly grid: readonly (readonly CellValue[])[];
}

const ARCHIVE_PREFIXES = ['Archive', '归档'];

/** The cycle of an archive copy of Evaluation (`Archive 2023 Q3 — Evaluation`, `归档 2023 Q3 — 效果评估`), else null. */
export function archivedEvaluationCycle(sheetName: string): string | null {
  const evaluation = tabSpec('evaluation').name;
  for (const prefix of ARCHIVE_PREFIXES) {
    for (const tab of [evaluation.en, evaluation.zh]) {
      const m = new RegExp(`^${prefix}\\s+(.+?)\\s+—\\s+${tab}(?:\\s+\\(\\d+\\))?$`).exec(sheetName.trim());
      if (m) return m[1]!.trim();
    }
  }
  return null;
}

/** Cycle labels in time order: "2023 Q3" before "2023 Q4", "2023 Q4" before "2024 Q1" (numbers compared as numbers). */
export function compareCycles(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}

function archiveCycle(sheet: ExtraSheet, cycle: string, currencyUnit: string): PreviousCycle {
  // The archive is read like the Evaluation tab, in this sheet's currency unit (one reader, one unit rule).
  const settingsHeader = SETTINGS_TAB.columns.map((c) => c.header.en);
  const raw: RawWorkbook = {
    settings: [settingsHeader, [settingSpec('currencyUnit').label.en, currencyUnit, '']],
    evaluation: sheet.grid.map((row) => [...row]),
  };
  const parsed = readWorkbook(raw, { today: 0, dayOf: utcDayOf });
  return {
    cycle,
    source: { kind: 'archive', sheet: sheet.name },
    results: parsed.evaluation
      .filter((e) => e.metric !== '' && e.invalid.length === 0)
      .map((e) => ({ metric: e.metric, metricKey: e.metricKey, kind: e.kind, direction: e.direction, target: e.target, actual: e.actual })),
  };
}

function historyCycle(snapshots: readonly Snapshot[], cycle: string, kindOf: (s: Snapshot) => { kind: ValueKind; direction: Direction }): PreviousCycle | null {
  const team = snapshots.filter((s) => s.cycle === cycle && s.owner.trim() === '');
  if (team.length === 0) return null;
  const latest: Snapshot[] = [];
  for (const s of team) {
    const at = latest.findIndex((l) => sameMetric(l, s));
    if (at < 0) latest.push(s);
    else if (s.date > latest[at]!.date || (s.date === latest[at]!.date && s.row > latest[at]!.row)) latest[at] = s;
  }
  const date = Math.max(...latest.map((s) => s.date));
  // Final when the last snapshot expected the whole target of every total it paces (taken after the cycle ended).
  const paced = latest.filter((s) => s.expected !== null && s.target !== null && s.target > 0);
  const final = paced.length > 0 && paced.every((s) => s.expected! >= s.target! - 1e-9);
  return {
    cycle,
    source: { kind: 'history', date, final },
    results: latest.map((s) => ({ metric: s.metric, metricKey: s.metricKey, ...kindOf(s), target: s.target, actual: s.actual })),
  };
}

/** A history metric's kind and direction, from the catalogue (a team's own metric: a number, higher is better). */
export function catalogueKind(metric: { metric: string; metricKey: MetricKey | null }): { kind: ValueKind; direction: Direction } {
  if (metric.metricKey === null) return { kind: 'number', direction: defaultDirection(metric.metric) };
  const info = metricInfo(metric.metricKey);
  return { kind: info.unit === 'percent' ? 'percent' : info.unit === 'ratio' ? 'ratio' : 'number', direction: info.direction };
}

/**
 * Every cycle before `current` that an archive or the history holds, oldest first. A cycle with an archive
 * of its Evaluation tab takes its figures from there; otherwise from the history.
 */
export function previousCycles(
  current: string, extraSheets: readonly ExtraSheet[], snapshots: readonly Snapshot[], currencyUnit: string,
  kindOf: (metric: { metric: string; metricKey: MetricKey | null }) => { kind: ValueKind; direction: Direction } = catalogueKind,
): PreviousCycle[] {
  const here = normalizeLabel(current);
  const byCycle = new Map<string, PreviousCycle>();
  for (const sheet of extraSheets) {
    const cycle = archivedEvaluationCycle(sheet.name);
    if (cycle === null || normalizeLabel(cycle) === here || byCycle.has(normalizeLabel(cycle))) continue;
    byCycle.set(normalizeLabel(cycle), archiveCycle(sheet, cycle, currencyUnit));
  }
  for (const cycle of new Set(snapshots.map((s) => s.cycle.trim()))) {
    if (cycle === '' || normalizeLabel(cycle) === here || byCycle.has(normalizeLabel(cycle))) continue;
    const found = historyCycle(snapshots, cycle, kindOf);
    if (found) byCycle.set(normalizeLabel(cycle), found);
  }
  return [...byCycle.values()]
    .filter((c) => current.trim() === '' || compareCycles(c.cycle, current) < 0)
    .sort((a, b) => compareCycles(a.cycle, b.cycle));
}

/** Cycles whose figures are results (an archive, or a history snapshot taken after the cycle ended). */
export function finalCycles(cycles: readonly PreviousCycle[]): PreviousCycle[] {
  return cycles.filter((c) => c.source.kind === 'archive' || c.source.final);
}

/** The result of a metric in a cycle, by catalogue key or name. */
export function resultOf(cycle: PreviousCycle, metric: { metric: string; metricKey: MetricKey | null }): CycleResult | null {
  return cycle.results.find((r) => sameMetric(r, metric) && r.actual !== null) ?? null;
}

/** The tracker's own tab names in both languages, so only other sheets are read as possible archives. */
export function isTrackerTab(name: string): boolean {
  const key = normalizeLabel(name);
  return TABS.some((t) => normalizeLabel(t.name.en) === key || normalizeLabel(t.name.zh) === key);
}

/** Names of the sheets worth reading for previous cycles: archive copies of Evaluation. */
export function archiveSheetNames(names: readonly string[]): string[] {
  return names.filter((n) => !isTrackerTab(n) && archivedEvaluationCycle(n) !== null);
}

