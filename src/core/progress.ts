import { targetProgress } from './digest';
import { formatPercent } from './format';
import { Lang, pick } from './i18n';
import { RawWorkbook, Workbook } from './model';
import { METRIC_STATUS, optionLabel } from './options';
import { tabSpec } from './schema';
import { CellWrite, mapHeaders } from './table';
import { CellValue, Day } from './values';

/**
 * The Goals tab's progress columns (Actual to date, Expected by today, Progress, Progress status,
 * Projection, Needed per week), as the writes that bring them up to date for `today`. Each cycle target's
 * row gets its figures; other rows are left blank. Writes only what changed, so refreshing an up-to-date
 * sheet writes nothing; one write per run of adjacent progress columns.
 */
export function planProgress(workbook: Workbook, raw: RawWorkbook, today: Day, lang: Lang): CellWrite[] {
  const grid = raw.goals;
  if (!grid || grid.length < 2) return [];
  const spec = tabSpec('goals');
  const header = mapHeaders(spec, grid[0] ?? []);
  const columns = spec.columns.filter((c) => c.computed && header.index.has(c.key)).map((c) => ({ key: c.key, at: header.index.get(c.key)! }));
  if (columns.length === 0) return [];
  const byRow = new Map(targetProgress(workbook, today).map((p) => [p.goalRow, p]));
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
