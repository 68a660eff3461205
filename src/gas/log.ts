import { TabKey, tabSpec } from '../core/schema';
import { mapHeaders } from '../core/table';
import { asLiteral } from '../core/table';
import { activeUserEmail, effectiveUserEmail } from './run';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface LogEntry {
  readonly action: string;
  readonly detail: string;
}

/** Appends rows to the Log tab in one write; no-op when the tab is missing (set-up creates it). */
export function appendLog(tabs: Map<TabKey, Sheet>, entries: readonly LogEntry[], now: Date = new Date()): void {
  const sheet = tabs.get('log');
  if (!sheet || entries.length === 0) return;
  // The header row in one read ('1:1' is as wide as the grid); the rows are as wide as its last header.
  const headerRow = sheet.getRange('1:1').getValues()[0] ?? [];
  let width = headerRow.length;
  while (width > 1 && headerRow[width - 1] === '') width--;
  width = Math.max(width, 1);
  const header = mapHeaders(tabSpec('log'), headerRow.slice(0, width));
  const by = activeUserEmail() || effectiveUserEmail();
  const rows = entries.map((entry) => {
    const row: unknown[] = new Array(width).fill('');
    const put = (key: string, value: unknown): void => {
      const column = header.index.get(key);
      if (column !== undefined) row[column] = value;
    };
    put('time', now);
    put('action', asLiteral(entry.action));
    put('by', asLiteral(by));
    put('detail', asLiteral(entry.detail));
    return row;
  });
  const first = sheet.getLastRow() + 1;
  const maxRows = sheet.getMaxRows();
  if (first + rows.length - 1 > maxRows) sheet.insertRowsAfter(maxRows, first + rows.length - 1 - maxRows);
  sheet.getRange(first, 1, rows.length, width).setValues(rows);
}
