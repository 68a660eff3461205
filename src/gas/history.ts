import { Snapshot, planSnapshot, readSnapshots, snapshotRows } from '../core/history';
import { CellValue } from '../core/values';
import { OpenWorkbook, dateMaker } from './spreadsheet';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Rows the tab grows by when it is full: an append then stays one write for the next thousand rows. */
const GROW_BY = 1000;

/**
 * The last `rows` snapshots of the progress history (one read, whatever its length), or [] when the tab is
 * missing. Enough for "today's snapshot is there already" and for week-over-week changes.
 */
export function recentSnapshots(open: OpenWorkbook, rows: number): HistoryTail | null {
  const sheet = open.tabs.get('history');
  if (!sheet) return null;
  return readTail(sheet, rows, open);
}

/** The history's header and last rows as read (`first`: the first data row read). */
export interface HistoryTail {
  readonly header: CellValue[];
  readonly snapshots: Snapshot[];
  readonly lastRow: number;
  readonly first: number;
}

function readTail(sheet: Sheet, rows: number, open: OpenWorkbook): HistoryTail {
  const lastRow = sheet.getLastRow();
  const width = Math.max(sheet.getLastColumn(), 1);
  if (lastRow === 0) return { header: [], snapshots: [], lastRow, first: 2 };
  // The header and the tail in one read when they are close, else two.
  const first = Math.max(2, lastRow - rows + 1);
  if (first <= 3) {
    const grid = sheet.getRange(1, 1, lastRow, width).getValues() as CellValue[][];
    return { header: grid[0] ?? [], snapshots: readSnapshots(grid, open.time), lastRow, first: 2 };
  }
  const header = (sheet.getRange(1, 1, 1, width).getValues()[0] ?? []) as CellValue[];
  const tail = sheet.getRange(first, 1, lastRow - first + 1, width).getValues() as CellValue[][];
  return { header, snapshots: readSnapshots([header, ...tail], open.time, first - 1), lastRow, first };
}

/** Every snapshot of the history (the report's trend chart and cycle comparison read it all once). */
export function allSnapshots(open: OpenWorkbook): Snapshot[] {
  const sheet = open.tabs.get('history');
  if (!sheet) return [];
  const lastRow = sheet.getLastRow();
  if (lastRow < 2) return [];
  return readSnapshots(sheet.getRange(1, 1, lastRow, Math.max(sheet.getLastColumn(), 1)).getValues() as CellValue[][], open.time);
}

/**
 * Appends today's snapshot (one row per metric, team and owners) in one write, unless today's is there
 * already. Returns the rows appended. `known`: the tail this run read already (nothing written to the tab since),
 * used when it reaches back far enough.
 */
export function recordSnapshot(open: OpenWorkbook, known: HistoryTail | null = null): number {
  const sheet = open.tabs.get('history');
  if (!sheet) return 0;
  const planned = planSnapshot(open.workbook, open.time.today, []);
  if (planned.length === 0) return 0;
  const needed = planned.length * 2 + 10;
  const covers = known !== null && known.first <= Math.max(2, known.lastRow - needed + 1);
  const { header, snapshots, lastRow } = covers ? known : readTail(sheet, needed, open);
  const lines = planSnapshot(open.workbook, open.time.today, snapshots);
  if (lines.length === 0 || header.length === 0) return 0;
  const dateOf = dateMaker(open.timeZone);
  const now = new Date();
  const rows = snapshotRows(header, lines, open.lang).map((row) => row.map((cell): CellValue => {
    if (cell !== null && typeof cell === 'object' && !(cell instanceof Date)) return 'day' in cell ? dateOf(cell.day) : now;
    return cell;
  }));
  const first = lastRow + 1;
  const maxRows = sheet.getMaxRows();
  if (first + rows.length - 1 > maxRows) sheet.insertRowsAfter(maxRows, Math.max(GROW_BY, first + rows.length - 1 - maxRows));
  sheet.getRange(first, 1, rows.length, rows[0]!.length).setValues(rows);
  return rows.length;
}
