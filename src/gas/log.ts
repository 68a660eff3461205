import { TabKey, tabSpec } from '../core/schema';
import { mapHeaders } from '../core/table';
import { asLiteral } from '../core/table';
import { ensureSize } from './spreadsheet';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface LogEntry {
  readonly action: string;
  readonly detail: string;
}

/** Appends rows to the Log tab in one write; no-op when the tab is missing (set-up creates it). */
export function appendLog(tabs: Map<TabKey, Sheet>, entries: readonly LogEntry[], now: Date = new Date()): void {
  const sheet = tabs.get('log');
  if (!sheet || entries.length === 0) return;
  const width = Math.max(sheet.getLastColumn(), 1);
  const header = mapHeaders(tabSpec('log'), sheet.getRange(1, 1, 1, width).getValues()[0] ?? []);
  const by = Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail();
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
  ensureSize(sheet, first + rows.length - 1, width);
  sheet.getRange(first, 1, rows.length, width).setValues(rows);
}
