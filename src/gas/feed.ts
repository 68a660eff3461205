import { checkWorkbook } from '../core/checks';
import { regionFigures } from '../core/rollup';
import { feedRows } from '../core/rollupFeed';
import { CellValue } from '../core/values';
import { ensureSize, OpenWorkbook, openWorkbook, readGrid } from './spreadsheet';

/**
 * Keeps this tracker's Roll-up data tab (汇总数据) current: the figures a director's roll-up imports
 * (core/rollupFeed.ts). Called when the sheet opens, by Check data and by each daily reminder run. Writes
 * only when something changed (one read, at most two writes), and never in a roll-up tracker or a sheet
 * set up before the tab existed (Set up adds it). `open` must hold every tab: the figures are the report's.
 */
export function refreshFeed(open: OpenWorkbook): boolean {
  const sheet = open.tabs.get('feed');
  if (!sheet || open.workbook.settings.mode !== 'tracker') return false;
  const full = open.raw.evaluation === undefined && open.tabs.has('evaluation') ? openWorkbook(open.ss) : open;
  const { workbook, time, lang } = full;
  const rows = feedRows(regionFigures(workbook, time, checkWorkbook(workbook, time)), lang);
  const current = readGrid(sheet);
  // The apostrophe that keeps an ISO date text is not part of the stored value.
  const wanted = rows.map((r) => r.map((c) => (typeof c === 'string' ? c.replace(/^'/, '') : c)));
  if (same(current, wanted)) return false;
  const width = rows[0]!.length;
  ensureSize(sheet, rows.length, width);
  sheet.getRange(1, 1, rows.length, width).setValues(rows);
  // A shorter list (a metric deleted) leaves no stale rows below it.
  if (current.length > rows.length) sheet.getRange(rows.length + 1, 1, current.length - rows.length, Math.max(width, current[0]?.length ?? 0)).clearContent();
  return true;
}

function same(a: readonly (readonly CellValue[])[], b: readonly (readonly CellValue[])[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((row, i) => {
    const other = b[i]!;
    const width = Math.max(row.length, other.length);
    for (let c = 0; c < width; c++) {
      const x = row[c] ?? '';
      const y = other[c] ?? '';
      if (typeof x === 'number' && typeof y === 'number' ? Math.abs(x - y) > 1e-12 * Math.max(1, Math.abs(x)) : String(x) !== String(y)) return false;
    }
    return true;
  });
}
